import { isCredential } from '../classify';
import type { CookieRule } from '../rule';
import { DAY, humanDuration, label, lifetimeSeconds, REF } from '../rule-helpers';

/** CNIL and the ePrivacy guidance: 13 months for consent and audience cookies. */
const THIRTEEN_MONTHS = 395 * DAY;

export const rule: CookieRule = {
  id: 'long-lifetime',
  scope: 'cookie',
  levels: ['low', 'info'],
  title: 'Kept for more than 13 months',
  summary: 'It stays on the device for over a year; regulators and browsers consider that too long.',
  explain:
    'Browsers cap cookie lifetimes at 400 days, and European guidance (CNIL) keeps tracking and consent cookies to 13 months. Long-lived identifiers follow a user across visits for a very long time.',
  why: 'A long-lived identifier makes tracking across visits easy and keeps stale state (or a stolen value) usable for a long time.',
  fix: 'Give the cookie the shortest lifetime that serves its purpose (13 months at most for analytics and consent).',
  setting: 'lifetime',
  snippets: {
    flask: "resp.set_cookie('name', value, max_age=60 * 60 * 24 * 180)",
    django: "response.set_cookie('name', value, max_age=60 * 60 * 24 * 180)",
    express: "res.cookie('name', value, { maxAge: 1000 * 60 * 60 * 24 * 180 })",
  },
  references: [
    REF.rfc('§5.6.1 The Expires Attribute (400-day cap)', 'name-the-expires-attribute'),
    { title: 'CNIL: cookies and other trackers', url: 'https://www.cnil.fr/en/cookies-and-other-tracking-devices-cnil-publishes-new-guidelines' },
  ],
  check(c, ctx) {
    // persistent-session covers session and auth cookies.
    if (isCredential(c.role)) return null;
    const life = lifetimeSeconds(c, ctx.now);
    if (!Number.isFinite(life) || life <= THIRTEEN_MONTHS) return null;
    return { severity: c.role === 'tracking' ? 'low' : 'info', message: `${label(c)} lives for ${humanDuration(life)}.` };
  },
  examples: {
    flag: [
      {
        title: 'an analytics id for two years (capped at 400 days)',
        now: Date.UTC(2026, 0, 1),
        cookies: [{ name: '_ga', session: false, expirationDate: Date.UTC(2026, 0, 1) / 1000 + 399 * 86400 }],
      },
    ],
    pass: [
      {
        title: 'a six-month preference',
        now: Date.UTC(2026, 0, 1),
        cookies: [{ name: 'theme', session: false, expirationDate: Date.UTC(2026, 0, 1) / 1000 + 180 * 86400 }],
      },
      { title: 'a session cookie', cookies: [{ name: 'theme', session: true }] },
    ],
  },
};
