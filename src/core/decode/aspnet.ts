import type { Decoder } from './types';

/**
 * ASP.NET: Data Protection payloads (.AspNetCore.* cookies, base64url starting "CfDJ8") are encrypted;
 * classic ASP.NET_SessionId is a 24-character server-side id; .ASPXAUTH is an encrypted forms ticket.
 */
export const aspnet: Decoder = {
  format: 'aspnet-data-protection',
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
