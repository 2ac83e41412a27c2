// The panel's filter syntax: free text over name, value and domain, plus keys, with "-" to negate.
//   name:sess  domain:shop.example  is:session|persistent|secure|httponly|partitioned|third-party|first-party
//   has:issue  severity:high  role:session  purpose:analytics  platform:google  container:work  -is:third-party  "quoted text"
// name:, domain: and value: take globs as policies do (name:s* = starts with s, anchored); without * or ?
// they match a part of the text. An unknown key or value is never ignored: it gets a "did you mean" hint.
import type { AnalyzedCookie } from './analyzed';
import { closest } from './closest';
import type { Purpose } from './data/cookie-db';
import { globMatch } from './pattern';
import type { Role } from './role';
import type { Finding, Severity } from './rule';
import { severityRank } from './rule';

export interface FilterTerm {
  key: 'text' | 'name' | 'domain' | 'value' | 'is' | 'has' | 'severity' | 'role' | 'rule' | 'container' | 'purpose' | 'platform';
  value: string;
  negated: boolean;
  /** name:, domain:, value: with * or ?: the whole text must match the glob. */
  glob?: boolean;
}

export interface ParsedFilter {
  terms: FilterTerm[];
  /** Terms that were not understood (an unknown key, an empty value); shown to the user. */
  errors: string[];
}

const KEYS = ['name', 'domain', 'value', 'is', 'has', 'severity', 'role', 'rule', 'container', 'purpose', 'platform'];
const ROLES: readonly Role[] = ['session', 'auth', 'csrf', 'tracking', 'preference', 'unknown'];
const PURPOSES: readonly Purpose[] = ['necessary', 'functional', 'preference', 'analytics', 'advertising', 'consent', 'security', 'unknown'];
/** The values a key accepts, where it has a fixed set. */
const VALUES: Record<string, readonly string[]> = {
  is: ['session', 'persistent', 'secure', 'httponly', 'partitioned', 'third-party', 'first-party', 'expired'],
  has: ['issue', 'issues', 'decoded', 'secret'],
  severity: ['high', 'medium', 'low', 'info'],
  role: ROLES,
  purpose: PURPOSES,
};
/** Words people try that are no value of a key, and what they likely want. */
const SYNONYMS: Record<string, string> = {
  'severity:critical': 'severity:high',
  'severity:warning': 'severity:medium',
  'role:tracker': 'role:tracking',
  'role:analytics': 'purpose:analytics',
  'role:advertising': 'purpose:advertising',
  'role:ads': 'purpose:advertising',
  'purpose:tracking': 'purpose:advertising',
  'purpose:ads': 'purpose:advertising',
  'is:thirdparty': 'is:third-party',
  'is:3p': 'is:third-party',
};

/** "did you mean …" for a mistyped value, and the values the key accepts. */
function unknownValue(key: string, value: string): string {
  const choices = VALUES[key];
  const guess = SYNONYMS[`${key}:${value}`] ?? (closest(value, choices) ? `${key}:${closest(value, choices)}` : undefined);
  return `${key}:${value} is not known${guess ? ` — did you mean ${guess}?` : ''} (${key}: takes ${choices.join(', ')}).`;
}

/** A glob has * or ?; anything else matches a part of the text. */
export const isGlob = (value: string) => /[*?]/.test(value);

/** Splits on spaces, keeping "quoted phrases" (and key:"quoted values") together. */
function tokens(input: string): string[] {
  return input.match(/-?(?:[\w-]+:)?"[^"]*"?|\S+/g) ?? [];
}

export function parseFilter(input: string): ParsedFilter {
  const terms: FilterTerm[] = [];
  const errors: string[] = [];
  for (const raw of tokens(input)) {
    const negated = raw.startsWith('-') && raw.length > 1;
    const body = negated ? raw.slice(1) : raw;
    const colon = body.indexOf(':');
    const key = colon > 0 ? body.slice(0, colon).toLowerCase() : '';
    if (colon > 0 && KEYS.includes(key)) {
      const value = body
        .slice(colon + 1)
        .replace(/^"|"$/g, '')
        .toLowerCase();
      if (!value) errors.push(`"${raw}" needs a value after the colon.`);
      else if (VALUES[key] && !VALUES[key].includes(value)) errors.push(unknownValue(key, value));
      else terms.push({ key: key as FilterTerm['key'], value, negated });
      continue;
    }
    // A word and a colon that is nearly a key (severty:high) is a typo, not text to search for; a URL is text.
    const guess = /^[a-z]+$/i.test(key) && !body.slice(colon + 1).startsWith('//') ? closest(key, KEYS) : undefined;
    if (guess) {
      errors.push(`${key}: is not a filter key — did you mean ${guess}:? (keys: ${KEYS.join(', ')}).`);
      continue;
    }
    terms.push({ key: 'text', value: body.replace(/^"|"$/g, '').toLowerCase(), negated });
  }
  for (const t of terms) if ((t.key === 'name' || t.key === 'domain' || t.key === 'value') && isGlob(t.value)) t.glob = true;
  return { terms: terms.filter((t) => t.value !== ''), errors };
}

