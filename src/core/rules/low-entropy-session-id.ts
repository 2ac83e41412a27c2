import { credentialLevel } from '../classify';
import type { CookieRule } from '../rule';
import { label, REF } from '../rule-helpers';

/** OWASP: session ids need at least 64 bits of entropy. */
const MIN_BITS = 64;

export const rule: CookieRule = {
  id: 'low-entropy-session-id',
  scope: 'cookie',
  levels: ['high', 'low'],
  title: 'Guessable session id',
  summary: 'The session id is too short or too regular: an attacker can guess valid ones.',
  explain:
    'A session id is the only thing between an attacker and a logged-in account. It must be random enough (OWASP: at least 64 bits from a secure random generator) that guessing one that is in use is hopeless.',
  why: "With a short, sequential or patterned id, an attacker enumerates ids and lands in other users' sessions (session prediction / brute force).",
  fix: 'Let the framework generate session ids (they use a CSPRNG with 128+ bits); never build them from counters, timestamps or user data.',
  snippets: {
    flask: 'import secrets\nsid = secrets.token_urlsafe(32)',
    django: '# Django session keys are 32 random [a-z0-9] characters: use the session framework',
    express: 'app.use(session({ genid: () => crypto.randomUUID() }))  // or keep the default uid-safe',
    php: "ini_set('session.sid_length', '48'); ini_set('session.sid_bits_per_character', '6');",
  },
  references: [
    REF.owaspSession('Session ID entropy', 'session-id-entropy'),
    REF.cwe(331, 'Insufficient Entropy'),
    REF.cwe(330, 'Use of Insufficiently Random Values'),
  ],
  check(c) {
    // entropyBits is only set for credentials (and possible ones) whose value looks like an id: flags,
    // timestamps and encoded empty objects are not session ids.
    if (c.entropyBits === undefined || c.entropyBits >= MIN_BITS) return null;
    const level = credentialLevel(c);
    if (level === 'none') return null;
    return {
      severity: level === 'credential' ? 'high' : 'low',
      message: `${label(c)} has about ${c.entropyBits} bits of entropy (at least ${MIN_BITS} needed)${level === 'possible' ? ', if it is a session id' : ''}.`,
    };
  },
  examples: {
    flag: [
      { title: 'a numeric session id', cookies: [{ name: 'sessionid', value: '1047' }] },
      { title: 'a short hex id', cookies: [{ name: 'PHPSESSID', value: 'a3f09c2e11d4b7' }] },
    ],
    pass: [
      { title: 'a Django session key', cookies: [{ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' }] },
      { title: 'not a session cookie', cookies: [{ name: 'theme', value: '1' }] },
    ],
  },
};
