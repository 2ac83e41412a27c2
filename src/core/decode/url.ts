import type { Decoder } from './types';

/** Percent-encoded text, shown decoded. */
export const url: Decoder = {
  format: 'url-encoded',
  decode({ value }) {
    if (!/%[0-9A-Fa-f]{2}|\+/.test(value)) return null;
    try {
      const decoded = decodeURIComponent(value.replace(/\+/g, ' '));
      return decoded === value ? null : { decoded: { format: 'url-encoded', payload: decoded } };
    } catch {
      return null;
    }
  },
};
