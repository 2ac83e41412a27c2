import type { JarRule } from '../rule';
import { headerName, REF } from '../rule-helpers';

/** Rejections other rules explain in their own terms. */
const OWN_RULE = new Set(['samesite-none-insecure', 'invalid-prefix', 'name-value-too-large']);

export const rule: JarRule = {
  id: 'cookie-rejected',
  scope: 'jar',
  levels: ['medium', 'low'],
  title: 'Set-Cookie the browser refused',
  summary: 'The server sent a cookie that the browser threw away; the site probably expects it to exist.',
  explain:
    'Browsers silently ignore cookies that break the rules: a Secure cookie from an http:// page, a Domain that does not cover the host or is a public suffix, Partitioned without Secure, control characters in the header. Nothing tells the server.',
  why: 'Whatever relied on the cookie (login, CSRF protection, consent) quietly does not work, and it may only fail for some users or browsers.',
  fix: 'Correct the attributes so the browser accepts the cookie (see the reason given for each).',
  snippets: {
    flask: "resp.set_cookie('name', value, secure=True, domain=None)",
    django: "response.set_cookie('name', value, secure=True)",
    express: "res.cookie('name', value, { secure: true })  // no domain unless it covers the host",
  },
  references: [
    REF.rfc('§5.7 Storage Model', 'name-storage-model'),
    { title: 'Chrome DevTools: blocked cookies', url: 'https://developer.chrome.com/docs/devtools/application/cookies' },
  ],
  checkJar(ctx) {
    return ctx.setCookies.flatMap((r) => {
      if (r.result.accepted || OWN_RULE.has(r.result.code)) return [];
      const role = r.result.cookie ? ctx.roleOf(r.result.cookie) : 'unknown';
      const severity = role === 'session' || role === 'auth' || role === 'csrf' ? ('medium' as const) : ('low' as const);
      return [
        { severity, message: `"${headerName(r) || '(unnamed)'}" from ${r.url} was rejected: ${r.result.reason}`, cookie: r.result.cookie ?? null, url: r.url },
      ];
    });
  },
  examples: {
    flag: [
      { title: 'Secure cookie from an http page', cookies: [], headers: [['http://shop.example/', 'sid=1; Secure']] },
      { title: 'Domain of another site', cookies: [], headers: [['https://shop.example/', 'pref=1; Domain=other.example']] },
      { title: 'Domain set to a public suffix', cookies: [], headers: [['https://alice.github.io/', 'pref=1; Domain=github.io']] },
    ],
    pass: [{ title: 'an accepted cookie', cookies: [], headers: [['https://shop.example/', 'sid=1; Secure; HttpOnly']] }],
  },
};
