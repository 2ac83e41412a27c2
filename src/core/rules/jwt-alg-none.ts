import { isObject } from '../bytes';
import type { CookieRule } from '../rule';
import { REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'jwt-alg-none',
  scope: 'cookie',
  levels: ['high'],
  title: 'Unsigned JWT (alg: none)',
  summary: 'The token has no signature: anyone can write one that says they are anybody.',
  explain: 'A JWT with "alg": "none" carries no signature. If the server accepts it, the claims (user id, role, expiry) are whatever the client chooses.',
  why: 'An attacker edits the payload — "sub": "admin" — and the server trusts it: complete authentication bypass (CVE-2015-9235 and many since).',
  fix: 'Sign tokens (HS256 with a strong secret, or RS256/ES256) and make the verifier reject "none" by pinning the accepted algorithms.',
  snippets: {
    flask: "jwt.decode(token, key, algorithms=['HS256'])  # PyJWT: never pass 'none'",
    django: "SIMPLE_JWT = {'ALGORITHM': 'HS256', 'SIGNING_KEY': settings.SECRET_KEY}",
    express: "jwt.verify(token, secret, { algorithms: ['HS256'] })",
  },
  references: [
    { title: 'RFC 8725 JWT Best Current Practices §3.1', url: 'https://www.rfc-editor.org/rfc/rfc8725#section-3.1' },
    REF.cwe(347, 'Improper Verification of Cryptographic Signature'),
  ],
  check(c) {
    const p = c.decoded?.format === 'jwt' ? c.decoded.payload : undefined;
    const header = isObject(p) && isObject(p.header) ? p.header : undefined;
    if (!header || String(header.alg).toLowerCase() !== 'none') return null;
    return { severity: 'high', message: `"${c.name}" holds a JWT with alg "${String(header.alg)}": it is not signed.` };
  },
  examples: {
    flag: [{ title: 'alg none', cookies: [{ name: 'token', value: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.' }] }],
    pass: [{ title: 'HS256', cookies: [{ name: 'token', value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl' }] }],
  },
};
