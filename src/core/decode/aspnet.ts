import type { Decoder } from './types';

/**
 * ASP.NET: Data Protection payloads (.AspNetCore.* cookies, base64url starting "CfDJ8") are encrypted;
 * classic ASP.NET_SessionId is a 24-character server-side id; .ASPXAUTH is an encrypted forms ticket.
 */
export const aspnet: Decoder = {
  id: 'aspnet',
  formats: { 'aspnet-data-protection': 'ASP.NET Core Data Protection', 'aspnet-session-id': 'ASP.NET session id', 'aspnet-forms-auth': 'ASP.NET forms ticket' },
  examples: {
    match: [
      {
        cookie: { name: '.AspNetCore.Session', value: 'CfDJ8mpMXfLAH7swtC8OxNRBu2gLk9WqkIoMgV3aJow__PUM4mrmaWUWZFox8pA4-W_XBByCd813342EpXb4p' },
        format: 'aspnet-data-protection',
      },
      { cookie: { name: 'ASP.NET_SessionId', value: 'kq3a4x0m2z5y1w0v3u4t2s1r' }, format: 'aspnet-session-id' },
      {
        cookie: {
          name: '.ASPXAUTH',
          value: 'EAAF5401FFDDBAB89942BE3FCA5CDAF84735D6C4C4876E89444A5A2CE520325BF7B2D38972EBCE43C03F3F01FD7E48E66C8AEBA275E9B9FEBF14C7E7DE03E2E3',
        },
        format: 'aspnet-forms-auth',
      },
    ],
    noMatch: [
      { name: 'ASP.NET_SessionId', value: 'short' },
      { name: 'other', value: 'CfDJ8' },
    ],
  },
  decode({ name, value }) {
    if (/^CfDJ8[A-Za-z0-9_-]{20,}$/.test(value)) {
      const session = /^\.AspNetCore\.Session$/i.test(name);
      return {
        decoded: {
          format: 'aspnet-data-protection',
          framework: 'ASP.NET Core',
          encrypted: true,
          // The session cookie holds an encrypted key to server-side data; the auth cookie holds the ticket itself.
          storage: session ? 'server' : /^\.AspNetCore\.(Cookies|Identity)/i.test(name) ? 'client' : undefined,
        },
      };
    }
    if (/^ASP\.NET_SessionId$/i.test(name) && /^[a-z0-5]{24}$/.test(value)) {
      return { decoded: { format: 'aspnet-session-id', framework: 'ASP.NET', storage: 'server', id: value } };
    }
    if (/^\.ASPXAUTH$/i.test(name) && /^[0-9A-F]{32,}$/i.test(value)) {
      return { decoded: { format: 'aspnet-forms-auth', framework: 'ASP.NET', encrypted: true, storage: 'client' } };
    }
    return null;
  },
};
