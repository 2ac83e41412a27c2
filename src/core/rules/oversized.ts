import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';
import { MAX_NAME_VALUE_BYTES } from '../set-cookie';

const NEAR = 3584;

export const rule: JarRule = {
  id: 'oversized',
  scope: 'jar',
  levels: ['medium', 'low'],
  title: 'Cookie at or over the 4096-byte limit',
  summary: 'Browsers drop cookies whose name and value exceed 4096 bytes, without telling the server.',
  explain:
    'Name plus value may be at most 4096 bytes. A bigger cookie is ignored; one close to the limit breaks as soon as the session grows a little (one more item in a cart, a longer user name).',
  why: 'A client-side session that silently stops being stored logs users out at random or loses data; large cookies also slow every request to the site.',
  fix: 'Keep large state on the server (a server-side session store) and put only an id in the cookie.',
  snippets: {
    flask: "from flask_session import Session\napp.config['SESSION_TYPE'] = 'redis'  # server-side sessions\nSession(app)",
    django: "SESSION_ENGINE = 'django.contrib.sessions.backends.db'  # instead of signed_cookies",
    express: 'app.use(session({ store: new RedisStore({ client }) }))  // not cookie-session',
  },
  references: [REF.rfc('§5.7 Storage limits (4096 bytes)', 'name-storage-model'), REF.mdn('Cookie size limits', 'Web/HTTP/Guides/Cookies')],
  checkJar(ctx) {
    const near = ctx.cookies
      .filter((c) => c.size >= NEAR)
      .map((c) => ({ severity: 'low' as const, message: `"${c.name}" is ${c.size} bytes, close to the ${MAX_NAME_VALUE_BYTES}-byte limit.`, cookie: c }));
    const over = ctx.setCookies
      .filter((r) => !r.result.accepted && r.result.code === 'name-value-too-large')
      .map((r) => ({
        severity: 'medium' as const,
        message: `A Set-Cookie from ${r.url} was dropped: ${r.result.accepted ? '' : r.result.reason}`,
        cookie: null,
        url: r.url,
      }));
    return [...over, ...near];
  },
  examples: {
    flag: [
      { title: 'a 3.9 KB session', cookies: [{ name: 'session', value: 'x'.repeat(3900) }] },
      { title: 'a 5 KB Set-Cookie', cookies: [], headers: [['https://shop.example/', `big=${'x'.repeat(5000)}`]] },
    ],
    pass: [{ title: 'a 1 KB cookie', cookies: [{ name: 'session', value: 'x'.repeat(1000) }] }],
  },
};
