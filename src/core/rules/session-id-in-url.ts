import { isCredential } from '../classify';
import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';

// ZAP rule 3: query parameters named like session tokens, with values longer than 8 characters.
const TOKEN_PARAM = /^(?:jsessionid|phpsessid|aspsessionid\w*|asp\.net_sessionid|sid|sessionid|session_id|session|sess|token|auth|zenid|cfid|cftoken)$/i;

export const rule: JarRule = {
  id: 'session-id-in-url',
  scope: 'jar',
  levels: ['high'],
  title: 'Session id in the URL',
  summary: 'The session token appears in an address, so it leaks through history, logs and Referer headers.',
  explain:
    'URLs are saved in browser history, server and proxy logs, analytics, and sent to other sites in the Referer header. A session id in a URL (?sid=…, ;jsessionid=…) leaks through all of them.',
  why: 'Anyone who sees the URL takes over the session; an attacker can also send a victim a link with a chosen id (session fixation).',
  fix: 'Carry session ids only in cookies: turn off URL rewriting and use-trans-sid.',
  snippets: {
    flask: '# Flask never puts the session in URLs: remove custom ?token= handling',
    django: '# Django sessions are cookie-only: do not pass request.session.session_key in links',
    express: '// read the session from req.session, never from req.query',
    php: "ini_set('session.use_only_cookies', '1');\nini_set('session.use_trans_sid', '0');",
  },
  references: [
    REF.owaspSession('Session ID exposure in URLs', 'session-id-exchange-mechanism-selection'),
    REF.cwe(598, 'Use of GET Request Method With Sensitive Query Strings'),
    { title: 'ZAP rule 3: Session ID in URL Rewrite', url: 'https://www.zaproxy.org/docs/alerts/3/' },
  ],
  checkJar(ctx) {
    const values = new Set(ctx.cookies.filter((c) => isCredential(c.role) && c.value.length > 8).map((c) => c.value));
    const hits: ReturnType<JarRule['checkJar']> = [];
    for (const url of new Set([ctx.url, ...ctx.pageUrls])) {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        continue;
      }
      const inPath = /;jsessionid=[^/?#]{8,}/i.test(u.pathname);
      const inQuery = [...u.searchParams].some(([k, v]) => (TOKEN_PARAM.test(k) && v.length > 8) || values.has(v));
      if (inPath || inQuery) hits.push({ severity: 'high', message: `A session token is in the URL ${u.origin}${u.pathname}…`, cookie: null, url });
    }
    return hits;
  },
  examples: {
    flag: [
      { title: 'jsessionid path parameter', url: 'https://shop.example/cart;jsessionid=0123456789ABCDEF0123456789ABCDEF', cookies: [] },
      {
        title: "the session cookie's value in a query",
        url: 'https://shop.example/?x=9f2c4e8a7b1d3f5e',
        cookies: [{ name: 'sessionid', value: '9f2c4e8a7b1d3f5e' }],
      },
    ],
    pass: [{ title: 'an ordinary query', url: 'https://shop.example/search?q=shoes&page=2', cookies: [{ name: 'sessionid', value: '9f2c4e8a7b1d3f5e' }] }],
  },
};
