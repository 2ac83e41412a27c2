import type { Decoder } from './types';

/** PHP's native session id (PHPSESSID): 26–32 characters by default, the data stays on the server. */
export const php: Decoder = {
  format: 'php-session-id',
  decode({ name, value }) {
    if (!/^PHPSESSID$/i.test(name) || !/^[A-Za-z0-9,-]{16,256}$/.test(value)) return null;
    return { decoded: { format: 'php-session-id', framework: 'PHP', storage: 'server', id: value } };
  },
};
