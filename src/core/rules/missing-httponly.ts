import { credentialLevel } from '../classify';
import type { CookieRule } from '../rule';
import { label, REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'missing-httponly',
  scope: 'cookie',
  levels: ['medium', 'low'],
  title: 'Session cookie readable by JavaScript',
  summary: 'Any script on the page, including an injected one, can read and steal it.',
  explain:
    'Without HttpOnly, `document.cookie` exposes the cookie to every script on the page. Cookies that identify a session or a login never need to be read by scripts. (CSRF tokens and preferences often must be readable, so Cookie Lens does not flag them, unlike scanners that flag every cookie.)',
  why: 'One cross-site scripting (XSS) bug is enough for an attacker to copy the session cookie to their server and use the account from anywhere, even after the XSS is fixed.',
  fix: 'Add the HttpOnly attribute to session and login cookies.',
  setting: 'httpOnly',
  snippets: {
    flask: "app.config['SESSION_COOKIE_HTTPONLY'] = True  # the default\nresp.set_cookie('name', value, httponly=True)",
    django: 'SESSION_COOKIE_HTTPONLY = True  # the default',
    express: "app.use(session({ cookie: { httpOnly: true } }))  // the default\nres.cookie('name', value, { httpOnly: true })",
    php: "session_set_cookie_params(['httponly' => true]);",
    rails: 'cookies[:name] = { value: v, httponly: true }',
  },
  references: [
    REF.rfc('§4.1.2.6 The HttpOnly Attribute', 'name-the-httponly-attribute'),
    REF.owaspSession('HttpOnly attribute', 'httponly-attribute'),
    REF.cwe(1004, "Sensitive Cookie Without 'HttpOnly' Flag"),
  ],
  check(c) {
    const level = credentialLevel(c);
    if (c.httpOnly || level === 'none') return null;
    return { severity: level === 'credential' ? 'medium' : 'low', message: `${label(c)} is readable by any script on the page.` };
  },
  examples: {
    flag: [
      { title: 'session id readable by scripts', cookies: [{ name: 'PHPSESSID', httpOnly: false }] },
      { title: 'unknown name carrying a JWT', cookies: [{ name: 'user', httpOnly: false, value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' }] },
    ],
    pass: [
      { title: 'session id with HttpOnly', cookies: [{ name: 'PHPSESSID', httpOnly: true }] },
      { title: 'CSRF token must stay readable', cookies: [{ name: 'csrftoken', httpOnly: false }] },
      { title: 'preference cookie is not a credential', cookies: [{ name: 'lang', httpOnly: false }] },
    ],
  },
};
