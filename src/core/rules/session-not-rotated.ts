import { isCredential } from '../classify';
import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';

export const rule: JarRule = {
  id: 'session-not-rotated',
  scope: 'jar',
  levels: ['high'],
  title: 'Session id not changed at login',
  summary: 'The same session id is used before and after logging in, which allows session fixation.',
  explain:
    'When a user logs in, the application must issue a new session id. If it keeps the id the visitor had before login, whoever knew that id — because they planted it — is now logged in as the user.',
  why: 'Session fixation: the attacker gets a session id, makes the victim use it (a link, a cookie injected from a subdomain or over HTTP), waits for the victim to log in, then uses the same id.',
  fix: 'Regenerate the session id on every privilege change, above all at login.',
  snippets: {
    flask: 'session.clear()  # before storing the user; with Flask-Login also rotate the server-side session\nlogin_user(user)',
    django: 'from django.contrib.auth import login\nlogin(request, user)  # cycles the session key',
    express: 'req.session.regenerate(err => { req.session.userId = user.id; res.redirect("/") })',
    php: 'session_regenerate_id(true);',
    rails: 'reset_session  # before setting session[:user_id]',
  },
  references: [
    REF.owaspSession('Renew the session id after any privilege level change', 'renew-the-session-id-after-any-privilege-level-change'),
    REF.cwe(384, 'Session Fixation'),
  ],
  checkJar(ctx) {
    const flow = ctx.flow;
    if (!flow) return [];
    return flow.afterLogin
      .filter((after) => isCredential(ctx.roleOf(after)))
      .filter((after) => flow.beforeLogin.some((b) => b.name === after.name && b.domain === after.domain && b.path === after.path && b.value === after.value))
      .map((after) => ({ severity: 'high' as const, message: `"${after.name}" kept the same value across login.`, cookie: after }));
  },
  examples: {
    flag: [
      {
        title: 'the same PHPSESSID before and after login',
        cookies: [{ name: 'PHPSESSID', value: 'k2j3h4g5f6d7s8a9' }],
        flow: { beforeLogin: [{ name: 'PHPSESSID', value: 'k2j3h4g5f6d7s8a9' }], afterLogin: [{ name: 'PHPSESSID', value: 'k2j3h4g5f6d7s8a9' }] },
      },
    ],
    pass: [
      {
        title: 'a new id after login',
        cookies: [{ name: 'PHPSESSID', value: 'z9y8x7w6v5u4t3s2' }],
        flow: { beforeLogin: [{ name: 'PHPSESSID', value: 'k2j3h4g5f6d7s8a9' }], afterLogin: [{ name: 'PHPSESSID', value: 'z9y8x7w6v5u4t3s2' }] },
      },
    ],
  },
};
