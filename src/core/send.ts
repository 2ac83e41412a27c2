// RFC 6265bis §5.8.3 (retrieval) and §5.6.7 (SameSite enforcement): would the browser attach this
// cookie to this request, and why (not)? Used by the jar, the popup's "would it be sent?" tool and rules.
import { type Cookie, isPartitioned } from './cookie';
import { cookieCoversUrl, hostOf, isPotentiallyTrustworthy, isSameSite } from './site';

/** Chromium sends Lax-by-default cookies on cross-site top-level POSTs for 2 minutes after creation. */
export const LAX_ALLOWING_UNSAFE_MS = 2 * 60 * 1000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export interface RequestContext {
  url: string;
  /** The request's site differs from the site of the page (or frame chain) that makes it. */
  crossSite: boolean;
  /** A top-level navigation (link, form, location change) rather than a subresource or frame. */
  topLevel: boolean;
  method?: string;
  /** false for `document.cookie` and other non-HTTP APIs, which never see HttpOnly cookies. */
  http?: boolean;
  /** The top-level site of the page, for partitioned cookies (e.g. https://shop.example). */
  topLevelSite?: string;
}

export interface SendDecision {
  sent: boolean;
  /** Plain reasons: why it is sent, or every reason it is not. */
  reasons: string[];
}

/** The same verdict as sendDecision without building the explanations: for rules that scan whole jars. */
export function isSent(cookie: Cookie, req: RequestContext, now: number): boolean {
  if (!cookieCoversUrl(cookie, req.url)) return false;
  return sendDecision(cookie, req, now).sent;
}

export function sendDecision(cookie: Cookie, req: RequestContext, now: number, createdAt?: number): SendDecision {
  const blocked: string[] = [];
  if (!cookieCoversUrl(cookie, req.url)) {
    blocked.push(
      cookie.hostOnly
        ? `It belongs to ${cookie.domain} only (no Domain attribute), and the path must start with ${cookie.path}.`
        : `Its Domain ${cookie.domain} and Path ${cookie.path} do not cover this URL.`,
    );
  }
  if (cookie.expirationDate !== undefined && cookie.expirationDate * 1000 <= now) blocked.push('It has expired.');
  if (cookie.secure && !isPotentiallyTrustworthy(req.url)) blocked.push('It is Secure and the request is not HTTPS.');
  if (cookie.httpOnly && req.http === false) blocked.push('It is HttpOnly, so scripts (document.cookie) cannot read it.');
  if (isPartitioned(cookie) && req.topLevelSite && !isSameSite(hostOf(cookie.partitionKey?.topLevelSite ?? ''), hostOf(req.topLevelSite))) {
    blocked.push(`It is partitioned to ${cookie.partitionKey?.topLevelSite}, and this page's top-level site is ${req.topLevelSite}.`);
  }
  if (req.crossSite) {
    const method = (req.method ?? 'GET').toUpperCase();
    const safeTopLevel = req.topLevel && SAFE_METHODS.has(method);
    if (cookie.sameSite === 'strict') blocked.push('It is SameSite=Strict and the request comes from another site.');
    if (cookie.sameSite === 'lax' && !safeTopLevel)
      blocked.push(`It is SameSite=Lax: cross-site it only goes with top-level ${[...SAFE_METHODS].join('/')} navigations.`);
    if (cookie.sameSite === 'unspecified' && !safeTopLevel) {
      const young = createdAt !== undefined && now - createdAt < LAX_ALLOWING_UNSAFE_MS && req.topLevel;
      if (!young)
        blocked.push(
          'It has no SameSite attribute, which Chrome and Edge treat as Lax: cross-site it only goes with top-level GET navigations (Firefox and Safari would still send it).',
        );
    }
    if (cookie.sameSite === 'no_restriction' && !cookie.secure) blocked.push('It is SameSite=None without Secure, which browsers refuse.');
  }
  if (blocked.length) return { sent: false, reasons: blocked };
  const why = req.crossSite
    ? cookie.sameSite === 'no_restriction'
      ? 'It is SameSite=None (and Secure), so it goes with requests from any site.'
      : 'It is Lax (or has no SameSite) and this is a top-level navigation with a safe method.'
    : 'Domain, path and flags match, and the request is same-site.';
  return { sent: true, reasons: [why] };
}
