import { type Cookie, cookieHost, refKey } from './cookie';
import { type RequestContext, sendDecision } from './send';
import { parseSetCookie, type SetCookieResult } from './set-cookie';
import { domainMatch, isPotentiallyTrustworthy, pathMatch } from './site';

interface Stored {
  cookie: Cookie;
  created: number;
  /** Breaks ties between cookies created in the same millisecond. */
  order: number;
}

/**
 * A browser cookie store model (RFC 6265bis §5.7–5.8): what `Set-Cookie` headers leave behind and which
 * cookies go with a request, in the order browsers send them (longer paths first, then older first).
 */
export class CookieJar {
  private readonly store = new Map<string, Stored>();
  private counter = 0;

  /** Receives a Set-Cookie header from `url`; returns the parser's verdict, with the jar-level rules applied. */
  setCookie(header: string, url: string, now: number = Date.now()): SetCookieResult {
    const result = parseSetCookie(header, url, now);
    if (!result.accepted) return result;
    const { cookie } = result;
    // §5.7 step 16: a cookie set insecurely cannot shadow an existing Secure cookie of the same name whose
    // domain overlaps its own (domain-match either way, as Chromium reads it: a host-only cookie covers
    // its host only) and whose path the new cookie's path path-matches.
    if (!cookie.secure && !isPotentiallyTrustworthy(url)) {
      const covers = (c: Cookie, host: string) => (c.hostOnly ? cookieHost(c) === host : domainMatch(host, cookieHost(c)));
      for (const { cookie: old } of this.store.values()) {
        const overlaps =
          old.name === cookie.name && old.secure && (covers(old, cookieHost(cookie)) || covers(cookie, cookieHost(old))) && pathMatch(cookie.path, old.path);
        if (overlaps)
          return {
            accepted: false,
            code: 'overwrite-secure',
            reason: `An insecure response cannot overwrite the Secure cookie "${old.name}".`,
            cookie,
            header: result.header,
          };
      }
    }
    const key = refKey(cookie);
    const existing = this.store.get(key);
    if (result.expired) {
      this.store.delete(key);
      return result;
    }
    // §5.7 step 23: replacing a cookie keeps its creation time (and so its place in the order).
    this.store.set(key, { cookie, created: existing?.created ?? now, order: existing?.order ?? this.counter++ });
    return result;
  }

  /** The cookies sent with a request, in order. Defaults to a same-site top-level GET over HTTP. */
  cookiesFor(request: string | RequestContext, now: number = Date.now()): Cookie[] {
    const req: RequestContext = typeof request === 'string' ? { url: request, crossSite: false, topLevel: true } : request;
    // Cookies go with HTTP(S) and WebSocket requests only (an ftp: or data: URL gets none).
    if (!/^(?:https?|wss?):/i.test(req.url)) return [];
    const matching: Stored[] = [];
    for (const [key, stored] of this.store) {
      if (stored.cookie.expirationDate !== undefined && stored.cookie.expirationDate * 1000 <= now) {
        this.store.delete(key);
        continue;
      }
      if (sendDecision(stored.cookie, req, now, stored.created).sent) matching.push(stored);
    }
    matching.sort((a, b) => b.cookie.path.length - a.cookie.path.length || a.created - b.created || a.order - b.order);
    return matching.map((s) => s.cookie);
  }

  all(): Cookie[] {
    return [...this.store.values()].map((s) => s.cookie);
  }
}

/** The Cookie request header for a list of cookies (a nameless cookie is sent as its value alone). */
export function cookieHeader(cookies: readonly Pick<Cookie, 'name' | 'value'>[]): string {
  return cookies.map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`)).join('; ');
}