/** Lower-cased name, domain and value of each cookie, made once per jar rather than per keystroke. */
export interface SearchIndex {
  name: readonly string[];
  domain: readonly string[];
  value: readonly string[];
}

export function searchIndex(cookies: readonly AnalyzedCookie[]): SearchIndex {
  return {
    name: cookies.map((c) => c.name.toLowerCase()),
    domain: cookies.map((c) => c.domain.toLowerCase()),
    value: cookies.map((c) => c.value.toLowerCase()),
  };
}

export interface FilterContext {
  /** Findings per cookie index. */
  findings: readonly (readonly Finding[])[];
  now: number;
  index?: SearchIndex;
}

function matches(c: AnalyzedCookie, i: number, index: SearchIndex, findings: readonly Finding[], t: FilterTerm, now: number): boolean {
  switch (t.key) {
    case 'text':
      return index.name[i].includes(t.value) || index.domain[i].includes(t.value) || index.value[i].includes(t.value);
    case 'name':
      return t.glob ? globMatch(t.value, index.name[i]) : index.name[i].includes(t.value);
    case 'domain':
      return t.glob ? globMatch(t.value, index.domain[i]) : index.domain[i].includes(t.value);
    case 'value':
      return t.glob ? globMatch(t.value, index.value[i]) : index.value[i].includes(t.value);
    case 'role':
      return c.role === t.value;
    case 'purpose':
      return c.purpose === t.value;
    case 'platform':
      return (c.platform ?? '').toLowerCase().includes(t.value);
    case 'container':
      // "default" (or "none") is the store outside any container.
      return c.container ? c.container.name.toLowerCase().includes(t.value) : t.value === 'default' || t.value === 'none';
    case 'rule':
      return findings.some((f) => f.rule === t.value);
    case 'severity':
      // severity:medium means "medium or worse", as DevTools' log levels do.
      return findings.some((f) => severityRank(f.severity) >= severityRank(t.value as Severity));
    case 'has':
      if (t.value === 'decoded') return c.decoded !== undefined;
      if (t.value === 'secret') return c.decoded?.knownSecret !== undefined;
      return findings.some((f) => f.severity !== 'info');
    case 'is':
      switch (t.value) {
        case 'session':
          return c.type === 'session';
        case 'persistent':
          return c.type === 'persistent';
        case 'secure':
          return c.secure;
        case 'httponly':
          return c.httpOnly;
        case 'partitioned':
          return c.partitioned;
        case 'third-party':
          return c.thirdParty;
        case 'first-party':
          return !c.thirdParty;
        case 'expired':
          return c.expirationDate !== undefined && c.expirationDate * 1000 <= now;
      }
  }
  return false;
}

/** Indexes of the cookies the filter keeps; every term must hold (AND), "-" inverts one term. */
export function applyFilter(cookies: readonly AnalyzedCookie[], filter: ParsedFilter, ctx: FilterContext, within?: readonly number[]): number[] {
  const out: number[] = [];
  const count = within ? within.length : cookies.length;
  if (filter.terms.length === 0) {
    for (let n = 0; n < count; n++) out.push(within ? within[n] : n);
    return out;
  }
  const index = ctx.index ?? searchIndex(cookies);
  const terms = filter.terms;
  // Plain loops: this runs for every cookie on every keystroke.
  for (let n = 0; n < count; n++) {
    const i = within ? within[n] : n;
    const c = cookies[i];
    const f = ctx.findings[i] ?? [];
    let keep = true;
    for (let t = 0; t < terms.length && keep; t++) keep = matches(c, i, index, f, terms[t], ctx.now) !== terms[t].negated;
    if (keep) out.push(i);
  }
  return out;
}

/** Keys that match when a field contains the value: typing more of the value can only narrow the result. */
const SUBSTRING_KEYS = new Set<FilterTerm['key']>(['text', 'name', 'domain', 'value']);

/**
 * True when every cookie `next` keeps is also kept by `prev` — the usual case while typing (one more letter,
 * one more term) — so `next` need only look at what `prev` kept. Conservative: false when unsure
 * (a negated term grew, a term changed, is:expired, which depends on the time).
 */
export function narrows(prev: ParsedFilter, next: ParsedFilter): boolean {
  if (next.terms.length < prev.terms.length) return false;
  if (next.terms.some((t) => t.key === 'is' && t.value === 'expired')) return false;
  return prev.terms.every((p, i) => {
    const n = next.terms[i];
    if (n.key !== p.key || n.negated !== p.negated) return false;
    if (n.value === p.value) return true;
    // A glob is anchored: one more letter may match other cookies (s → s* → s*d).
    return !p.negated && !p.glob && !n.glob && SUBSTRING_KEYS.has(p.key) && n.value.includes(p.value);
  });
}
