import { base64ToBytes, isObject, parseJson, utf8 } from '../bytes';
import type { Decoder } from './types';

const B64 = '[A-Za-z0-9+/]+={0,2}';
const ENCRYPTED = new RegExp(`^(${B64})--(${B64})--(${B64})$`);
const SIGNED = new RegExp(`^(${B64})--([0-9a-f]{40}|[0-9a-f]{64})$`);

function urlDecoded(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * Rails cookies: the encrypted cookie store (AES-256-GCM: data--iv--tag) can be identified but not read;
 * signed cookies (data--hexdigest) can be read by anyone.
 */
export const rails: Decoder = {
  id: 'rails',
  formats: { 'rails-encrypted': 'Rails encrypted cookie', 'rails-signed': 'Rails signed cookie' },
  examples: {
    match: [
      {
        cookie: {
          name: '_shop_session',
          value: 'hFC4sMy3Ram9ScvQS0y5HE2dp%2FwXb46IKpxK8QoMFldFPg85dhJSqw%3D%3D--cppe86NgLp4urVlw--HQQxJo1wtJtztWioAKbd3A%3D%3D',
        },
        format: 'rails-encrypted',
      },
      {
        cookie: {
          name: 'remember',
          value:
            'eyJfcmFpbHMiOnsibWVzc2FnZSI6ImV5SjFjMlZ5WDJsa0lqbzFmUT09IiwiZXhwIjpudWxsLCJwdXIiOiJjb29raWUucmVtZW1iZXIifX0=--dc08170ff69a568d82602cb8f339ebe2356624c856e514eddfbc76aa618dbebf',
        },
        format: 'rails-signed',
      },
    ],
    noMatch: [{ name: '_shop_session', value: 'abc--def' }],
  },
  decode({ name, value }) {
    if (!value.includes('--') && !/%2D%2D/i.test(value)) return null;
    const v = urlDecoded(value);
    if (v === null) return null;
    if (ENCRYPTED.test(v)) {
      const iv = base64ToBytes(v.split('--')[1]);
      const tag = base64ToBytes(v.split('--')[2]);
      if (iv?.length !== 12 || tag?.length !== 16) return null;
      const session = /_session$/.test(name);
      return { decoded: { format: 'rails-encrypted', framework: 'Rails', encrypted: true, storage: session ? 'client' : undefined } };
    }
    const m = SIGNED.exec(v);
    if (!m) return null;
    const bytes = base64ToBytes(m[1]);
    const text = bytes && utf8(bytes);
    const json = text === null || text === undefined ? undefined : parseJson(text);
    // Rails 7 wraps the value: {"_rails": {"message": base64(JSON), "exp": …}}
    let payload: unknown = json ?? text ?? undefined;
    if (isObject(json) && isObject(json._rails) && typeof json._rails.message === 'string') {
      const inner = base64ToBytes(json._rails.message);
      const innerText = inner && utf8(inner);
      payload = (innerText && parseJson(innerText)) ?? innerText ?? payload;
    }
    if (payload === undefined) return null;
    return { decoded: { format: 'rails-signed', framework: 'Rails', payload, signed: true, storage: /_session$/.test(name) ? 'client' : undefined } };
  },
};
