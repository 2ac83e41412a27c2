// What a browser will say about a cookie written through the cookies API (the editor, an import, an
// undo), checked before it is sent, so the user reads the real cause instead of Chrome's bare
// "Failed to parse or set cookie named …". The same storage model as Set-Cookie headers (set-cookie.ts),
// plus what the API checks on its own (Chromium's CanonicalCookie::CreateSanitizedCookie: no ";" or
// control character in the name or value, no "=" in the name) and the stores' cookie-count limits.
import { type Cookie, cookieHost, cookieSize, isPartitioned, type PartitionKey, sameSiteLabel } from './cookie';
import { MAX_NAME_VALUE_BYTES, parseSetCookie } from './set-cookie';
import { isPublicSuffix, siteOf } from './site';

/** The fields of a cookie that decide whether a browser stores it. */
export type CookieDraft = Pick<Cookie, 'name' | 'value' | 'domain' | 'hostOnly' | 'path' | 'secure' | 'httpOnly' | 'sameSite'> &
  Partial<Pick<Cookie, 'session' | 'expirationDate' | 'partitionKey'>>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what cookie names cannot hold
const BAD_NAME = /[;=\x00-\x1f\x7f]/;
// Tab is allowed in values (RFC 6265bis), other control characters and ";" are not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what cookie values cannot hold
const BAD_VALUE = /[;\x00-\x08\x0a-\x1f\x7f]/;
const HOST = /^[a-z0-9._-]+$|^\[[0-9a-f:.]+\]$/i;

const bytes = (n: number) => n.toLocaleString('en-US');

/** Why the browser would refuse this cookie, in the editor's words; null when it would store it. */
export function writeProblem(c: CookieDraft, now: number = Date.now()): string | null {
  const host = cookieHost(c);
  if (c.name === '' && c.value === '') return 'A cookie needs a name or a value.';
  if (BAD_NAME.test(c.name)) return `The name ${JSON.stringify(c.name)} contains ";", "=" or a control character, which a cookie name cannot hold.`;
  if (BAD_VALUE.test(c.value))
    return 'The value contains ";" or a control character (a line break, say), which a cookie value cannot hold. Encode it (base64 or percent-encoding).';
  const size = cookieSize(c);
  if (size > MAX_NAME_VALUE_BYTES) return `Name and value are ${bytes(size)} bytes; browsers refuse cookies over ${bytes(MAX_NAME_VALUE_BYTES)}.`;
  if (!host) return 'A domain is needed.';
  if (!HOST.test(host)) return `${JSON.stringify(host)} is not a host name.`;
  if (!c.path.startsWith('/')) return `The path "${c.path}" must start with "/".`;
  if (!c.hostOnly && isPublicSuffix(host)) return `Domain=${host} is a public suffix: a cookie cannot be shared by every site under it.`;
  if (c.partitionKey && !isPartitioned(c)) return 'A partition needs a top-level site.';
  const attributes = [
    `${c.name}=${c.value}`,
    c.hostOnly ? '' : `Domain=${host}`,
    `Path=${c.path}`,
    c.secure ? 'Secure' : '',
    c.httpOnly ? 'HttpOnly' : '',
    c.sameSite === 'unspecified' ? '' : `SameSite=${sameSiteLabel(c.sameSite)}`,
    isPartitioned(c) ? 'Partitioned' : '',
  ];
  const verdict = parseSetCookie(attributes.filter(Boolean).join('; '), `${c.secure ? 'https' : 'http'}://${host}${c.path}`, now);
  if (!verdict.accepted) return verdict.reason;
  if (!c.session && c.expirationDate !== undefined && c.expirationDate * 1000 <= now) {
    return `It expired on ${new Date(c.expirationDate * 1000).toISOString().slice(0, 10)}: the browser would delete it at once.`;
  }
  return null;
}

/** How many cookies a browser keeps, and what it does beyond that (it evicts the least recently used). */
export interface CookieLimits {
  browser: string;
  perSite: number;
  /** What a site is cut back to when it goes over. */
  perSiteAfterPurge: number;
  total: number;
}

/** Chromium net/cookies/cookie_monster.cc: kDomainMaxCookies 180 (purge 30), kMaxCookies 3300 (purge 300). */
export const CHROME_LIMITS: CookieLimits = { browser: 'Chrome', perSite: 180, perSiteAfterPurge: 150, total: 3300 };
/** Firefox network.cookie.maxPerHost 180 (per base domain) and network.cookie.maxNumber 3000. */
export const FIREFOX_LIMITS: CookieLimits = { browser: 'Firefox', perSite: 180, perSiteAfterPurge: 180, total: 3000 };

type Keyed = Pick<Cookie, 'name' | 'domain' | 'path' | 'hostOnly'> & { partitionKey?: PartitionKey | null };

/** Site of a cookie, and its partition: browsers count partitioned cookies per partition and site. */
function bucket(c: Keyed): string {
  return `${isPartitioned(c) ? `${c.partitionKey?.topLevelSite} ` : ''}${siteOf(cookieHost(c))}`;
}

const identity = (c: Keyed) => `${c.name}\u0000${c.domain}\u0000${c.path}\u0000${c.partitionKey?.topLevelSite ?? ''}`;

/**
 * Problems with writing `incoming` into a store that holds `existing`: a site (or partition) over the
 * per-site limit, or the store over its total. Cookies that replace one already there do not count twice.
 */
export function limitProblems(incoming: readonly Keyed[], existing: readonly Keyed[], limits: CookieLimits): string[] {
  const replaced = new Set(incoming.map(identity));
  const kept = existing.filter((c) => !replaced.has(identity(c)));
  const problems: string[] = [];
  const total = kept.length + incoming.length;
  if (total > limits.total) {
    problems.push(
      `The store would hold ${bytes(total)} cookies (${bytes(kept.length)} already there and ${bytes(incoming.length)} imported); ${limits.browser} keeps at most ${bytes(limits.total)} and evicts the rest.`,
    );
  }
  const perSite = new Map<string, { now: number; added: number }>();
  for (const c of kept) {
    const b = perSite.get(bucket(c)) ?? { now: 0, added: 0 };
    b.now++;
    perSite.set(bucket(c), b);
  }
  for (const c of incoming) {
    const b = perSite.get(bucket(c)) ?? { now: 0, added: 0 };
    b.added++;
    perSite.set(bucket(c), b);
  }
  const over = [...perSite].filter(([, b]) => b.added > 0 && b.now + b.added > limits.perSite).sort((a, b) => b[1].added - a[1].added);
  for (const [site, b] of over.slice(0, 10)) {
    problems.push(
      `${site} would have ${bytes(b.now + b.added)} cookies (${bytes(b.added)} imported); ${limits.browser} keeps at most ${limits.perSite} per site${limits.perSiteAfterPurge < limits.perSite ? `, then cuts the site back to ${limits.perSiteAfterPurge}` : ''}.`,
    );
  }
  if (over.length > 10) problems.push(`… and ${bytes(over.length - 10)} more sites over the limit.`);
  return problems;
}
