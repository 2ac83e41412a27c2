import { isCredential } from '../classify';
import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';
import { isSent } from '../send';

export const rule: JarRule = {
  id: 'duplicate-name',
  scope: 'jar',
  levels: ['medium', 'low'],
  title: 'Two cookies with the same name reach the page',
  summary: 'The server receives both and usually reads only the first: which one wins depends on path and age.',
  explain:
    'Cookies are identified by name, domain and path, so "sid" for shop.example and "sid" for .shop.example are different cookies — and both are sent. Servers read one of them, often not the one you expect.',
  why: "An attacker who can set a cookie on a sibling subdomain or a more specific path can shadow the real session cookie (cookie tossing), fixing the victim into the attacker's session or breaking CSRF protection.",
  fix: 'Use one cookie per name: remove the stale copy, and use the __Host- prefix so no other host or path can add one.',
  snippets: {
    flask: "resp.delete_cookie('session', domain='.shop.example')  # remove the stale copy",
    django: "response.delete_cookie('sessionid', domain='.shop.example')",
    express: "res.clearCookie('sid', { domain: '.shop.example' })",
  },
  references: [
    REF.rfc('§8.6 Weak Integrity', 'name-weak-integrity'),
    { title: 'Burp: Duplicate cookies set', url: 'https://portswigger.net/kb/issues/00500e00_duplicate-cookies-set' },
  ],
  checkJar(ctx) {
    const sent = ctx.cookies.filter((c) => isSent(c, { url: ctx.url, crossSite: false, topLevel: true }, ctx.now) && !c.partitioned);
    const byName = new Map<string, typeof sent>();
    for (const c of sent) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    return [...byName.values()]
      .filter((group) => group.length > 1)
      .map((group) => ({
        severity: isCredential(group[0].role) || group[0].role === 'csrf' ? ('medium' as const) : ('low' as const),
        message: `${group.length} cookies named "${group[0].name}" are sent to this page (${group.map((c) => `${c.domain}${c.path}`).join(', ')}).`,
        cookie: group[0],
      }));
  },
  examples: {
    flag: [
      {
        title: 'host and domain copies of the session',
        cookies: [
          { name: 'sid', domain: 'shop.example', hostOnly: true },
          { name: 'sid', domain: '.shop.example', hostOnly: false },
        ],
      },
    ],
    pass: [
      {
        title: 'same name on a path the page is not on',
        cookies: [
          { name: 'sid', path: '/' },
          { name: 'sid', path: '/admin' },
        ],
      },
    ],
  },
};
