import { cookieHeader } from '../jar';
import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';
import { isSent } from '../send';

/** nginx large_client_header_buffers (8k) and Apache LimitRequestFieldSize (8190) reject longer fields. */
const SERVER_LIMIT = 8190;
const WARN = 4096;

export const rule: JarRule = {
  id: 'header-too-large',
  scope: 'jar',
  levels: ['medium', 'low'],
  title: 'Cookie header too large for common servers',
  summary: 'All the cookies sent to this page add up to a request header many servers refuse.',
  explain:
    'Every request to the site carries all its matching cookies in one Cookie header. nginx, Apache and many CDNs reject a header field over about 8 KB with "400 Bad Request — Request Header Or Cookie Too Large".',
  why: 'Users who accumulate cookies (A/B tests, analytics, large sessions) get locked out of the site until they clear cookies, and every request pays the extra bytes.',
  fix: 'Remove unused cookies, move large state to the server, scope cookies to the paths and hosts that need them.',
  snippets: {
    flask: "resp.delete_cookie('unused')\napp.config['SESSION_COOKIE_PATH'] = '/app'",
    django: "response.delete_cookie('unused')",
    express: "res.clearCookie('unused')",
  },
  references: [
    { title: 'nginx: large_client_header_buffers', url: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#large_client_header_buffers' },
    REF.rfc('§7.3 Cookie header size', 'name-implementation-limits'),
  ],
  checkJar(ctx) {
    const sent = ctx.cookies.filter((c) => !c.partitioned && isSent(c, { url: ctx.url, crossSite: false, topLevel: true }, ctx.now));
    const size = `Cookie: ${cookieHeader(sent)}`.length;
    if (size <= WARN) return [];
    const severity = size > SERVER_LIMIT ? 'medium' : 'low';
    return [{ severity, message: `The Cookie header sent to ${ctx.url} is ${size} bytes (${sent.length} cookies).`, cookie: null }];
  },
  examples: {
    flag: [{ title: 'twenty 500-byte cookies', cookies: Array.from({ length: 20 }, (_, i) => ({ name: `c${i}`, value: 'x'.repeat(500) })) }],
    pass: [{ title: 'a handful of small cookies', cookies: Array.from({ length: 5 }, (_, i) => ({ name: `c${i}`, value: 'x'.repeat(50) })) }],
  },
};
