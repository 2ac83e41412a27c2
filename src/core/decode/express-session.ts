import type { Decoder } from './types';

// cookie-signature: "s:" + id + "." + base64(HMAC-SHA256(secret, id)) without "=" padding
const SIGNED = /^s:([^.]+)\.([A-Za-z0-9+/]{43})$/;

/** express-session's signed id (`connect.sid` by default): the session data lives on the server. */
export const expressSession: Decoder = {
  format: 'express-session',
  decode({ value }) {
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
    return {
      decoded: { format: 'express-session', framework: 'Express', storage: 'server', signed: true, id: m[1] },
      signature: { kind: 'express', message: m[1], signature: m[2] },
    };
  },
};
