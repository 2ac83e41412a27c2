import type { CookieRule } from '../rule';
import { humanDuration, REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'jwt-expired',
  scope: 'cookie',
  levels: ['low'],
  title: 'Expired JWT still stored',
  summary: 'The token inside is past its "exp" time but the cookie holding it is still around.',
  explain:
    'The JWT\'s own expiry ("exp") has passed while the cookie lives on. A correct server rejects it; a server that forgets to check "exp" accepts it forever.',
  why: 'If any endpoint skips the expiry check, a token copied long ago still works. It also shows the cookie and token lifetimes are out of step.',
  fix: 'Give the cookie the same lifetime as the token (or shorter), and verify "exp" on every request.',
  snippets: {
    flask: "resp.set_cookie('token', token, max_age=TOKEN_TTL)\njwt.decode(token, key, algorithms=['HS256'])  # checks exp",
    django: "response.set_cookie('token', token, max_age=TOKEN_TTL)",
    express: "res.cookie('token', token, { maxAge: TOKEN_TTL * 1000 })\njwt.verify(token, secret)  // checks exp",
  },
  references: [
    { title: 'RFC 7519 §4.1.4 "exp" claim', url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4' },
    REF.cwe(613, 'Insufficient Session Expiration'),
  ],
  check(c, ctx) {
    const exp = c.decoded?.format === 'jwt' ? c.decoded.expiresAt : undefined;
    if (exp === undefined || exp > ctx.now) return null;
    return { severity: 'low', message: `The JWT in "${c.name}" expired ${humanDuration((ctx.now - exp) / 1000)} ago.` };
  },
  examples: {
    flag: [
      { title: 'exp in 2020', now: Date.UTC(2026, 0, 1), cookies: [{ name: 'token', value: 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE1Nzc4MzY4MDB9.c2lnbmF0dXJl' }] },
    ],
    pass: [
      { title: 'exp in 2030', now: Date.UTC(2026, 0, 1), cookies: [{ name: 'token', value: 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE4OTM0NTYwMDB9.c2lnbmF0dXJl' }] },
    ],
  },
};
