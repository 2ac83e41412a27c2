import { isCredential } from '../classify';
import type { CookieRule } from '../rule';
import { REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'jwt-no-expiry',
  scope: 'cookie',
  levels: ['medium', 'low'],
  title: 'JWT without an expiry',
  summary: 'The token has no "exp" claim, so it is valid forever unless the server keeps a deny-list.',
  explain: 'Stateless tokens cannot be revoked by deleting a server-side session. Without "exp", a token stays valid until the signing key changes.',
  why: 'A token leaked once (XSS, logs, a shared device) grants access indefinitely, even after the user logs out or changes the password.',
  fix: 'Issue tokens with a short "exp" (minutes to hours) and refresh them.',
  snippets: {
    flask: "jwt.encode({'sub': uid, 'exp': datetime.now(timezone.utc) + timedelta(minutes=15)}, key, algorithm='HS256')",
    django: "SIMPLE_JWT = {'ACCESS_TOKEN_LIFETIME': timedelta(minutes=15)}",
    express: "jwt.sign({ sub: uid }, secret, { expiresIn: '15m' })",
  },
  references: [
    { title: 'RFC 8725 JWT Best Current Practices', url: 'https://www.rfc-editor.org/rfc/rfc8725' },
    REF.cwe(613, 'Insufficient Session Expiration'),
  ],
  check(c) {
    if (c.decoded?.format !== 'jwt' || c.decoded.expiresAt !== undefined) return null;
    return { severity: isCredential(c.role) ? 'medium' : 'low', message: `The JWT in "${c.name}" has no "exp": it never expires.` };
  },
  examples: {
    flag: [{ title: 'no exp claim', cookies: [{ name: 'token', value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl' }] }],
    pass: [{ title: 'with exp', cookies: [{ name: 'token', value: 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE4OTM0NTYwMDB9.c2lnbmF0dXJl' }] }],
  },
};
