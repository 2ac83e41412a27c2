import { parseJson } from '../bytes';
import type { Decoder } from './types';

/** A value that is JSON (an object or array, possibly URL-encoded, as many apps store preferences). */
export const json: Decoder = {
  id: 'json',
  formats: { json: 'JSON' },
  examples: {
    match: [{ cookie: { name: 'prefs', value: '%7B%22theme%22%3A%22dark%22%7D' }, format: 'json' }],
    noMatch: [
      { name: 'prefs', value: '{not json' },
      { name: 'n', value: '42' },
    ],
  },
  decode({ value }) {
    let text = value;
    if (/%[0-9A-Fa-f]{2}/.test(text)) {
      try {
        text = decodeURIComponent(text);
      } catch {
        return null;
      }
    }
    if (!/^\s*[[{]/.test(text)) return null;
    const payload = parseJson(text);
    if (typeof payload !== 'object' || payload === null) return null;
    return { decoded: { format: 'json', payload } };
  },
};
