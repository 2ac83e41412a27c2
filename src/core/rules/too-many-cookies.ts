import { cookieHost } from '../cookie';
import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';
import { siteOf } from '../site';

/** Chromium keeps 180 cookies per registrable domain and evicts the least recently used beyond that. */
const PER_DOMAIN = 180;
const WARN = 150;

export const rule: JarRule = {
  id: 'too-many-cookies',
  scope: 'jar',
  levels: ['medium', 'low'],
  title: 'Close to the per-site cookie limit',
  summary: 'Browsers keep about 180 cookies per site and silently evict the oldest beyond that — sessions included.',
  explain:
    'Chrome allows 180 cookies per registrable domain (Firefox and Safari have similar limits). When a site — with all its subdomains, tests and analytics — goes over, the least recently used cookies are deleted.',
  why: 'The evicted cookie may be the login or the CSRF token: users are logged out at random, and an attacker who can set many cookies on a subdomain can push the session out on purpose.',
  fix: 'Remove unused cookies, merge small ones, and keep third-party and experiment cookies off the main domain.',
  snippets: {
    flask: 'for name in stale_cookie_names: resp.delete_cookie(name)',
    django: 'for name in STALE_COOKIES: response.delete_cookie(name)',
    express: 'STALE_COOKIES.forEach((n) => res.clearCookie(n))',
  },
  references: [
    { title: 'Chromium cookie limits (CookieMonster)', url: 'https://chromium.googlesource.com/chromium/src/+/main/net/cookies/cookie_monster.h' },
    REF.rfc('§7.3 Implementation limits', 'name-implementation-limits'),
  ],
  checkJar(ctx) {
    const bySite = new Map<string, number>();
    for (const c of ctx.cookies) if (!c.partitioned) bySite.set(siteOf(cookieHost(c)), (bySite.get(siteOf(cookieHost(c))) ?? 0) + 1);
    return [...bySite]
      .filter(([, n]) => n >= WARN)
      .map(([site, n]) => ({
        severity: n >= PER_DOMAIN ? ('medium' as const) : ('low' as const),
        message: `${site} has ${n} cookies; browsers keep about ${PER_DOMAIN}.`,
        cookie: null,
      }));
  },
  examples: {
    flag: [{ title: '170 cookies on one site', cookies: Array.from({ length: 170 }, (_, i) => ({ name: `c${i}`, value: '1' })) }],
    pass: [{ title: '40 cookies', cookies: Array.from({ length: 40 }, (_, i) => ({ name: `c${i}`, value: '1' })) }],
  },
};
