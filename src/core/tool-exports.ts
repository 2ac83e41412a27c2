// Exports in the vocabularies of the test tools, so a session seen in the browser can be loaded into them:
// Playwright's storageState (its `sameSite` words and `expires` in seconds, -1 for a session cookie), the CDP
// `Network.setCookies` / Puppeteer `page.setCookie` shape, Selenium WebDriver's cookie JSON (`expiry`), and curl
// and fetch() — one per request URL, with exactly the cookies the jar model says the browser would send there.
// Each format is the tool's documented one; none needs a library to write.
import { type Cookie, cookieHost, type SameSite } from './cookie';
import { cookieHeader as toCookieHeader } from './jar';
import { isSent } from './send';
import { hostOf, siteOf } from './site';

type PlaywrightSameSite = 'Strict' | 'Lax' | 'None';
/** Playwright and CDP have no "unspecified": Chromium treats a cookie without the attribute as Lax. */
const WORDS: Record<SameSite, PlaywrightSameSite> = { strict: 'Strict', lax: 'Lax', no_restriction: 'None', unspecified: 'Lax' };

/** A cookie's domain as these tools write it: a leading dot for a domain cookie, the host for a host-only one. */
const domainOf = (c: Cookie) => (c.hostOnly ? cookieHost(c) : `.${cookieHost(c)}`);
const expiresOf = (c: Cookie) => (c.session || c.expirationDate === undefined ? -1 : c.expirationDate);

/** Playwright `browserContext.storageState()` / `newContext({ storageState })`. */
export function toStorageState(
  cookies: readonly Cookie[],
  origins: readonly { origin: string; localStorage: { name: string; value: string }[] }[] = [],
): string {
  const state = {
    cookies: cookies.map((c) => ({
      name: c.name,
      value: c.value,
      domain: domainOf(c),
      path: c.path,
      expires: expiresOf(c),
      httpOnly: c.httpOnly,
      secure: c.secure,
      sameSite: WORDS[c.sameSite],
      ...(c.partitionKey?.topLevelSite ? { partitionKey: c.partitionKey.topLevelSite } : {}),
    })),
    origins: origins.map((o) => ({ origin: o.origin, localStorage: o.localStorage })),
  };
  return `${JSON.stringify(state, null, 2)}\n`;
}

/**
 * CDP `Network.setCookies({ cookies })` (`dialect` 'cdp') or Puppeteer's `page.setCookie(...cookies)` /
 * `browser.setCookie` ('puppeteer'). They differ only in the partition key: CDP's `{ topLevelSite,
 * hasCrossSiteAncestor }`, Puppeteer's `{ sourceOrigin, hasCrossSiteAncestor }` (it maps that to CDP itself).
 */
export function toCdp(cookies: readonly Cookie[], dialect: 'cdp' | 'puppeteer' = 'cdp'): string {
  const site = dialect === 'cdp' ? 'topLevelSite' : 'sourceOrigin';
  const params = cookies.map((c) => ({
    name: c.name,
    value: c.value,
    ...(c.hostOnly ? { url: `https://${cookieHost(c)}${c.path}` } : { domain: domainOf(c) }),
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    ...(c.sameSite === 'unspecified' ? {} : { sameSite: WORDS[c.sameSite] }),
    ...(expiresOf(c) === -1 ? {} : { expires: expiresOf(c) }),
    ...(c.partitionKey?.topLevelSite
      ? { partitionKey: { [site]: c.partitionKey.topLevelSite, hasCrossSiteAncestor: c.partitionKey.hasCrossSiteAncestor ?? false } }
      : {}),
  }));
  return `${JSON.stringify(params, null, 2)}\n`;
}

/** Selenium WebDriver `driver.add_cookie(cookie)` / W3C WebDriver "Add Cookie". */
export function toSelenium(cookies: readonly Cookie[]): string {
  const list = cookies.map((c) => ({
    name: c.name,
    value: c.value,
    domain: domainOf(c),
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    ...(c.sameSite === 'unspecified' ? {} : { sameSite: WORDS[c.sameSite] }),
    ...(expiresOf(c) === -1 ? {} : { expiry: Math.floor(expiresOf(c)) }),
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/**
 * The requests a page's cookies go with — the page itself, then the host and path of each cookie no earlier
 * request carries — and the cookies the jar model says the browser would attach to each (domain, path,
 * Secure, SameSite for a request from this page, the partition), longest path first as browsers order them.
 * The Cookie header, curl and fetch() exports are all built from this one answer.
 */
export function cookiesPerRequest(cookies: readonly Cookie[], pageUrl: string, now: number): { url: string; crossSite: boolean; cookies: Cookie[] }[] {
  const site = siteOf(hostOf(pageUrl));
  const topLevelSite = originOf(pageUrl);
  const requestOf = (url: string) => ({ url, crossSite: siteOf(hostOf(url)) !== site, topLevel: url === pageUrl, topLevelSite });
  const urls = [pageUrl];
  for (const c of cookies) if (!urls.some((u) => isSent(c, requestOf(u), now))) urls.push(`https://${cookieHost(c)}${c.path}`);
  return [...new Set(urls)]
    .map((url) => ({
      url,
      crossSite: requestOf(url).crossSite,
      cookies: cookies.filter((c) => isSent(c, requestOf(url), now)).sort((a, b) => b.path.length - a.path.length),
    }))
    .filter((r) => r.cookies.length > 0);
}

/** A shell word in single quotes (a quote inside becomes '\''). */
const sh = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** One curl command per request URL: `curl -b 'a=1; b=2' URL`. */
export function toCurl(cookies: readonly Cookie[], pageUrl: string, now: number = Date.now()): string {
  const lines = cookiesPerRequest(cookies, pageUrl, now).map((r) => `curl -b ${sh(toCookieHeader(r.cookies))} ${sh(r.url)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * One fetch() per request URL, for Node or Deno (a browser page cannot set the Cookie header itself: it sends
 * its own cookies with `credentials: 'include'`).
 */
export function toFetch(cookies: readonly Cookie[], pageUrl: string, now: number = Date.now()): string {
  const lines = cookiesPerRequest(cookies, pageUrl, now).map(
    (r) => `await fetch(${JSON.stringify(r.url)}, { headers: { Cookie: ${JSON.stringify(toCookieHeader(r.cookies))} } });`,
  );
  return `${lines.join('\n')}\n`;
}
