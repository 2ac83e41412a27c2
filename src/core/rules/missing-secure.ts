import { credentialLevel } from '../classify';
import type { CookieRule } from '../rule';
import { label, REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'missing-secure',
  scope: 'cookie',
  levels: ['high', 'low'],
  title: 'Cookie without Secure',
  summary: 'Sent over plain HTTP too, where anyone on the network can read it.',
  explain:
    'A cookie without the Secure attribute is sent on http:// requests as well as https:// ones. One plain-HTTP request — a typed URL, an old link, an image — exposes it.',
  why: 'An attacker on the same Wi-Fi or any network hop reads the cookie from an unencrypted request and replays it: for a session cookie that is a full account takeover (session hijacking).',
  fix: 'Add the Secure attribute (and serve the site over HTTPS only, with HSTS).',
  setting: 'secure',
  snippets: {
    flask: "app.config['SESSION_COOKIE_SECURE'] = True\nresp.set_cookie('name', value, secure=True)",
    django: 'SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True',
    express: "app.use(session({ cookie: { secure: true } }))\nres.cookie('name', value, { secure: true })",
    php: "session_set_cookie_params(['secure' => true]);",
    rails: 'config.force_ssl = true  # marks cookies Secure',
  },
  references: [
    REF.rfc('§4.1.2.5 The Secure Attribute', 'name-the-secure-attribute'),
    REF.owaspSession('Secure attribute', 'secure-attribute'),
    REF.cwe(614, 'Sensitive Cookie in HTTPS Session Without Secure Attribute'),
    REF.mdn('Restrict access to cookies', 'Web/HTTP/Guides/Cookies#restrict_access_to_cookies'),
  ],
  check(c) {
    if (c.secure) return null;
    // Without Secure the value crosses the network in clear: that matters for logins; for anything else it is low.
    const severity = credentialLevel(c) === 'credential' ? 'high' : 'low';
    return { severity, message: `${label(c)} can travel over plain HTTP.` };
  },
  examples: {
    flag: [
      { title: 'session cookie without Secure', severity: 'high', cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: false }] },
      { title: 'preference cookie without Secure', severity: 'low', cookies: [{ name: 'theme', secure: false }] },
      {
        title: 'a name that only hints at a login (the value is a flag): low',
        severity: 'low',
        cookies: [{ name: 'm-login', value: '0', secure: false }],
      },
    ],
    pass: [{ title: 'session cookie with Secure', cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: true }] }],
  },
};
