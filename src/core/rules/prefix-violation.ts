import type { JarRule } from '../rule';
import { headerName, REF } from '../rule-helpers';

export const rule: JarRule = {
  id: 'prefix-violation',
  scope: 'jar',
  levels: ['medium'],
  title: '__Secure- or __Host- cookie without its requirements',
  summary: 'The browser drops it: the name promises protections the attributes do not give.',
  explain:
    'Cookie names starting with __Secure- need Secure; names starting with __Host- need Secure, no Domain and Path=/. Browsers check this case-insensitively (__host- counts too) and reject cookies that break the promise.',
  why: 'The cookie the application depends on is never stored, so logins or CSRF protection fail in ways that are hard to debug — and the intended protection against cookie injection is not in place.',
  fix: 'Give __Secure- cookies the Secure attribute; give __Host- cookies Secure and Path=/ and no Domain.',
  snippets: {
    flask: "app.config.update(SESSION_COOKIE_NAME='__Host-session', SESSION_COOKIE_SECURE=True, SESSION_COOKIE_PATH='/', SESSION_COOKIE_DOMAIN=None)",
    django: "SESSION_COOKIE_NAME = '__Host-sessionid'\nSESSION_COOKIE_SECURE = True\nSESSION_COOKIE_PATH = '/'\nSESSION_COOKIE_DOMAIN = None",
    express: "res.cookie('__Host-id', v, { secure: true, path: '/' })  // and no domain",
  },
  references: [
    REF.rfc('§4.1.3 Cookie Name Prefixes', 'name-cookie-name-prefixes'),
    REF.mdn('Cookie prefixes', 'Web/HTTP/Reference/Headers/Set-Cookie#cookie_prefixes'),
  ],
  checkJar(ctx) {
    return ctx.setCookies
      .filter((r) => !r.result.accepted && r.result.code === 'invalid-prefix')
      .map((r) => ({
        severity: 'medium' as const,
        message: `"${headerName(r)}" was rejected: ${r.result.accepted ? '' : r.result.reason}`,
        cookie: r.result.cookie ?? null,
        url: r.url,
      }));
  },
  examples: {
    flag: [
      { title: '__Host- with a Domain', cookies: [], headers: [['https://shop.example/', '__Host-sid=1; Secure; Path=/; Domain=shop.example']] },
      { title: '__secure- in lower case without Secure', cookies: [], headers: [['https://shop.example/', '__secure-id=1']] },
    ],
    pass: [{ title: 'a correct __Host- cookie', cookies: [], headers: [['https://shop.example/', '__Host-sid=1; Secure; Path=/']] }],
  },
};
