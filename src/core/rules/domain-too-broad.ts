import { isCredential } from '../classify';
import { cookieHost } from '../cookie';
import type { CookieRule } from '../rule';
import { label, REF } from '../rule-helpers';
import { hostOf } from '../site';

export const rule: CookieRule = {
  id: 'domain-too-broad',
  scope: 'cookie',
  levels: ['medium', 'low', 'info'],
  title: 'Shared with every subdomain (Domain attribute)',
  summary: 'Every subdomain receives it and can overwrite it, including ones you do not control well.',
  explain:
    'A Domain attribute widens a cookie from the host that set it to the whole domain and all its subdomains. Without it, the cookie is host-only: the safest default.',
  why: 'Any subdomain — a forgotten staging host, a user-content host, one taken over through a dangling DNS record — receives the session cookie and can set a cookie of the same name to fixate or replace the session (cookie tossing).',
  fix: 'Leave out the Domain attribute so the cookie stays host-only, or prefix it with __Host-.',
  setting: 'domain',
  snippets: {
    flask: "app.config['SESSION_COOKIE_DOMAIN'] = None  # host-only",
    django: 'SESSION_COOKIE_DOMAIN = None  # the default: host-only',
    express: 'app.use(session({ cookie: { domain: undefined } }))  // do not set domain',
    php: "session_set_cookie_params(['domain' => '']);",
    rails: "config.session_store :cookie_store, key: '_app_session'  # no domain: option",
  },
  references: [
    REF.rfc('§4.1.2.3 The Domain Attribute', 'name-the-domain-attribute'),
    REF.owaspSession('Domain and Path attributes', 'domain-and-path-attributes'),
    { title: 'ZAP rule 90033: Loosely Scoped Cookie', url: 'https://www.zaproxy.org/docs/alerts/90033/' },
  ],
  check(c, ctx) {
    if (c.hostOnly || c.thirdParty) return null;
    const page = hostOf(ctx.url);
    const domain = cookieHost(c);
    const parent = page !== domain && page.endsWith(`.${domain}`);
    const scope = parent ? `the whole of ${domain}, not just ${page}` : `every subdomain of ${domain}`;
    if (isCredential(c.role)) return { severity: parent ? 'medium' : 'low', message: `${label(c)} is shared with ${scope}.` };
    return parent ? { severity: 'info', message: `${label(c)} is shared with ${scope}.` } : null;
  },
  examples: {
    flag: [
      {
        title: 'session cookie scoped to the parent domain',
        url: 'https://app.shop.example/',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', domain: '.shop.example', hostOnly: false }],
      },
      {
        title: 'session cookie shared with subdomains of its own host',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', domain: '.shop.example', hostOnly: false }],
      },
    ],
    pass: [
      { title: 'host-only session cookie', cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', hostOnly: true }] },
      { title: 'a preference shared with subdomains of its own host', cookies: [{ name: 'lang', domain: '.shop.example', hostOnly: false }] },
    ],
  },
};
