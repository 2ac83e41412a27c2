import { base64ToBytes, isPrintable, parseJson, utf8 } from '../bytes';
import type { Decoder } from './types';

/** Base64 or base64url that decodes to readable text (or JSON). Random ids decode to binary and are left alone. */
export const base64: Decoder = {
  id: 'base64',
  formats: { base64: 'Base64' },
  examples: {
    match: [{ cookie: { name: 'cart', value: 'eyJpdGVtcyI6WzEsMl19' }, format: 'base64' }],
    noMatch: [
      { name: 'x', value: 'dark' },
      { name: 'x', value: '9f2c4e8a7b1d3f5e6a8c0b2d4f6e8a1c' },
    ],
  },
  decode({ value }) {
    let v = value;
    if (/%3D/i.test(v)) v = v.replace(/%3D/gi, '=');
    if (v.length < 8 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return null;
    const bytes = base64ToBytes(v);
    const text = bytes && utf8(bytes);
    if (!text || !isPrintable(text) || /^[A-Za-z]+$/.test(v)) return null;
    // Random bytes seldom decode to text with this many letters, spaces and punctuation only.
    const readable = (text.match(/[\w\s.,:;'"{}[\]@/=+-]/g)?.length ?? 0) / text.length;
    if (readable < 0.9) return null;
    const json = parseJson(text);
    return { decoded: { format: 'base64', payload: typeof json === 'object' && json !== null ? json : text } };
  },
};
