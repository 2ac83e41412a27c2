import type { Decoder } from './types';

/** Percent-encoded text, shown decoded. */
export const url: Decoder = {
  format: 'url-encoded',
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
