import type { Decoder } from './types';

/** Percent-encoded text, shown decoded. */
export const url: Decoder = {
  id: 'url',
  formats: { 'url-encoded': 'URL-encoded' },
  examples: {
    match: [{ cookie: { name: 'q', value: 'caf%C3%A9%20au%20lait' }, format: 'url-encoded' }],
    noMatch: [
      { name: 'q', value: '%E0%A4%A' },
      { name: 'q', value: 'plain' },
    ],
  },
  decode({ value }) {
    // Only %XX: a '+' is as likely base64 as a form-encoded space.
    if (!/%[0-9A-Fa-f]{2}/.test(value)) return null;
    try {
      const decoded = decodeURIComponent(value);
      return decoded === value ? null : { decoded: { format: 'url-encoded', payload: decoded } };
    } catch {
      return null;
    }
  },
};
