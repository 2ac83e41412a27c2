import type { Cookie } from '../core/cookie';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A moment in the reader's own time zone, ISO-like ("2026-12-01 21:14"): every date the UI shows is local,
 * so an expiry never sits in UTC beside a local "10:26" in the timeline.
 */
export function localDateTime(ms: number, withSeconds = false): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'an invalid date';
  const date = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  return `${date} ${two(d.getHours())}:${two(d.getMinutes())}${withSeconds ? `:${two(d.getSeconds())}` : ''}`;
}

/** Expiry as the DevTools table shows it: "Session" or a local date. */
export function formatExpires(c: Pick<Cookie, 'session' | 'expirationDate'>): string {
  if (c.session || c.expirationDate === undefined) return 'Session';
  return localDateTime(c.expirationDate * 1000);
}

export function formatPartition(c: Pick<Cookie, 'partitionKey'>): string {
  const key = c.partitionKey;
  if (!key?.topLevelSite) return '';
  return key.hasCrossSiteAncestor ? `${key.topLevelSite} (cross-site)` : key.topLevelSite;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
