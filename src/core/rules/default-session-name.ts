import { baseName, DEFAULT_SESSION_NAMES } from '../classify';
import { own } from '../own';
import type { CookieRule } from '../rule';
import { REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'default-session-name',
  scope: 'cookie',
  levels: ['info'],
  title: 'Framework default session cookie name',
  summary: 'The name tells anyone which framework the site runs on.',
  explain:
    'PHPSESSID, JSESSIONID, connect.sid, laravel_session and friends are the defaults of well-known stacks. They work fine; they also fingerprint the server technology.',
  why: 'Knowing the stack lets an attacker pick matching exploits and default-secret lists. OWASP recommends a generic name; it is defence in depth, not a vulnerability on its own.',
  fix: 'Give the session cookie a neutral name, ideally with the __Host- prefix (e.g. __Host-sid).',
  snippets: {
    flask: "app.config['SESSION_COOKIE_NAME'] = '__Host-sid'",
    django: "SESSION_COOKIE_NAME = '__Host-sid'",
    express: "app.use(session({ name: '__Host-sid' }))",
    php: "session_name('__Host-sid');",
    rails: "Rails.application.config.session_store :cookie_store, key: '__Host-sid'",
  },
  references: [REF.owaspSession('Session ID name fingerprinting', 'session-id-name-fingerprinting')],
  check(c) {
    if (c.role !== 'session') return null;
    const framework = own(DEFAULT_SESSION_NAMES, baseName(c.name).toLowerCase());
    return framework ? { severity: 'info', message: `"${c.name}" is the default session cookie name of ${framework}.` } : null;
  },
  examples: {
    flag: [{ title: 'PHPSESSID', cookies: [{ name: 'PHPSESSID' }] }],
    pass: [{ title: 'a neutral name', cookies: [{ name: '__Host-sid' }] }],
  },
};
