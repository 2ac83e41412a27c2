// Shared wording and facts for the rule files (kept outside rules/, where every file is one rule).

import type { AnalyzedCookie } from './analyzed';
import type { Cookie } from './cookie';

/** "Session cookie "sid"", "CSRF token "csrftoken"", or just ""theme"" — how findings name a cookie. */
export function label(c: Pick<AnalyzedCookie, 'name' | 'role'>): string {
  const name = `"${c.name || '(nameless)'}"`;
  switch (c.role) {
    case 'session':
      return `Session cookie ${name}`;
    case 'auth':
      return `Auth cookie ${name}`;
    case 'csrf':
      return `CSRF token ${name}`;
    case 'tracking':
      return `Tracking cookie ${name}`;
    default:
      return name;
  }
}

/** Seconds left until the cookie expires (Infinity for session cookies). */
export function lifetimeSeconds(c: Pick<Cookie, 'session' | 'expirationDate'>, now: number): number {
  if (c.session || c.expirationDate === undefined) return Number.POSITIVE_INFINITY;
  return c.expirationDate - now / 1000;
}

export const HOUR = 3600;
export const DAY = 24 * HOUR;

/** A duration in words at a sensible unit: "45 seconds", "12 minutes", "5 hours", "400 days" → "1.1 years". */
export function humanDuration(seconds: number): string {
  const s = Math.abs(seconds);
  const n = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (s >= 365 * DAY) return `${(s / (365 * DAY)).toFixed(s >= 730 * DAY ? 0 : 1)} years`;
  if (s >= 2 * DAY) return n(Math.round(s / DAY), 'day');
  if (s >= 2 * HOUR) return n(Math.round(s / HOUR), 'hour');
  if (s >= 120) return n(Math.round(s / 60), 'minute');
  return n(Math.round(s), 'second');
}

/** A moment against now, in words: "in 3 days", "5 minutes ago". */
export function relativeTime(ms: number, now: number): string {
  const words = humanDuration((ms - now) / 1000);
  return ms >= now ? `in ${words}` : `${words} ago`;
}

const RFC = 'https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html';
const OWASP_SESSION = 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html';

export const REF = {
  rfc: (section: string, anchor: string) => ({ title: `RFC 6265bis ${section}`, url: `${RFC}#${anchor}` }),
  owaspSession: (part: string, anchor: string) => ({ title: `OWASP Session Management Cheat Sheet: ${part}`, url: `${OWASP_SESSION}#${anchor}` }),
  cwe: (id: number, title: string) => ({ title: `CWE-${id}: ${title}`, url: `https://cwe.mitre.org/data/definitions/${id}.html` }),
  mdn: (title: string, path: string) => ({ title: `MDN: ${title}`, url: `https://developer.mozilla.org/en-US/docs/${path}` }),
};

/** The cookie name a parsed Set-Cookie header was about, accepted or not. */
export function headerName(r: { result: { cookie?: Cookie; header?: { name: string } } }): string {
  return r.result.cookie?.name ?? r.result.header?.name ?? '';
}
