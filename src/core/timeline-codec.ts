import type { Cookie, SameSite } from './cookie';
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

export type EncodedEntry = [seq: number, time: number, cause: number, flags: number, cookie: EncodedCookie];

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

export function encodeEntry(e: TimelineEntry): EncodedEntry {
  const flags = (e.removed ? REMOVED : 0) | (e.missed ? MISSED : 0);
  return [e.seq, e.time, Math.max(0, CAUSES.indexOf(e.cause)), flags, encodeCookie(e.cookie)];
}

export function decodeEntry(a: EncodedEntry): TimelineEntry {
  const [seq, time, cause, flags, cookie] = a;
  const entry: TimelineEntry = { seq, time, cause: CAUSES[cause] ?? 'explicit', removed: (flags & REMOVED) !== 0, cookie: decodeCookie(cookie) };
  if (flags & MISSED) entry.missed = true;
  return entry;
}
