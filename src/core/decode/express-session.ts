import type { Decoder } from './types';

// cookie-signature: "s:" + id + "." + base64(HMAC-SHA256(secret, id)) without "=" padding
const SIGNED = /^s:([^.]+)\.([A-Za-z0-9+/]{43})$/;

// express-session ids come from uid-safe(24): 32 base64url characters.
const SESSION_ID = /^[A-Za-z0-9_-]{32}$/;

/**
 * `s:<value>.<signature>` is cookie-signature's format, used by express-session for its id (connect.sid
 * by default) and by cookie-parser for any signed cookie (`res.cookie(name, value, { signed: true })`).
 * It is a session only under connect.sid or with express-session's id; anything else (a paywall counter
 * `s:1.…`) is a signed cookie, not a session.
 */
export const expressSession: Decoder = {
  id: 'express-session',
  formats: { 'express-session': 'express-session signed id', 'cookie-parser-signed': 'signed cookie (cookie-parser)' },
  examples: {
    match: [
      {
        cookie: { name: 'connect.sid', value: 's%3ABiQHrBy1ouDrbiVLjshIigb5bZmQzrIz.2jvKaTKhZIkMKFznHytUoPadu%2Bvu%2BqqE%2BOUtWz09Nbs' },
        format: 'express-session',
      },
      { cookie: { name: 'user', value: 's:alice.G2Nf34I+jXcvsAIItvJkvwPKMneAhmY+ZBUv6FUGtL8' }, format: 'cookie-parser-signed' },
    ],
    noMatch: [
      { name: 'connect.sid', value: 's:abc.short' },
      { name: 'connect.sid', value: 's%3A%E0%A4%A' },
    ],
  },
  decode({ name, value }) {
    let v = value;
    if (/^s%3A/i.test(v)) {
      try {
        v = decodeURIComponent(v);
      } catch {
        return null;
      }
    }
    const m = SIGNED.exec(v);
    if (!m) return null;
    if (name !== 'connect.sid' && !SESSION_ID.test(m[1])) {
      return {
        decoded: { format: 'cookie-parser-signed', framework: 'Express', payload: m[1], signed: true },
        signature: { kind: 'express', message: m[1], signature: m[2] },
      };
    }
    return {
      decoded: { format: 'express-session', framework: 'Express', storage: 'server', signed: true, id: m[1] },
      signature: { kind: 'express', message: m[1], signature: m[2] },
    };
  },
};
