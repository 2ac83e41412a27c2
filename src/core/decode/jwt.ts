import { base64ToBytes, isObject, parseJson, utf8 } from '../bytes';
import { own } from '../own';
import type { Decoder, SignatureInput } from './types';

const PART = '[A-Za-z0-9_-]+';
const JWS = new RegExp(`^(${PART})\\.(${PART})\\.([A-Za-z0-9_-]*)$`);
const JWE = new RegExp(`^${PART}\\.(?:${PART})?\\.${PART}\\.${PART}\\.${PART}$`);
const HS: Readonly<Record<string, 'SHA-256' | 'SHA-384' | 'SHA-512'>> = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' };

/** One base64url part of a JWT as its JSON object, or null. */
export function jsonPart(part: string): Record<string, unknown> | null {
  const bytes = base64ToBytes(part);
  const text = bytes && utf8(bytes);
  const json = text === null || text === undefined ? undefined : parseJson(text);
  return isObject(json) ? json : null;
}

const seconds = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v * 1000 : undefined);

/** JSON Web Tokens (RFC 7519): header, claims, alg and times; JWE is identified, not opened. */
export const jwt: Decoder = {
  id: 'jwt',
  formats: { jwt: 'JSON Web Token', jwe: 'Encrypted JWT (JWE)' },
  examples: {
    match: [
      {
        cookie: {
          name: 'token',
          value:
            'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsImlhdCI6MTc2NzIyNTYwMCwiZXhwIjoxNzY3MjI5MjAwfQ.lOIvh5sjW5Z_CS2SKP-DE_mpbYgqRzyaIURVpsJLFEs',
        },
        format: 'jwt',
      },
      {
        cookie: { name: 'id', value: 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..ojhMsK6KQyHO5nIK.6kQ94QhfGpAYwuQ7Pcco1qeGp5M.1JoJdvhcg0F9dwpU1B36Pw' },
        format: 'jwe',
      },
    ],
    noMatch: [
      { name: 'token', value: 'eyJhbGciOiJIUzI1NiJ9.not-base64!.x' },
      { name: 'v', value: 'a.b.c' },
    ],
  },
  decode({ value }) {
    const token = value.replace(/^Bearer(?:%20|\s)+/i, '');
    const m = JWS.exec(token);
    if (!m) {
      const header = JWE.test(token) ? jsonPart(token.split('.')[0]) : null;
      if (header && typeof header.enc === 'string') return { decoded: { format: 'jwe', encrypted: true, payload: { header }, storage: 'client' } };
      return null;
    }
    const header = jsonPart(m[1]);
    const claims = jsonPart(m[2]);
    if (!header || !claims || typeof header.alg !== 'string') return null;
    const alg = header.alg;
    // `alg` is the site's text: "constructor" must not find Object.prototype.constructor as a hash.
    const hash = own(HS, alg);
    const signature: SignatureInput | undefined = hash ? { kind: 'jwt', message: `${m[1]}.${m[2]}`, signature: m[3], hash } : undefined;
    return {
      decoded: {
        format: 'jwt',
        payload: { header, claims },
        storage: 'client',
        signed: alg.toLowerCase() !== 'none',
        issuedAt: seconds(claims.iat),
        expiresAt: seconds(claims.exp),
        notBefore: seconds(claims.nbf),
      },
      signature,
    };
  },
};
