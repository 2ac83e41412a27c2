import type { JarRule } from '../rule';
import { humanDuration, REF } from '../rule-helpers';
import { sessionCookieOf } from './idle-timeout-too-long';

export const rule: JarRule = {
  id: 'lifetime-too-long',
  scope: 'jar',
  levels: ['medium', 'info'],
  title: 'Session outlives the absolute timeout',
  summary: 'Kept busy for the time the audit measured, the session still logged in — longer than the policy’s maximum session lifetime.',
  explain:
    'With --absolute-check, Cookie Lens logged in and kept the session busy (a probe every minute, or every tenth of the time when shorter), then probed at the end. A session still valid then has no absolute timeout shorter than that time, however active the user is (OWASP WSTG-SESS-07). Without session.maxLifetime in the policy the finding is informational.',
  why: 'A session that never ends, as long as it is used, keeps a stolen cookie working for as long as the attacker uses it; an absolute timeout forces a new login and bounds that window.',
  fix: 'Record when each session was created and end it after the absolute limit whatever the activity (OWASP: 4–8 hours for office apps).',
  snippets: {
    flask:
      "# store the login time and check it on each request\nsession['login_at'] = time.time()\n@app.before_request\ndef absolute_timeout():\n    if time.time() - session.get('login_at', 0) > 8 * 3600: session.clear()",
    django: "# a middleware: end sessions older than 8 hours since login\nif time.time() - request.session.get('login_at', 0) > 8 * 3600: logout(request)",
    express:
      "app.use((req, res, next) => {\n  if (req.session.loginAt && Date.now() - req.session.loginAt > 8 * 3600e3) return req.session.destroy(() => res.redirect('/login'));\n  next();\n});",
    php: "if (time() - ($_SESSION['login_at'] ?? 0) > 8 * 3600) { session_destroy(); }",
    rails:
      '# config/initializers/devise.rb (Devise :timeoutable covers idle; for absolute)\nreset_session if session[:login_at] && session[:login_at] < 8.hours.ago',
  },
  references: [
    {
      title: 'OWASP WSTG-SESS-07: Testing Session Timeout',
      url: 'https://owasp.org/www-project-web-security-testing-guide/stable/4-Web_Application_Security_Testing/06-Session_Management_Testing/07-Testing_Session_Timeout',
    },
    REF.owaspSession('Absolute timeout', 'absolute-timeout'),
    REF.cwe(613, 'Insufficient Session Expiration'),
  ],
  checkJar(ctx) {
    const absolute = ctx.flow?.server?.absolute;
    if (!absolute) return [];
    const cookie = sessionCookieOf(ctx);
    const kept = humanDuration(absolute.seconds);
    if (absolute.limit === undefined)
      return [
        {
          severity: 'info' as const,
          message: absolute.loggedIn
            ? `Still logged in after ${kept} of use (${ctx.flow?.server?.probe}); no session.maxLifetime in the policy to judge it by.`
            : `Logged out after ${humanDuration(absolute.endedAfter ?? absolute.seconds)} although in use: an absolute timeout of at most that.`,
          cookie,
        },
      ];
    if (!absolute.loggedIn || absolute.seconds <= absolute.limit) return [];
    return [
      {
        severity: 'medium' as const,
        message: `Still logged in after ${kept} of use (${ctx.flow?.server?.probe}); the policy allows sessions of at most ${humanDuration(absolute.limit)}.`,
        cookie,
      },
    ];
  },
  examples: {
    flag: [
      {
        title: 'in use for 9 hours and still logged in, policy maxLifetime 8 hours',
        severity: 'medium',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' }],
        flow: {
          beforeLogin: [],
          afterLogin: [],
          server: { probe: 'https://shop.example/account shows "Signed in as"', absolute: { seconds: 9 * 3600, loggedIn: true, limit: 8 * 3600 } },
        },
      },
    ],
    pass: [
      {
        title: 'logged out before the end of the check, policy maxLifetime 8 hours',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' }],
        flow: {
          beforeLogin: [],
          afterLogin: [],
          server: {
            probe: 'https://shop.example/account shows "Signed in as"',
            absolute: { seconds: 9 * 3600, loggedIn: false, endedAfter: 8 * 3600, limit: 8 * 3600 },
          },
        },
      },
    ],
  },
};
