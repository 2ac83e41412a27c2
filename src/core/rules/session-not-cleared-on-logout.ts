import { isCredential } from '../classify';
import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';

export const rule: JarRule = {
  id: 'session-not-cleared-on-logout',
  scope: 'jar',
  levels: ['medium'],
  title: 'Session cookie kept after logout',
  summary: 'After logging out the browser still holds the same session cookie.',
  explain: 'Logout should end the session on the server and delete (or replace) the cookie. Here the cookie that carried the login is unchanged after logout.',
  why: 'If the server does not invalidate the session either, anyone who copied the cookie — or the next person at the keyboard — is still logged in. With client-side sessions (Flask, JWT) the old cookie stays valid until it expires.',
  fix: 'On logout, invalidate the session server-side and expire the cookie (same name, domain and path, Max-Age=0).',
  snippets: {
    flask: "session.clear()\nresp.delete_cookie(app.config['SESSION_COOKIE_NAME'])",
    django: 'from django.contrib.auth import logout\nlogout(request)  # flushes the session',
    express: "req.session.destroy(() => res.clearCookie('connect.sid').redirect('/'))",
    php: "session_destroy();\nsetcookie(session_name(), '', time() - 3600, '/');",
    rails: 'reset_session',
  },
  references: [REF.owaspSession('Manual session expiration', 'manual-session-expiration'), REF.cwe(613, 'Insufficient Session Expiration')],
  checkJar(ctx) {
    const flow = ctx.flow;
    if (!flow?.afterLogout) return [];
    const loggedOut = flow.afterLogout;
    return flow.afterLogin
      .filter((c) => isCredential(ctx.roleOf(c)))
      .filter((c) => loggedOut.some((o) => o.name === c.name && o.domain === c.domain && o.path === c.path && o.value === c.value))
      .map((c) => ({ severity: 'medium' as const, message: `"${c.name}" still holds the logged-in value after logout.`, cookie: c }));
  },
  examples: {
    flag: [
      {
        title: 'the session cookie survives logout',
        cookies: [{ name: 'sessionid', value: 'abcdef0123456789' }],
        flow: {
          beforeLogin: [],
          afterLogin: [{ name: 'sessionid', value: 'abcdef0123456789' }],
          afterLogout: [{ name: 'sessionid', value: 'abcdef0123456789' }],
        },
      },
    ],
    pass: [
      {
        title: 'the cookie is gone after logout',
        cookies: [],
        flow: { beforeLogin: [], afterLogin: [{ name: 'sessionid', value: 'abcdef0123456789' }], afterLogout: [] },
      },
    ],
  },
};
