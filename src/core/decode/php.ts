import type { Decoder } from './types';

/** PHP's native session id (PHPSESSID): 26–32 characters by default, the data stays on the server. */
export const php: Decoder = {
  id: 'php',
  formats: { 'php-session-id': 'PHP session id' },
  examples: {
    match: [{ cookie: { name: 'PHPSESSID', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e' }, format: 'php-session-id' }],
    noMatch: [
      { name: 'PHPSESSID', value: 'has spaces in it' },
      { name: 'other', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e' },
    ],
  },
  decode({ name, value }) {
    if (!/^PHPSESSID$/i.test(name) || !/^[A-Za-z0-9,-]{16,256}$/.test(value)) return null;
    return { decoded: { format: 'php-session-id', framework: 'PHP', storage: 'server', id: value } };
  },
};
