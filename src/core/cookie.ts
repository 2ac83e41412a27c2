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

/** Name + value + domain + path + partition: two cookies with the same key are the same cookie. */
export interface CookieRef {
  name: string;
  domain: string;
  path: string;
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

export function cookieRef(c: CookieRef): CookieRef {
  return { name: c.name, domain: c.domain, path: c.path };
}

/** Identity of a cookie in a store (RFC 6265bis 5.7 step 22, plus the CHIPS partition and the store). */
export function cookieKey(c: Cookie): string {
  const partition = isPartitioned(c) ? `${c.partitionKey?.topLevelSite}|${c.partitionKey?.hasCrossSiteAncestor ? 1 : 0}` : '';
  return [c.storeId ?? '', c.name, c.domain, c.hostOnly ? 'h' : 'd', c.path, partition, c.firstPartyDomain ?? ''].join('\u0000');
}

/** The host a cookie belongs to, without the leading dot of a domain cookie. */
export function cookieHost(c: Pick<Cookie, 'domain'>): string {
  return c.domain.startsWith('.') ? c.domain.slice(1) : c.domain;
}
