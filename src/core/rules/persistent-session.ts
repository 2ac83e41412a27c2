import { credentialLevel } from '../classify';
import type { CookieRule } from '../rule';
import { DAY, HOUR, humanDuration, label, lifetimeSeconds, REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'persistent-session',
  scope: 'cookie',
  levels: ['medium', 'low', 'info'],
  title: 'Login survives closing the browser for a long time',
  summary: 'The session cookie is stored on disk with an expiry date, so the login outlives the browser.',
  explain:
    'A session cookie without Expires/Max-Age ends with the browser session. This one has an expiry date, so it is written to disk and anyone who uses the device later — or malware that reads the profile — finds a live login.',
  why: 'On shared or stolen devices the account stays open; a stolen cookie stays valid for as long as the expiry (OWASP: idle timeout 15–30 minutes, absolute timeout 4–8 hours for sensitive apps).',
  fix: 'Make the session cookie non-persistent (no Expires/Max-Age) or short-lived, and expire sessions on the server.',
  setting: 'lifetime',
  snippets: {
    flask: "session.permanent = False  # or\napp.config['PERMANENT_SESSION_LIFETIME'] = timedelta(hours=8)",
    django: 'SESSION_EXPIRE_AT_BROWSER_CLOSE = True\nSESSION_COOKIE_AGE = 60 * 60 * 8',
    express: 'app.use(session({ cookie: { maxAge: undefined } }))  // browser-session cookie',
    php: "session_set_cookie_params(['lifetime' => 0]);",
    rails: 'Rails.application.config.session_store :cookie_store, expire_after: 8.hours',
  },
  references: [
    REF.owaspSession('Session expiration', 'session-expiration'),
    { title: 'OWASP ASVS V3.3 Session Timeout', url: 'https://github.com/OWASP/ASVS/blob/v4.0.3/4.0/en/0x12-V3-Session-management.md' },
    REF.cwe(613, 'Insufficient Session Expiration'),
  ],
  check(c, ctx) {
    const level = credentialLevel(c);
    if (level === 'none' || c.session) return null;
    const life = lifetimeSeconds(c, ctx.now);
    // Django (2 weeks) and Flask permanent sessions (31 days) default to this; ZAP calls > 1 week high, we say medium.
    const severity = life > 7 * DAY ? (level === 'credential' ? 'medium' : 'low') : life > DAY ? 'low' : life > HOUR ? 'info' : null;
    return severity && { severity, message: `${label(c)} stays valid on disk for ${humanDuration(life)}.` };
  },
  examples: {
    flag: [
      {
        title: "Django's default two-week session",
        now: Date.UTC(2026, 0, 1),
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', session: false, expirationDate: Date.UTC(2026, 0, 1) / 1000 + 14 * 86400 }],
      },
      {
        title: 'a three-day remember-me token',
        now: Date.UTC(2026, 0, 1),
        cookies: [{ name: 'remember_token', value: `1|${'ab'.repeat(64)}`, session: false, expirationDate: Date.UTC(2026, 0, 1) / 1000 + 3 * 86400 }],
      },
    ],
    pass: [
      { title: 'a browser-session cookie', cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', session: true }] },
      {
        title: 'a 30-minute session',
        now: Date.UTC(2026, 0, 1),
        cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', session: false, expirationDate: Date.UTC(2026, 0, 1) / 1000 + 1800 }],
      },
    ],
  },
};
