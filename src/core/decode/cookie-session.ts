import { base64ToBytes, isObject, parseJson, utf8 } from '../bytes';
import type { Decoder } from './types';

/**
 * The `cookie-session` middleware (Express, Koa): the whole session is base64(JSON) in the cookie and
 * a sibling `<name>.sig` cookie holds keygrip's signature over `<name>=<value>`.
 */
export const cookieSession: Decoder = {
  id: 'cookie-session',
  formats: { 'cookie-session': 'cookie-session (signed with .sig)' },
  examples: {
    match: [
      {
        cookie: { name: 'session', value: 'eyJ2aWV3cyI6M30=' },
        jar: [{ name: 'session.sig', value: 'VIXUOss_2Uf2CooqDiDBbbrxnFo' }],
        format: 'cookie-session',
      },
    ],
    noMatch: [
      { name: 'session', value: 'eyJ2aWV3cyI6M30=' },
      { name: 'lonely', value: 'bm90IGpzb24=' },
    ],
  },
  decode({ name, value }, jar) {
    const sig = jar.get(`${name}.sig`);
    if (!sig || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
    const bytes = base64ToBytes(value);
    const text = bytes && utf8(bytes);
    const json = text === null || text === undefined ? undefined : parseJson(text);
    if (!isObject(json)) return null;
    return {
      decoded: { format: 'cookie-session', framework: 'Express', payload: json, storage: 'client', signed: true },
      signature: { kind: 'cookie-session', message: `${name}=${value}`, signature: sig.value },
    };
  },
};
