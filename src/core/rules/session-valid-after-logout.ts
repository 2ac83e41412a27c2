import type { Cookie } from '../cookie';
import type { JarRule, RuleContext } from '../rule';
import { REF } from '../rule-helpers';

/** Where the replayed session lived: in the cookie itself (client-side), on the server, or not known. */
function storageOf(ctx: RuleContext, names: readonly string[]): 'client' | 'server' | undefined {
  const stores = ctx.cookies.filter((c) => names.includes(c.name)).map((c) => c.sessionStorage);
  if (stores.includes('client')) return 'client';
  return stores.includes('server') ? 'server' : undefined;
}

export const rule: JarRule = {
  id: 'session-valid-after-logout',
  scope: 'jar',
  levels: ['high'],
  title: 'Session still valid after logout',
  summary: 'The cookies of the logged-in session still log a fresh browser in after the user logged out: a stolen cookie keeps working.',
  explain:
    'Cookie Lens logged in, kept the cookies of the logged-in state, logged out, then gave those cookies to a fresh browser and loaded the page that only a logged-in user sees. It still showed the user as logged in. Logging out cleared the cookie in the browser but did not end the session on the server (OWASP WSTG-SESS-06).',
  why: 'Anyone who copied the cookie — from a shared computer, a proxy log, malware, an XSS — stays logged in as the user after they log out, until the session expires on its own. With a client-side session (the whole session in a signed cookie, Flask’s default) the server cannot revoke it at all.',
  fix: 'Destroy the session on the server at logout. A client-side session cannot be revoked: keep sessions on the server (a session store), or keep a revocation list (a per-user session version checked on every request) and short lifetimes.',
  snippets: {
    flask:
      "# Flask's default session lives in the cookie and cannot be revoked: keep it on the server\n# pip install Flask-Session\napp.config['SESSION_TYPE'] = 'redis'  # or 'filesystem', 'sqlalchemy'\nSession(app)\n# at logout\nsession.clear(); logout_user()",
    django:
      "# the default database backend ends the session at logout:\nSESSION_ENGINE = 'django.contrib.sessions.backends.db'\nfrom django.contrib.auth import logout\nlogout(request)  # flushes the session on the server",
    express:
      "app.get('/logout', (req, res, next) => {\n  req.session.destroy((err) => {  // removes it from the store\n    if (err) return next(err);\n    res.clearCookie('connect.sid');\n    res.redirect('/');\n  });\n});",
    php: "$_SESSION = [];\nsession_destroy();\nsetcookie(session_name(), '', ['expires' => 1, 'path' => '/']);",
    rails: 'reset_session  # with a server-side store (ActiveRecord / Redis); the cookie store cannot be revoked',
  },
  references: [
    {
      title: 'OWASP WSTG-SESS-06: Testing for Logout Functionality',
      url: 'https://owasp.org/www-project-web-security-testing-guide/stable/4-Web_Application_Security_Testing/06-Session_Management_Testing/06-Testing_for_Logout_Functionality',
    },
    REF.owaspSession('Manual session expiration', 'manual-session-expiration'),
    REF.cwe(613, 'Insufficient Session Expiration'),
  ],
  checkJar(ctx) {
    const replay = ctx.flow?.server?.replayAfterLogout;
    if (!replay?.loggedIn) return [];
    const names = replay.replayed;
    const where = storageOf(ctx, names);
    // The session cookie first: a remember-me token replayed with it is part of the same finding.
    const replayed = ctx.cookies.filter((c) => names.includes(c.name));
    const credential = replayed.find((c) => c.role === 'session') ?? replayed.find((c) => c.role === 'auth');
    const cookie: Pick<Cookie, 'name' | 'domain' | 'path'> | null = credential ?? replayed[0] ?? null;
    const listed = names.map((n) => `"${n}"`).join(', ');
    const because =
      where === 'client'
        ? 'The session lives in the cookie itself (client-side), so the server cannot revoke it at logout: keep sessions on the server or keep a revocation list.'
        : where === 'server'
          ? 'The session lives on the server, which did not destroy it at logout.'
          : 'The server did not end the session at logout.';
    return [
      {
        severity: 'high' as const,
        message: `After logout, the logged-in cookies (${listed}) replayed in a fresh browser still log in: ${ctx.flow?.server?.probe}. ${because}`,
        cookie,
      },
    ];
  },
  examples: {
    flag: [
      {
        title: 'a Flask cookie session replayed after logout still logs in',
        cookies: [{ name: 'session', value: 'eyJ1c2VyIjoiYWRhIn0.ZxYzAA.2a5KcXQ5o0d1w2c3b4a5Z6Y7X8W' }],
        flow: {
          beforeLogin: [],
          afterLogin: [{ name: 'session', value: 'eyJ1c2VyIjoiYWRhIn0.ZxYzAA.2a5KcXQ5o0d1w2c3b4a5Z6Y7X8W' }],
          server: { probe: 'https://shop.example/account shows "Signed in as"', replayAfterLogout: { loggedIn: true, replayed: ['session'] } },
        },
      },
    ],
    pass: [
      {
        title: 'the replayed session is refused after logout',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' }],
        flow: {
          beforeLogin: [],
          afterLogin: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' }],
          server: { probe: 'https://shop.example/account shows "Signed in as"', replayAfterLogout: { loggedIn: false, replayed: ['sessionid'] } },
        },
      },
    ],
  },
};
