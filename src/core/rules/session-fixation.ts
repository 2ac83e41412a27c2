import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';

export const rule: JarRule = {
  id: 'session-fixation',
  scope: 'jar',
  levels: ['high'],
  title: 'Session fixation: a planted session id logs the attacker in',
  summary:
    'A session id an attacker obtained before login, planted in the victim’s browser, is still the victim’s after login — and logs the attacker in as the victim.',
  explain:
    'Cookie Lens opened the site in an "attacker" browser and kept its session cookie from before login, gave that cookie to a fresh "victim" browser, and logged in there. The victim still had the planted value after login, and the attacker’s browser, reloading the logged-in page, was logged in as the victim (OWASP WSTG-SESS-03). Unlike session-not-rotated, which compares ids in one browser, this is the attack itself, confirmed by the server.',
  why: 'An attacker who can set a cookie in the victim’s browser (a sibling subdomain, a plain-HTTP response, an injected script, a link on a site that accepts ids in the URL) waits for the victim to log in and then owns the account.',
  fix: 'Issue a new session id at login (and at every privilege change), and ignore session ids the server did not issue.',
  snippets: {
    flask:
      '# Flask-Login with a server-side session: clear and re-create it at login\nsession.clear()\nlogin_user(user)\n# Flask-Session: session.regenerate() (Flask-Session 0.6+) before storing the user',
    django: 'from django.contrib.auth import login\nlogin(request, user)  # cycles the session key (request.session.cycle_key())',
    express: 'req.session.regenerate((err) => {\n  if (err) return next(err);\n  req.session.user = user.id;\n  res.redirect("/");\n});',
    php: 'session_regenerate_id(true);  // right after a successful login\nini_set("session.use_strict_mode", "1");',
    rails: 'reset_session  # before session[:user_id] = user.id',
  },
  references: [
    {
      title: 'OWASP WSTG-SESS-03: Testing for Session Fixation',
      url: 'https://owasp.org/www-project-web-security-testing-guide/stable/4-Web_Application_Security_Testing/06-Session_Management_Testing/03-Testing_for_Session_Fixation',
    },
    REF.owaspSession('Renew the session id after any privilege level change', 'renew-the-session-id-after-any-privilege-level-change'),
    REF.cwe(384, 'Session Fixation'),
  ],
  checkJar(ctx) {
    const fixation = ctx.flow?.server?.fixation;
    if (!fixation?.attackerLoggedIn || fixation.kept.length === 0) return [];
    return fixation.kept.map((name) => ({
      severity: 'high' as const,
      message: `"${name}" planted before login was still the victim's after login, and the attacker's browser was then logged in: ${ctx.flow?.server?.probe}.`,
      cookie: ctx.cookies.find((c) => c.name === name) ?? null,
    }));
  },
  examples: {
    flag: [
      {
        title: 'express-session that keeps a planted connect.sid at login',
        cookies: [{ name: 'connect.sid', value: 's%3Aabc123.9u8mKc0m2bqKcWxy6Q7b3H0bWqGkFZ0lQq3vWcYtJ1s' }],
        flow: {
          beforeLogin: [],
          afterLogin: [{ name: 'connect.sid', value: 's%3Aabc123.9u8mKc0m2bqKcWxy6Q7b3H0bWqGkFZ0lQq3vWcYtJ1s' }],
          server: { probe: 'https://shop.example/account shows "Signed in as"', fixation: { kept: ['connect.sid'], attackerLoggedIn: true } },
        },
      },
    ],
    pass: [
      {
        title: 'the planted id kept, but the attacker is not logged in (the server refuses ids it did not issue)',
        cookies: [{ name: 'connect.sid', value: 's%3Aabc123.9u8mKc0m2bqKcWxy6Q7b3H0bWqGkFZ0lQq3vWcYtJ1s' }],
        flow: {
          beforeLogin: [],
          afterLogin: [],
          server: { probe: 'https://shop.example/account shows "Signed in as"', fixation: { kept: ['connect.sid'], attackerLoggedIn: false } },
        },
      },
    ],
  },
};
