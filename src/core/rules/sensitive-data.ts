import type { AnalyzedCookie } from '../analyzed';
import type { CookieRule } from '../rule';
import { REF } from '../rule-helpers';

interface Pattern {
  what: string;
  severity: 'high' | 'medium';
  test: (text: string, cookie: AnalyzedCookie) => boolean;
}

/** Luhn check, so random digit runs are not called card numbers. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes and lengths of the card networks (ISO/IEC 7812 IINs as the networks publish them). */
function cardNetwork(d: string): string | null {
  const n = Number(d.slice(0, 4));
  const len = d.length;
  if (/^4/.test(d) && [13, 16, 19].includes(len)) return 'Visa';
  if ((/^5[1-5]/.test(d) || (n >= 2221 && n <= 2720)) && len === 16) return 'Mastercard';
  if (/^3[47]/.test(d) && len === 15) return 'American Express';
  if (/^(?:6011|65|64[4-9])/.test(d) && len >= 16 && len <= 19) return 'Discover';
  if (n >= 3528 && n <= 3589 && len >= 16 && len <= 19) return 'JCB';
  if (/^(?:3[068]|30[0-5])/.test(d) && len >= 14 && len <= 19) return 'Diners Club';
  if (/^62/.test(d) && len >= 16 && len <= 19) return 'UnionPay';
  return null;
}

const PAYMENT = /card|cc_?num|ccn|\bpan\b|credit|payment|billing|checkout/i;

/**
 * A card number: a network's prefix and length, a valid Luhn digit, and something that says payment —
 * the digits grouped as cards are printed (4111 1111 1111 1111), or a payment word in the cookie's name or
 * just before the number. Bare digit ids (Yandex's yandexuid, Steam's browserid, comScore's UID) pass Luhn
 * one time in ten, so digits alone prove nothing; tracking cookies are never payment data.
 */
function hasCardNumber(text: string, c: AnalyzedCookie): boolean {
  if (c.role === 'tracking') return false;
  for (const m of text.matchAll(/(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (!luhn(digits) || !cardNetwork(digits)) continue;
    const grouped = /^\d{4}([ -])\d{4,6}\1\d{4,5}(?:\1\d{1,4})?$/.test(m[0]);
    const before = text.slice(Math.max(0, (m.index ?? 0) - 40), m.index);
    if (grouped || PAYMENT.test(c.name) || PAYMENT.test(before)) return true;
  }
  return false;
}

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
// Anchored and over at most 255 characters after an "@": dot-separated labels cannot overlap.
const DOMAIN = /^(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/;

/**
 * An address (local@domain.tld) somewhere in the text. Written as a scan from each "@" rather than one
 * regex: /[…]+@[…]+\.[a-z]{2,}/ restarts at every character of a long run and is quadratic in Node.
 */
function hasEmail(text: string): boolean {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at === 0 || !LOCAL_CHAR.test(text[at - 1]) || !DOMAIN.test(text.slice(at + 1, at + 256))) continue;
    // user:password@host in a URL is not an address ("http://akamai:dsd@cdn.optimizely.com").
    if (/:\/\/[^\s/@]*:[^\s/@]*$/.test(text.slice(Math.max(0, at - 200), at))) continue;
    return true;
  }
  return false;
}

const PATTERNS: Pattern[] = [
  { what: 'a password', severity: 'high', test: (t) => /"?(pass(word)?|passwd|pwd)"?\s*[:=]\s*"?[^",}\s&]{3,}/i.test(t) },
  { what: 'a payment card number', severity: 'high', test: hasCardNumber },
  {
    what: 'an API key or cloud credential',
    severity: 'high',
    test: (t) => /\bAKIA[0-9A-Z]{16}\b|\bsk_live_[0-9a-zA-Z]{10,}|\bghp_[0-9A-Za-z]{30,}|\bxox[bap]-[0-9A-Za-z-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY/.test(t),
  },
  { what: 'a social security number', severity: 'high', test: (t) => /"?ssn"?\s*[:=]\s*"?\d{3}-?\d{2}-?\d{4}/i.test(t) },
  { what: 'an e-mail address', severity: 'medium', test: hasEmail },
];

function texts(c: { value: string; decoded?: { payload?: unknown } }): string {
  let decoded = '';
  try {
    decoded = c.decoded?.payload === undefined ? '' : JSON.stringify(c.decoded.payload);
  } catch {
    decoded = '';
  }
  let raw = c.value;
  try {
    raw = decodeURIComponent(c.value);
  } catch {
    // keep the raw value
  }
  return `${raw}\n${decoded}`;
}

export const rule: CookieRule = {
  id: 'sensitive-data',
  scope: 'cookie',
  levels: ['high', 'medium'],
  title: 'Sensitive data stored in a cookie',
  summary: 'It holds a password, card number, key or personal data that anyone with the cookie can read.',
  explain:
    'Cookies are stored unencrypted on the device, sent with every request, visible in browser tools and often in server and proxy logs. Encoding (base64, JSON, a signed session) hides nothing: Cookie Lens decodes the value to look inside.',
  why: 'Whoever gets the cookie — malware, a shared computer, an XSS bug, a log file — gets the secret itself, not just a session that can be revoked (Burp: "password value set in cookie").',
  fix: 'Keep secrets and personal data on the server; store only an opaque id in the cookie.',
  snippets: {
    flask: "session['user_id'] = user.id  # not the password or e-mail\n# or server-side sessions: Flask-Session",
    django: "request.session['user_id'] = user.pk  # with the default database backend",
    express: 'req.session.userId = user.id  // express-session keeps the data on the server',
  },
  references: [
    REF.cwe(315, 'Cleartext Storage of Sensitive Information in a Cookie'),
    REF.cwe(539, 'Use of Persistent Cookies Containing Sensitive Information'),
    REF.owaspSession('Session ID content', 'session-id-content-or-value'),
  ],
  check(c) {
    const text = texts(c);
    const found = PATTERNS.filter((p) => p.test(text, c));
    if (found.length === 0) return null;
    const severity = found.some((p) => p.severity === 'high') ? 'high' : 'medium';
    return { severity, message: `"${c.name}" contains ${found.map((p) => p.what).join(' and ')}.` };
  },
  examples: {
    flag: [
      { title: 'a password in a JSON cookie', cookies: [{ name: 'prefs', value: '%7B%22user%22%3A%22bob%22%2C%22password%22%3A%22hunter2%22%7D' }] },
      { title: 'an e-mail address', cookies: [{ name: 'user', value: 'alice%40example.com' }] },
      { title: 'a Visa test card number', cookies: [{ name: 'checkout', value: '4111111111111111' }] },
      { title: 'a card number printed in groups, in JSON', cookies: [{ name: 'prefs', value: '%7B%22n%22%3A%224111%201111%201111%201111%22%7D' }] },
    ],
    pass: [
      { title: 'an opaque id', cookies: [{ name: 'sid', value: '9f2c4e8a7b1d3f5e6a8c0b2d4f6e8a1c' }] },
      { title: 'a long digit run that fails the Luhn check', cookies: [{ name: 'order', value: '4111111111111112' }] },
      { title: 'a numeric visitor id that happens to pass Luhn (Yandex)', cookies: [{ name: 'yandexuid', value: '4111111111111111' }] },
    ],
  },
};
