import { own } from './own';

/** The cookies-API shape (chrome.cookies / browser.cookies), shared by every context. */
export type SameSite = 'no_restriction' | 'lax' | 'strict' | 'unspecified';

export interface PartitionKey {
  topLevelSite?: string;
  hasCrossSiteAncestor?: boolean;
}

export interface Cookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  session: boolean;
  /** Seconds since the epoch, fractional; absent for session cookies. */
  expirationDate?: number;
  storeId?: string;
  /** Firefox reports `null` for unpartitioned cookies, Chrome leaves it out. */
  partitionKey?: PartitionKey | null;
  firstPartyDomain?: string;
}

export type CookieType = 'session' | 'persistent';

/**
 * Which cookie a finding, a violation or an edit is about: name, domain and path, and — where the cookie came
 * from a store — host-only, the store (a Firefox container), the CHIPS partition and first-party isolation.
 * Two refs with the same `refKey` are the same cookie; compare them with `sameCookie`, never field by field.
 */
export interface CookieRef {
  name: string;
  domain: string;
  path: string;
  hostOnly?: boolean;
  storeId?: string;
  partitionKey?: PartitionKey | null;
  firstPartyDomain?: string;
}

const SAME_SITE_LABEL: Record<SameSite, string> = { no_restriction: 'None', lax: 'Lax', strict: 'Strict', unspecified: '' };

/** SameSite as written in a Set-Cookie header ('' when the attribute is absent). */
export function sameSiteLabel(s: SameSite): string {
  return own(SAME_SITE_LABEL, s) ?? '';
}

const encoder = new TextEncoder();

/** Bytes the browser counts against the 4096-byte limit: name + value, UTF-8 (RFC 6265bis 5.6). */
export function cookieSize(c: Pick<Cookie, 'name' | 'value'>): number {
  return byteLength(c.name) + byteLength(c.value);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at NUL
const ASCII = /^[\x00-\x7f]*$/;

/** UTF-8 length; most cookies are ASCII, where it is simply the string length. */
export function byteLength(s: string): number {
  return ASCII.test(s) ? s.length : encoder.encode(s).length;
}

export function cookieType(c: Pick<Cookie, 'session'>): CookieType {
  return c.session ? 'session' : 'persistent';
}

export function isPartitioned(c: Pick<Cookie, 'partitionKey'>): boolean {
  return c.partitionKey != null && c.partitionKey.topLevelSite !== undefined;
}

/** The identity of a cookie, and nothing else of it (no value, no flags). */
export function cookieRef(c: CookieRef): CookieRef {
  const ref: CookieRef = { name: c.name, domain: c.domain, path: c.path };
  if (c.hostOnly !== undefined) ref.hostOnly = c.hostOnly;
  if (c.storeId !== undefined) ref.storeId = c.storeId;
  if (c.partitionKey && isPartitioned(c)) ref.partitionKey = { ...c.partitionKey };
  if (c.firstPartyDomain) ref.firstPartyDomain = c.firstPartyDomain;
  return ref;
}

/**
 * Identity of a cookie in a store (RFC 6265bis 5.7 step 22, plus the CHIPS partition and the store). A ref
 * without `hostOnly` takes it from the domain, as the cookies API writes it (a domain cookie has a leading dot).
 */
export function refKey(c: CookieRef): string {
  return (c as { [KEY]?: string })[KEY] ?? buildKey(c);
}

/**
 * A frozen cookie's key, worked out once and kept on it (not enumerable: spreads and messages leave it
 * behind). The worker freezes each cookie a change event brings, and the store index, the live digest and
 * the written digest each key the same change: building the key five times was a twentieth of the worker's
 * time on cookie-heavy pages (`bench -- profile`). A WeakMap from cookie to key was tried first: building
 * keys cost as much as before (the first look-up of each cookie filled the map), and garbage collection took
 * 202 and 338 ms in its two profiles against 185–232 ms without it. Frozen (and its partition key too), a
 * cookie cannot change under its key.
 */
const KEY = Symbol('refKey');

/** Freezes a cookie and its partition key, with its key worked out once (see refKey); returns it. */
export function freezeCookie<C extends CookieRef>(c: C): Readonly<C> {
  if (Object.isFrozen(c)) return c;
  if (c.partitionKey) Object.freeze(c.partitionKey);
  Object.defineProperty(c, KEY, { value: buildKey(c) });
  return Object.freeze(c);
}

function buildKey(c: CookieRef): string {
  const partition = isPartitioned(c) ? `${c.partitionKey?.topLevelSite}|${c.partitionKey?.hasCrossSiteAncestor ? 1 : 0}` : '';
  const hostOnly = c.hostOnly ?? !c.domain.startsWith('.');
  return [c.storeId ?? '', c.name, c.domain, hostOnly ? 'h' : 'd', c.path, partition, c.firstPartyDomain ?? ''].join('\u0000');
}

/**
 * A cookie's name, domain and path, without its store or partition: what a Set-Cookie header or a policy
 * entry names (refKey is the identity in a store).
 */
export function namePathKey(c: Pick<CookieRef, 'name' | 'domain' | 'path'>): string {
  return `${c.name}\u0000${c.domain}\u0000${c.path}`;
}

/** Are these the same cookie (in the same store and partition)? */
export function sameCookie(a: CookieRef, b: CookieRef): boolean {
  return refKey(a) === refKey(b);
}

/** The host a cookie belongs to, without the leading dot of a domain cookie. */
export function cookieHost(c: Pick<Cookie, 'domain'>): string {
  return c.domain.startsWith('.') ? c.domain.slice(1) : c.domain;
}
