import type { CookieRule } from '../rule';
import { REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'readable-session-data',
  scope: 'cookie',
  levels: ['low'],
  title: 'Session data readable by anyone who has the cookie',
  summary: 'The session lives in the cookie, signed but not encrypted: its contents are plain to read.',
  explain:
    'Flask sessions, Django signed-cookie sessions, cookie-session and JWTs keep the whole session in the cookie. The signature stops changes, not reading: base64 is an encoding, not encryption. Cookie Lens shows exactly what is inside.',
  why: 'Anything placed in the session — roles, internal ids, e-mail addresses, feature flags — is disclosed to the user, to malware on the device, and to anyone who sees the cookie in a log.',
  fix: 'Keep only non-sensitive ids in client-side sessions, or switch to server-side sessions (or encrypted cookies).',
  snippets: {
    flask: "# store less: session['uid'] = user.id\n# or server-side: pip install Flask-Session; app.config['SESSION_TYPE'] = 'redis'",
    django: "SESSION_ENGINE = 'django.contrib.sessions.backends.db'  # or cache",
    express: 'app.use(session({ secret, store }))  // express-session instead of cookie-session',
    rails: 'Rails.application.config.session_store :cookie_store  # encrypted by default since Rails 5.2',
  },
  references: [
    REF.owaspSession('Session ID content', 'session-id-content-or-value'),
    { title: 'Flask docs: sessions are signed, not encrypted', url: 'https://flask.palletsprojects.com/en/stable/quickstart/#sessions' },
  ],
  check(c) {
    const d = c.decoded;
    if (d?.storage !== 'client' || d.encrypted || d.payload === undefined) return null;
    // Signed data that is no session: Django's flash messages, a signed preference — readable by design.
    if (c.role === 'preference' || c.role === 'csrf' || c.role === 'tracking') return null;
    return { severity: 'low', message: `"${c.name}" (${d.format}) carries readable session data.` };
  },
  examples: {
    flag: [{ title: 'a Flask session', cookies: [{ name: 'session', value: 'eyJ1c2VyX2lkIjo0Mn0.ZxYzAA.2a5KcXQ5o0d1w2c3b4a5Z6Y7X8W' }] }],
    pass: [
      {
        title: "Django's signed messages cookie (flash messages for the next page, not a session)",
        cookies: [{ name: 'messages', value: '.eJyLjlaKj88qzs-Lz00tLk5MT1XSMdAxMtBRqhgFRAOl2FgAMCiVaw:1xYUzX:cPiM4DTwZgyO3VN42U_v9-8P7hzkkb9tcTybz26W8Mw' }],
      },
      { title: 'an opaque server-side id', cookies: [{ name: 'sessionid', value: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6' }] },
      { title: 'a Rails encrypted session', cookies: [{ name: '_app_session', value: 'YWJj--AAAAAAAAAAAAAAAA--AAAAAAAAAAAAAAAAAAAAAA==' }] },
    ],
  },
};
