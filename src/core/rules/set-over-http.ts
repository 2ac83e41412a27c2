import { isCredential } from '../classify';
import type { JarRule } from '../rule';
import { headerName, label, REF } from '../rule-helpers';
import { isPotentiallyTrustworthy } from '../site';

export const rule: JarRule = {
  id: 'set-over-http',
  scope: 'jar',
  levels: ['high', 'low'],
  title: 'Cookie set over plain HTTP',
  summary: 'The response that set it was not encrypted, so the value was visible to the network on the way in.',
  explain:
    'A Set-Cookie header in an http:// response crosses the network in clear text. Even if the cookie is marked Secure later, the value has already been exposed — and a network attacker could have injected their own.',
  why: 'Anyone on the path (public Wi-Fi, a compromised router) reads the session id as it is issued, or plants a cookie of their choosing (session fixation).',
  fix: 'Serve the whole site over HTTPS, redirect HTTP to HTTPS before setting anything, and enable HSTS.',
  snippets: {
    flask: 'from flask_talisman import Talisman\nTalisman(app)  # HTTPS redirect + HSTS',
    django: 'SECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a code snippet shown to users
    express: 'app.use((req, res, next) => req.secure ? next() : res.redirect(301, `https://${req.headers.host}${req.url}`))',
    php: "header('Strict-Transport-Security: max-age=31536000');",
    rails: 'config.force_ssl = true',
  },
  references: [
    { title: 'OWASP Transport Layer Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html' },
    REF.cwe(319, 'Cleartext Transmission of Sensitive Information'),
  ],
  checkJar(ctx) {
    const fromHeaders = ctx.setCookies
      .filter((r) => r.result.accepted && !isPotentiallyTrustworthy(r.url))
      .map((r) => {
        const c = ctx.cookies.find((x) => x.name === headerName(r));
        const severity = c && isCredential(c.role) ? ('high' as const) : ('low' as const);
        return { severity, message: `"${headerName(r)}" was set by ${r.url}, over plain HTTP.`, cookie: r.result.cookie ?? null, url: r.url };
      });
    if (fromHeaders.length || ctx.secureContext || !/^http:/i.test(ctx.url)) return fromHeaders;
    // No headers seen (the popup, say): the page itself is plain HTTP, so its own cookies came that way.
    return ctx.cookies
      .filter((c) => !c.thirdParty && !c.secure)
      .map((c) => ({
        severity: isCredential(c.role) ? ('high' as const) : ('low' as const),
        message: `${label(c)} belongs to a page served over plain HTTP.`,
        cookie: c,
      }));
  },
  examples: {
    flag: [
      { title: 'a Set-Cookie in an http response', cookies: [], headers: [['http://shop.example/login', 'sid=abc']] },
      {
        title: 'a session cookie on an http page',
        url: 'http://shop.example/',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: false }],
      },
    ],
    pass: [
      { title: 'set over https', cookies: [], headers: [['https://shop.example/login', 'sid=abc; Secure']] },
      {
        title: 'http on localhost is a secure context',
        url: 'http://localhost:3000/',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: false, domain: 'localhost' }],
      },
    ],
  },
};
