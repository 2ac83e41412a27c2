import { isCredential } from '../classify';
import type { CookieRule } from '../rule';
import { label, REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'host-prefix-recommended',
  scope: 'cookie',
  levels: ['low'],
  title: 'Session cookie could use the __Host- prefix',
  summary: 'Renaming it __Host-… makes the browser guarantee it is Secure, host-only and site-wide.',
  explain:
    'A cookie whose name starts with __Host- is only accepted if it is Secure, has no Domain and has Path=/. The browser then refuses any attempt — from a subdomain or over HTTP — to plant a cookie of that name. This cookie already meets the conditions; only the name is missing.',
  why: 'Without the prefix, a compromised subdomain or a network attacker on an HTTP page can set a cookie with the same name, shadowing the real session (session fixation, login CSRF).',
  fix: 'Rename the cookie to __Host-<name> (it already has Secure, no Domain and Path=/).',
  snippets: {
    flask: "app.config['SESSION_COOKIE_NAME'] = '__Host-session'",
    django: "SESSION_COOKIE_NAME = '__Host-sessionid'\nCSRF_COOKIE_NAME = '__Host-csrftoken'",
    express: "app.use(session({ name: '__Host-sid', cookie: { secure: true, path: '/' } }))",
    php: "session_name('__Host-PHPSESSID');",
  },
  references: [REF.rfc('§4.1.3.2 The "__Host-" Prefix', 'name-the-__host-prefix'), REF.owaspSession('Cookie prefixes', 'cookie-prefixes')],
  check(c) {
    if (!isCredential(c.role) || /^__host-/i.test(c.name) || !c.secure || !c.hostOnly || c.path !== '/' || c.partitioned) return null;
    return { severity: 'low', message: `${label(c)} meets the __Host- conditions but does not use the prefix.` };
  },
  examples: {
    flag: [
      {
        title: 'eligible session cookie',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: true, hostOnly: true, path: '/' }],
      },
    ],
    pass: [
      { title: 'already prefixed', cookies: [{ name: '__Host-sessionid' }] },
      {
        title: 'not eligible (Domain set): domain-too-broad covers it',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', hostOnly: false, domain: '.shop.example' }],
      },
      { title: 'not a credential', cookies: [{ name: 'theme' }] },
    ],
  },
};
