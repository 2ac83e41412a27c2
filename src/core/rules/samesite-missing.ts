import { credentialLevel } from '../classify';
import type { CookieRule } from '../rule';
import { label, REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'samesite-missing',
  scope: 'cookie',
  levels: ['medium', 'low', 'info'],
  title: 'No SameSite attribute',
  summary: 'Its cross-site behaviour depends on the browser: Chrome treats it as Lax, Firefox and Safari do not.',
  explain:
    'Without SameSite, each browser picks a default. Chrome and Edge treat the cookie as Lax (and even send it on cross-site POSTs for two minutes after it is set); Firefox and Safari send it on cross-site requests. The site behaves differently, and is protected differently, depending on the browser.',
  why: 'Where the default is "send everywhere", a session or CSRF cookie goes along with forged cross-site requests (CSRF). Relying on Chrome\'s default also leaves the 2-minute window in which a fresh login cookie rides cross-site POSTs.',
  fix: 'Set SameSite=Lax explicitly (Strict for cookies only used in same-site flows).',
  setting: 'sameSite',
  snippets: {
    flask: "app.config['SESSION_COOKIE_SAMESITE'] = 'Lax'\nresp.set_cookie('name', value, samesite='Lax')",
    django: "SESSION_COOKIE_SAMESITE = 'Lax'\nCSRF_COOKIE_SAMESITE = 'Lax'",
    express: "app.use(session({ cookie: { sameSite: 'lax' } }))\nres.cookie('name', value, { sameSite: 'lax' })",
    php: "session_set_cookie_params(['samesite' => 'Lax']);",
    rails: 'Rails.application.config.action_dispatch.cookies_same_site_protection = :lax',
  },
  references: [
    REF.rfc('§5.6.7 SameSite default enforcement', 'name-samesite-cookies'),
    REF.mdn('SameSite cookies', 'Web/HTTP/Reference/Headers/Set-Cookie#samesitesamesite-value'),
    REF.cwe(1275, 'Sensitive Cookie with Improper SameSite Attribute'),
  ],
  check(c) {
    if (c.sameSite !== 'unspecified') return null;
    const level = credentialLevel(c);
    if (level === 'credential') return { severity: 'medium', message: `${label(c)} has no SameSite attribute.` };
    if (level === 'possible' || c.role === 'csrf') return { severity: 'low', message: `${label(c)} has no SameSite attribute.` };
    return { severity: 'info', message: `${label(c)} has no SameSite attribute.` };
  },
  examples: {
    flag: [
      {
        title: 'session cookie relying on the browser default',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', sameSite: 'unspecified' }],
      },
      { title: 'anti-CSRF cookie without SameSite (Observatory: −20)', cookies: [{ name: 'csrftoken', sameSite: 'unspecified', httpOnly: false }] },
    ],
    pass: [{ title: 'explicit Lax', cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', sameSite: 'lax' }] }],
  },
};
