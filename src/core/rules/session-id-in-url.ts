import { credentialLevel } from '../classify';
import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';
import { hostOf, isSameSite, parseUrl } from '../site';

const safeDecode = (v: string) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

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
    // Only the page's own logins, and only addresses of the page's own site: a third party's `?sid=` (GA4's
    // session start time, an image resizer's `?auth=` signature) is none of this site's sessions.
    const logins = ctx.cookies.filter((c) => credentialLevel(c) === 'credential' && !c.thirdParty);
    const byValue = new Map<string, string>();
    for (const c of logins) {
      for (const v of [c.value, safeDecode(c.value), c.decoded?.id]) if (v && v.length > 8) byValue.set(v, c.name);
    }
    const names = new Set(logins.map((c) => c.name.toLowerCase()));
    const hits: ReturnType<JarRule['checkJar']> = [];
    const pageHost = hostOf(ctx.url);
    for (const url of new Set([ctx.url, ...ctx.pageUrls])) {
      const u = parseUrl(url);
      if (!u || !pageHost || !isSameSite(u.hostname, pageHost)) continue;
      // Java's URL rewriting: the session id as a path parameter, which exists for nothing else.
      const rewritten = /;jsessionid=[^/?#;]{8,}/i.test(u.pathname);
      const param = [...u.searchParams].find(([k, v]) => byValue.has(v) || (names.has(k.toLowerCase()) && v.length > 8));
      if (!rewritten && !param) continue;
      const name = param ? (byValue.get(param[1]) ?? param[0]) : 'JSESSIONID';
      const cookie = logins.find((c) => c.name.toLowerCase() === name.toLowerCase()) ?? null;
      hits.push({ severity: 'high', message: `The session id ("${name}") is in the URL ${u.origin}${u.pathname}…`, cookie, url });
    }
    return hits;
  },
  examples: {
    flag: [
      {
        title: 'jsessionid path parameter (Java URL rewriting)',
        url: 'https://shop.example/cart;jsessionid=0123456789ABCDEF0123456789ABCDEF',
        cookies: [{ name: 'JSESSIONID', value: '0123456789ABCDEF0123456789ABCDEF' }],
      },
      {
        title: "the session cookie's value in a query",
        url: 'https://shop.example/?x=9f2c4e8a7b1d3f5e',
        cookies: [{ name: 'PHPSESSID', value: '9f2c4e8a7b1d3f5e' }],
      },
      {
        title: "the session framework's own parameter (PHP's use_trans_sid)",
        url: 'https://shop.example/',
        pageUrls: ['https://shop.example/basket?PHPSESSID=k2j3h4g5f6d7s8a9q0w1'],
        cookies: [{ name: 'PHPSESSID', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e' }],
      },
    ],
    pass: [
      { title: 'an ordinary query', url: 'https://shop.example/search?q=shoes&page=2', cookies: [{ name: 'PHPSESSID', value: '9f2c4e8a7b1d3f5e' }] },
      {
        title: "GA4's sid (the analytics session start time) on a third-party collect URL",
        url: 'https://shop.example/',
        pageUrls: ['https://region1.google-analytics.com/g/collect?v=2&tid=G-XXXX&sid=1719321234&sct=3'],
        cookies: [{ name: 'PHPSESSID', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e' }],
      },
      {
        title: "an image resizer's auth signature, on the site's own CDN host",
        url: 'https://shop.example/',
        pageUrls: ['https://img.shop.example/p/1.jpg?w=300&auth=9f2c4e8a7b1d3f5e6a8c'],
        cookies: [{ name: 'PHPSESSID', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e' }],
      },
    ],
  },
};
