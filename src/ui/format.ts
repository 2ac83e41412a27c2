import type { Cookie } from '../core/cookie';

/** Expiry as the DevTools table shows it: "Session" or an ISO-like local date. */
export function formatExpires(c: Pick<Cookie, 'session' | 'expirationDate'>): string {
  if (c.session || c.expirationDate === undefined) return 'Session';
  return new Date(c.expirationDate * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

export function formatPartition(c: Pick<Cookie, 'partitionKey'>): string {
  const key = c.partitionKey;
  if (!key?.topLevelSite) return '';
  return key.hasCrossSiteAncestor ? `${key.topLevelSite} (cross-site)` : key.topLevelSite;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
