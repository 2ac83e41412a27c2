import { getDomain, getPublicSuffix, parse } from 'tldts';
import { type Cookie, cookieHost } from './cookie';

// Chromium applies the private section of the public suffix list too (github.io, herokuapp.com…).
const PSL = { allowPrivateDomains: true } as const;

export function isIpAddress(host: string): boolean {
  return parse(host, PSL).isIp === true || host.startsWith('[');
}

/**
 * The registrable domain ("site") of a host: eTLD+1, or the host itself for IPs, localhost and
 * hosts that are a public suffix. Used for same-site and third-party decisions.
 */
const siteCache = new Map<string, string>();

export function siteOf(host: string): string {
  let site = siteCache.get(host);
  if (site === undefined) {
    const h = host.toLowerCase().replace(/^\./, '');
    site = isIpAddress(h) ? h : (getDomain(h, PSL) ?? h);
    // A public-suffix lookup costs microseconds; a big jar asks for the same few hosts thousands of times.
    if (siteCache.size > 10_000) siteCache.clear();
    siteCache.set(host, site);
  }
  return site;
}

export function isPublicSuffix(host: string): boolean {
  const h = host.toLowerCase().replace(/^\./, '');
  if (isIpAddress(h)) return false;
  return getPublicSuffix(h, PSL) === h && getDomain(h, PSL) === null;
}

export function hostOf(url: string): string {
  return parseUrl(url)?.hostname.toLowerCase() ?? '';
}

let lastUrl = '';
let lastParsed: URL | null = null;

/**
 * `new URL` with a one-entry memo: rules ask about the page URL once per cookie, and URL parsing is
 * the single most expensive step of judging a big jar. Returns null for strings that are not URLs.
 */
export function parseUrl(url: string): URL | null {
  if (url !== lastUrl) {
    lastUrl = url;
    try {
      lastParsed = new URL(url);
    } catch {
      lastParsed = null;
    }
  }
  return lastParsed;
}

export function isSameSite(hostA: string, hostB: string): boolean {
  return siteOf(hostA) === siteOf(hostB);
}

/** localhost and loopback count as secure contexts, as in Chromium and Firefox. */
export function isPotentiallyTrustworthy(url: string): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol === 'https:' || u.protocol === 'wss:') return true;
  const h = u.hostname;
  return h === 'localhost' || h.endsWith('.localhost') || h === '127.0.0.1' || h.startsWith('127.') || h === '[::1]';
}

/** RFC 6265bis 5.1.3 domain-match. */
export function domainMatch(host: string, domain: string): boolean {
  const h = host.toLowerCase();
  const d = domain.toLowerCase().replace(/^\./, '');
  if (h === d) return true;
  return !isIpAddress(h) && h.endsWith(`.${d}`);
}

/** RFC 6265bis 5.1.4 path-match. */
export function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** Whether a stored cookie's domain and path cover a URL (ignores Secure and SameSite). */
export function cookieCoversUrl(c: Pick<Cookie, 'domain' | 'hostOnly' | 'path'>, url: string): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  const host = u.hostname.toLowerCase();
  const domainOk = c.hostOnly ? host === cookieHost(c) : domainMatch(host, c.domain);
  return domainOk && pathMatch(u.pathname || '/', c.path);
}

/** A cookie is third-party on a page when its site differs from the page's site. */
export function isThirdParty(c: Pick<Cookie, 'domain'>, pageUrl: string): boolean {
  const host = hostOf(pageUrl);
  return host !== '' && !isSameSite(cookieHost(c), host);
}

/** The sites cookies belong to: each one's own and, for a partitioned one, its top-level site's. */
export function sitesOf(cookies: readonly { domain: string; partitionKey?: { topLevelSite?: string } | null }[]): string[] {
  const sites = new Set<string>();
  for (const c of cookies) {
    sites.add(siteOf(cookieHost(c)));
    const top = c.partitionKey?.topLevelSite;
    if (top) sites.add(siteOf(hostOf(top)));
  }
  return [...sites];
}
