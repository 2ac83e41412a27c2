import { base64ToBytes, isObject, parseJson, utf8 } from '../bytes';
import type { Decoder } from './types';

/**
 * Laravel's encrypted cookies (laravel_session, XSRF-TOKEN, …): base64 of {"iv","value","mac","tag"},
 * AES-CBC or GCM with APP_KEY — identified, not readable. The session itself is on the server.
 */
export const laravel: Decoder = {
  id: 'laravel',
  formats: { 'laravel-encrypted': 'Laravel encrypted cookie' },
  examples: {
    match: [
      {
        cookie: {
          name: 'laravel_session',
          value:
            'eyJpdiI6IkhqOFh0aG5EbkFsNVB6YUlWRjN6eUE9PSIsInZhbHVlIjoiUEhYK3N4WHNnTU9LVjB4NzBRYTl4c1VxM3NQVTlyVzhJenZibzRHTnhhMD0iLCJtYWMiOiJhMWIxNjUxZDdkMWM5MzQ2MmEyYzVlMmY1NmNjYzk2ZTJlYzVmZDJlZTMxNDBhOWNlYzM5ZjU1YjE5Y2IyNDY5IiwidGFnIjoiIn0%3D',
        },
        format: 'laravel-encrypted',
      },
    ],
    noMatch: [{ name: 'laravel_session', value: 'eyJpdGVtcyI6WzEsMl19' }],
  },
  decode({ name, value }) {
    if (!value.startsWith('eyJpdiI6')) return null;
    let v = value;
    try {
      v = decodeURIComponent(value);
    } catch {
      return null;
    }
    if (!v.startsWith('eyJpdiI6')) return null;
    const bytes = base64ToBytes(v);
    const text = bytes && utf8(bytes);
    const json = text === null || text === undefined ? undefined : parseJson(text);
    if (!isObject(json) || typeof json.iv !== 'string' || typeof json.value !== 'string') return null;
    const session = /_session$/i.test(name);
    return { decoded: { format: 'laravel-encrypted', framework: 'Laravel', encrypted: true, storage: session ? 'server' : undefined } };
  },
};
