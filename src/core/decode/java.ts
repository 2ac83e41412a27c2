import type { Decoder } from './types';

/** Servlet containers' JSESSIONID: 32 upper-case hex characters, optionally ".route" for sticky sessions. */
export const java: Decoder = {
  id: 'java',
  formats: { 'java-session-id': 'Java session id' },
  examples: {
    match: [{ cookie: { name: 'JSESSIONID', value: '0123456789ABCDEF0123456789ABCDEF.node1' }, format: 'java-session-id' }],
    noMatch: [
      { name: 'JSESSIONID', value: 'x' },
      { name: 'other', value: '0123456789ABCDEF0123456789ABCDEF' },
    ],
  },
  decode({ name, value }) {
    const m = /^([0-9A-Fa-f]{16,64}|[A-Za-z0-9_-]{16,64})(?:\.[\w-]+)?$/.exec(value);
    if (!/^JSESSIONID$/i.test(name) || !m) return null;
    return { decoded: { format: 'java-session-id', framework: 'Java', storage: 'server', id: m[1] } };
  },
};
