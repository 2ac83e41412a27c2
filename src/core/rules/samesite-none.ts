import { credentialLevel } from '../classify';
import type { CookieRule } from '../rule';
import { label, REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'samesite-none',
  scope: 'cookie',
  levels: ['medium', 'low', 'info'],
  title: 'Sent on cross-site requests (SameSite=None)',
  summary: 'Other sites can make your browser send it, which opens the door to CSRF.',
  explain:
    'SameSite=None tells the browser to attach the cookie to requests started by any other site: forms, images, iframes, fetches. That is needed for real cross-site embeds (and for partitioned cookies), but a login cookie rarely needs it.',
  why: 'A page on another site can submit a form to this site and the browser adds the session cookie, so the request runs as the victim (cross-site request forgery), unless every endpoint checks a CSRF token.',
  fix: 'Use SameSite=Lax (or Strict) unless the cookie must work inside cross-site frames.',
  snippets: {
    flask: "app.config['SESSION_COOKIE_SAMESITE'] = 'Lax'",
    django: "SESSION_COOKIE_SAMESITE = 'Lax'  # the default\nCSRF_COOKIE_SAMESITE = 'Lax'",
    express: "app.use(session({ cookie: { sameSite: 'lax' } }))",
    php: "session_set_cookie_params(['samesite' => 'Lax']);",
    rails: 'Rails.application.config.action_dispatch.cookies_same_site_protection = :lax',
  },
  references: [
    REF.rfc('§4.1.2.7 The SameSite Attribute', 'name-the-samesite-attribute'),
    {
      title: 'OWASP CSRF Prevention Cheat Sheet: SameSite',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html#samesite-cookie-attribute',
    },
    REF.cwe(1275, 'Sensitive Cookie with Improper SameSite Attribute'),
  ],
  check(c) {
    if (c.sameSite !== 'no_restriction') return null;
    // A partitioned (CHIPS) cookie is what an embed uses instead of a third-party cookie: it needs
    // SameSite=None to reach its frame, and it only travels under one top-level site — not "from any site".
    if (c.partitioned) return null;
    const level = credentialLevel(c);
    // A third-party cookie has to be SameSite=None to reach this page at all: the embed needs it.
    if (level === 'credential') return { severity: c.thirdParty ? 'low' : 'medium', message: `${label(c)} is sent on requests from any site.` };
    return { severity: level === 'possible' ? 'low' : 'info', message: `${label(c)} is sent on requests from any site.` };
  },
  examples: {
    flag: [
      { title: 'session cookie sent cross-site', cookies: [{ name: 'connect.sid', sameSite: 'no_restriction', secure: true }] },
      { title: 'widget state cookie sent cross-site', cookies: [{ name: 'widget', sameSite: 'no_restriction', secure: true }] },
    ],
    pass: [
      { title: 'session cookie with Lax', cookies: [{ name: 'connect.sid', sameSite: 'lax' }] },
      {
        title: "an embed's partitioned session cookie",
        cookies: [
          { name: 'sessionid', domain: 'widget.example', sameSite: 'no_restriction', secure: true, partitionKey: { topLevelSite: 'https://shop.example' } },
        ],
      },
      { title: 'session cookie with Strict', cookies: [{ name: 'connect.sid', sameSite: 'strict' }] },
    ],
  },
};
