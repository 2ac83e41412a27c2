import { base64ToBytes, isObject, utf8 } from '../bytes';
import { notesOf } from './limits';
import { readJsonPart } from './payload';
import type { DecodeResult, Decoder } from './types';

// itsdangerous URLSafeTimedSerializer: [.]base64url(payload).base64url(timestamp).base64url(HMAC-SHA1)
const SHAPE = /^(\.?[A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{2,8})\.([A-Za-z0-9_-]{27})$/;

/** Flask's TaggedJSONSerializer marks non-JSON types with one-key objects (flask/json/tag.py). */
export function untag(value: unknown, depth = 0): unknown {
  // Past this depth the tree is cut for display anyway (decode/limits.ts); stopping keeps the stack small.
  if (depth > 64) return value;
  const inner = (v: unknown) => untag(v, depth + 1);
  if (Array.isArray(value)) return value.map(inner);
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys;
    const v = value[key];
    switch (key) {
      case ' t':
        return Array.isArray(v) ? v.map(inner) : v;
      case ' b': {
        const bytes = typeof v === 'string' ? base64ToBytes(v) : null;
        const text = bytes && utf8(bytes);
        return text ?? v;
      }
      case ' u':
        // Flask stores uuid.hex; show the usual dashed form.
        return typeof v === 'string' && /^[0-9a-f]{32}$/i.test(v) ? v.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5') : v;
      case ' m':
      case ' d':
        return v;
      case ' di':
        return isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inner(x)])) : v;
    }
  }
  return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, inner(x)]));
}

/** Flask's default session cookie: signed, readable by anyone, optionally zlib-compressed. */
export const flask: Decoder = {
  id: 'flask',
  formats: { flask: 'Flask session (itsdangerous)' },
  examples: {
    match: [{ cookie: { name: 'session', value: 'eyJ1c2VyX2lkIjo0MiwiX2ZyZXNoIjp0cnVlfQ.aw8QIw.d1EYXbkMCS-pbXv8AAjTURtEZn8' }, format: 'flask' }],
    noMatch: [
      { name: 'session', value: 'not.a.flask-cookie' },
      { name: 'session', value: 'eyJ1c2VyX2lk.aw8QIw.d1EYXbkMCS-pbXv8AAjTURtEZn8' },
    ],
  },
  decode({ value }) {
    // Synchronous "no" for the common case; only a matching value pays for async decompression.
    const m = SHAPE.exec(value);
    return m ? readFlask(m[1], m[2], m[3]) : null;
  },
};

async function readFlask(payloadPart: string, tsPart: string, sig: string): Promise<DecodeResult | null> {
  const compressed = payloadPart.startsWith('.');
  const read = await readJsonPart(compressed ? payloadPart.slice(1) : payloadPart, compressed);
  if (!read) return null;
  const tsBytes = base64ToBytes(tsPart);
  let ts = 0;
  for (const b of tsBytes ?? []) ts = ts * 256 + b;
  return {
    decoded: {
      format: 'flask',
      framework: 'Flask',
      payload: untag(read.json),
      storage: 'client',
      signed: true,
      issuedAt: ts > 0 ? ts * 1000 : undefined,
      notes: notesOf(...read.notes),
    },
    signature: { kind: 'flask', message: `${payloadPart}.${tsPart}`, signature: sig },
  };
}
