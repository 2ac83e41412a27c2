import type { Cookie, SameSite } from './cookie';
import { hash64 } from './hash';
import type { ChangeCause, TimelineEntry } from './timeline';

// The timeline is written to extension storage thousands of times a second on busy pages; positional
// arrays are a third of the size of the object form, and bytes written are what the browser pays for.
const CAUSES: readonly ChangeCause[] = ['explicit', 'overwrite', 'expired', 'expired_overwrite', 'evicted'];
const SAME_SITE: readonly SameSite[] = ['unspecified', 'lax', 'strict', 'no_restriction'];

const HOST_ONLY = 1;
const SECURE = 2;
const HTTP_ONLY = 4;
const SESSION = 8;
const CROSS_SITE_ANCESTOR = 16;

const REMOVED = 1;
const MISSED = 2;

export type EncodedCookie = [
  flags: number,
  name: string,
  value: string,
  domain: string,
  path: string,
  sameSite: number,
  expirationDate: number | null,
  storeId: string | null,
  topLevelSite: string | null,
  firstPartyDomain: string | null,
];

/** A stored value cut short: its full size (UTF-16 units) and the hash of the whole of it. */
export type Truncation = [size: number, hash: string];

export type EncodedEntry = [seq: number, time: number, cause: number, flags: number, cookie: EncodedCookie, truncated?: Truncation];

/**
 * Values longer than this are stored cut to their first VALUE_HEAD and last VALUE_TAIL characters, with
 * their size and the hash of the whole: a few 4 KB cookies changing in a loop would otherwise fill the ring
 * in minutes and push out every other change. Head and tail show where most values change (a counter, a
 * signature at the end); the timeline says it is cut, and the hash still tells two long values apart.
 */
export const VALUE_LIMIT = 512;
export const VALUE_HEAD = 192;
export const VALUE_TAIL = 64;

/** A long value as stored: its head, an ellipsis, its tail. */
export function cutValue(value: string): string {
  return `${value.slice(0, VALUE_HEAD)}…${value.slice(-VALUE_TAIL)}`;
}

export function encodeCookie(c: Cookie): EncodedCookie {
  const flags =
    (c.hostOnly ? HOST_ONLY : 0) |
    (c.secure ? SECURE : 0) |
    (c.httpOnly ? HTTP_ONLY : 0) |
    (c.session ? SESSION : 0) |
    (c.partitionKey?.hasCrossSiteAncestor ? CROSS_SITE_ANCESTOR : 0);
  return [
    flags,
    c.name,
    c.value,
    c.domain,
    c.path,
    Math.max(0, SAME_SITE.indexOf(c.sameSite)),
    c.expirationDate ?? null,
    c.storeId ?? null,
    c.partitionKey?.topLevelSite ?? null,
    c.firstPartyDomain ?? null,
  ];
}

export function decodeCookie(a: EncodedCookie): Cookie {
  const [flags, name, value, domain, path, sameSite, expirationDate, storeId, topLevelSite, firstPartyDomain] = a;
  const cookie: Cookie = {
    name,
    value,
    domain,
    hostOnly: (flags & HOST_ONLY) !== 0,
    path,
    secure: (flags & SECURE) !== 0,
    httpOnly: (flags & HTTP_ONLY) !== 0,
    sameSite: SAME_SITE[sameSite] ?? 'unspecified',
    session: (flags & SESSION) !== 0,
  };
  if (expirationDate !== null) cookie.expirationDate = expirationDate;
  if (storeId !== null) cookie.storeId = storeId;
  if (topLevelSite !== null) cookie.partitionKey = { topLevelSite, hasCrossSiteAncestor: (flags & CROSS_SITE_ANCESTOR) !== 0 };
  if (firstPartyDomain !== null) cookie.firstPartyDomain = firstPartyDomain;
  return cookie;
}

/** An entry as stored: long values cut (see VALUE_LIMIT), everything else as it was. */
export function encodeEntry(e: TimelineEntry): EncodedEntry {
  const flags = (e.removed ? REMOVED : 0) | (e.missed ? MISSED : 0);
  const encoded: EncodedEntry = [e.seq, e.time, Math.max(0, CAUSES.indexOf(e.cause)), flags, encodeCookie(e.cookie)];
  if (e.truncated) {
    encoded[5] = [e.truncated.size, e.truncated.hash];
  } else if (e.cookie.value.length > VALUE_LIMIT) {
    encoded[4][2] = cutValue(e.cookie.value);
    encoded[5] = [e.cookie.value.length, hash64(e.cookie.value)];
  }
  return encoded;
}

export function decodeEntry(a: EncodedEntry): TimelineEntry {
  const [seq, time, cause, flags, cookie, truncated] = a;
  const entry: TimelineEntry = { seq, time, cause: CAUSES[cause] ?? 'explicit', removed: (flags & REMOVED) !== 0, cookie: decodeCookie(cookie) };
  if (flags & MISSED) entry.missed = true;
  if (truncated) entry.truncated = { size: truncated[0], hash: truncated[1] };
  return entry;
}

/**
 * What identifies a cookie's state for finding missed changes: its value (or the hash of a long one), expiry
 * and flags. Two states with the same digest look the same to the cookies API.
 */
export function stateDigest(c: Cookie, truncated?: { hash: string }): string {
  const value = truncated ? `#${truncated.hash}` : c.value.length > VALUE_LIMIT ? `#${hash64(c.value)}` : c.value;
  return hash64([value, c.expirationDate ?? '', c.secure ? 1 : 0, c.httpOnly ? 1 : 0, c.sameSite, c.session ? 1 : 0].join('\u0000'));
}

/** Do two cookies have the same state, as stateDigest tells states apart (values compared whole)? Without hashing. */
export function sameState(a: Cookie, b: Cookie): boolean {
  return (
    a.value === b.value &&
    (a.expirationDate ?? '') === (b.expirationDate ?? '') &&
    a.secure === b.secure &&
    a.httpOnly === b.httpOnly &&
    a.sameSite === b.sameSite &&
    a.session === b.session
  );
}
