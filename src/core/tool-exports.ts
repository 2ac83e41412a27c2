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

/** CDP `Network.setCookies({ cookies })` and Puppeteer's `page.setCookie(...cookies)`. */
export function toCdp(cookies: readonly Cookie[]): string {
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
      ? { partitionKey: { topLevelSite: c.partitionKey.topLevelSite, hasCrossSiteAncestor: c.partitionKey.hasCrossSiteAncestor ?? false } }
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

/** The request URLs and the cookies the browser would send to each (the Cookie header export's answer). */
function perRequest(cookies: readonly Cookie[], pageUrl: string, now: number): { url: string; cookies: Cookie[] }[] {
  const site = siteOf(hostOf(pageUrl));
  const urls = [pageUrl, ...cookies.map((c) => `https://${cookieHost(c)}${c.path}`)];
  const out: { url: string; cookies: Cookie[] }[] = [];
  const seen = new Set<string>();
  for (const url of urls) {
    if (seen.has(url)) continue;
    seen.add(url);
    const req = { url, crossSite: siteOf(hostOf(url)) !== site, topLevel: url === pageUrl, topLevelSite: new URL(pageUrl).origin };
    const going = cookies.filter((c) => isSent(c, req, now)).sort((a, b) => b.path.length - a.path.length);
    if (going.length && !out.some((o) => o.cookies.length === going.length && o.cookies.every((c, i) => c === going[i]) && o.url === url))
      out.push({ url, cookies: going });
  }
  return out;
}

/** A shell word in single quotes (a quote inside becomes '\''). */
const sh = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** One curl command per request URL: `curl -b 'a=1; b=2' URL`. */
export function toCurl(cookies: readonly Cookie[], pageUrl: string, now: number = Date.now()): string {
  const lines = perRequest(cookies, pageUrl, now).map((r) => `curl -b ${sh(toCookieHeader(r.cookies))} ${sh(r.url)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * One fetch() per request URL, for Node or Deno (a browser page cannot set the Cookie header itself: it sends
 * its own cookies with `credentials: 'include'`).
 */
export function toFetch(cookies: readonly Cookie[], pageUrl: string, now: number = Date.now()): string {
  const lines = perRequest(cookies, pageUrl, now).map(
    (r) => `await fetch(${JSON.stringify(r.url)}, { headers: { Cookie: ${JSON.stringify(toCookieHeader(r.cookies))} } });`,
  );
  return `${lines.join('\n')}\n`;
}
