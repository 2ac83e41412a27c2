import { notesOf } from './limits';
import { readJsonPart } from './payload';
import type { DecodeResult, Decoder } from './types';

// django.core.signing: [.]base64url(json | zlib(json)):base62(timestamp):base64url(HMAC)
const SIGNED = /^(\.?[A-Za-z0-9_-]+):([0-9A-Za-z]{1,8}):([A-Za-z0-9_-]{27}|[A-Za-z0-9_-]{43})$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const DJANGO_SESSION_SALT = 'django.contrib.sessions.backends.signed_cookies';
export const DJANGO_MESSAGES_SALT = 'django.contrib.messages';

function base62(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 62 + BASE62.indexOf(ch);
  return n;
}

/** Django's signed-cookie session backend (and the messages cookie): readable, signed with SECRET_KEY. */
export const djangoSigned: Decoder = {
  id: 'django-signed',
  formats: { 'django-signed': 'Django signed cookie' },
  examples: {
    match: [
      {
        cookie: {
          name: 'sessionid',
          value:
            '.eJyrVopPLC3JiC8tTi2Kz0xRslIyVNJBFktKTM5OzQNJpGQl5qXn6yXn55UUZSbpgZToQWWL9XzzU1JznKBqawE67h8t:1xYSTn:LSW7wjiH6tmR-c1jeANTh_p4Q1oOBInoHXjoEZT1apA',
        },
        format: 'django-signed',
      },
    ],
    noMatch: [{ name: 'sessionid', value: 'abc:1xYSTn:short' }],
  },
  decode({ name, value }) {
    // Synchronous "no" for the common case; only a matching value pays for async decompression.
    const m = SIGNED.exec(value);
    return m ? readSigned(name, m[1], m[2], m[3]) : null;
  },
};

async function readSigned(name: string, dataPart: string, tsPart: string, sig: string): Promise<DecodeResult | null> {
  const compressed = dataPart.startsWith('.');
  const read = await readJsonPart(compressed ? dataPart.slice(1) : dataPart, compressed);
  if (!read) return null;
  const salt = name === 'messages' ? DJANGO_MESSAGES_SALT : DJANGO_SESSION_SALT;
  return {
    decoded: {
      format: 'django-signed',
      framework: 'Django',
      payload: read.json,
      storage: 'client',
      signed: true,
      issuedAt: base62(tsPart) * 1000,
      notes: notesOf(...read.notes),
    },
    signature: { kind: 'django', message: `${dataPart}:${tsPart}`, signature: sig, hash: sig.length === 43 ? 'SHA-256' : 'SHA-1', salt },
  };
}

/** Django's default database session: `sessionid` is a 32-character key, the data stays on the server. */
export const djangoSessionId: Decoder = {
  id: 'django-session-id',
  formats: { 'django-session-id': 'Django session key' },
  examples: {
    match: [{ cookie: { name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' }, format: 'django-session-id' }],
    noMatch: [
      { name: 'sessionid', value: 'SHORT' },
      { name: 'other', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' },
    ],
  },
  decode({ name, value }) {
    if (!/^(?:__host-|__secure-)?sessionid$/i.test(name) || !/^[a-z0-9]{32}$/.test(value)) return null;
    return { decoded: { format: 'django-session-id', framework: 'Django', storage: 'server', id: value } };
  },
};
