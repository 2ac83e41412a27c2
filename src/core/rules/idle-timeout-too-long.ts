import type { JarRule, RuleContext } from '../rule';
import { humanDuration, REF } from '../rule-helpers';

/** The session cookie the timed checks are about: the first session (or login) cookie of the jar. */
export function sessionCookieOf(ctx: RuleContext) {
  return ctx.cookies.find((c) => c.role === 'session') ?? ctx.cookies.find((c) => c.role === 'auth') ?? null;
}

export const rule: JarRule = {
  id: 'idle-timeout-too-long',
  scope: 'jar',
  levels: ['medium', 'info'],
  title: 'Session survives being idle longer than allowed',
  summary: 'After the idle time the audit waited (no request at all), the session still logged in — longer than the policy allows.',
  explain:
    'With --idle-check, Cookie Lens logged in, sent no request for the given time, then loaded the logged-in probe. A session that is still valid after that idle time outlives the idle timeout a policy sets (OWASP WSTG-SESS-07). Without a limit in the policy (session.maxIdle) the finding is informational: it states what was measured.',
  why: 'An unattended logged-in browser (a shared computer, a stolen laptop) and a stolen session cookie stay usable for as long as the server keeps an idle session alive.',
  fix: 'Expire idle sessions on the server: track the last request per session and end the session after the idle limit (OWASP: 2–5 minutes for high-value apps, 15–30 minutes for low-risk ones).',
  snippets: {
    flask:
      "# Flask-Session (server-side) with a short lifetime, renewed on each request:\napp.config['PERMANENT_SESSION_LIFETIME'] = timedelta(minutes=15)\napp.config['SESSION_REFRESH_EACH_REQUEST'] = True",
    django: 'SESSION_COOKIE_AGE = 15 * 60  # seconds\nSESSION_SAVE_EVERY_REQUEST = True  # the age counts from the last request',
    express: 'app.use(session({ secret, store, rolling: true, cookie: { maxAge: 15 * 60 * 1000 } }))  // store TTL follows maxAge',
    php: "ini_set('session.gc_maxlifetime', 15 * 60);  // and check $_SESSION['last_seen'] on each request",
    rails: 'Rails.application.config.session_store :active_record_store, expire_after: 15.minutes',
  },
  references: [
    {
      title: 'OWASP WSTG-SESS-07: Testing Session Timeout',
      url: 'https://owasp.org/www-project-web-security-testing-guide/stable/4-Web_Application_Security_Testing/06-Session_Management_Testing/07-Testing_Session_Timeout',
    },
    REF.owaspSession('Idle timeout', 'idle-timeout'),
    REF.cwe(613, 'Insufficient Session Expiration'),
  ],
  checkJar(ctx) {
    const idle = ctx.flow?.server?.idle;
    if (!idle) return [];
    const waited = humanDuration(idle.seconds);
    const cookie = sessionCookieOf(ctx);
    if (idle.limit === undefined)
      return [
        {
          severity: 'info' as const,
          message: idle.loggedIn
            ? `Still logged in after ${waited} idle (${ctx.flow?.server?.probe}); no session.maxIdle in the policy to judge it by.`
            : `Logged out after ${waited} idle: the idle timeout is at most ${waited}.`,
          cookie,
        },
      ];
    if (!idle.loggedIn || idle.seconds <= idle.limit) return [];
    return [
      {
        severity: 'medium' as const,
        message: `Still logged in after ${waited} idle (${ctx.flow?.server?.probe}); the policy allows at most ${humanDuration(idle.limit)}.`,
        cookie,
      },
    ];
  },
  examples: {
    flag: [
      {
        title: 'logged in after 10 minutes idle, policy maxIdle 5 minutes',
        severity: 'medium',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' }],
        flow: {
          beforeLogin: [],
          afterLogin: [],
          server: { probe: 'https://shop.example/account shows "Signed in as"', idle: { seconds: 600, loggedIn: true, limit: 300 } },
        },
      },
    ],
    pass: [
      {
        title: 'logged out after 10 minutes idle, policy maxIdle 5 minutes',
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' }],
        flow: {
          beforeLogin: [],
          afterLogin: [],
          server: { probe: 'https://shop.example/account shows "Signed in as"', idle: { seconds: 600, loggedIn: false, limit: 300 } },
        },
      },
    ],
  },
};
