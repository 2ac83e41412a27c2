import browser from 'webextension-polyfill';
import type { Cookie, PartitionKey } from '../core/cookie';
import { cookieHost } from '../core/cookie';
import { siteOf } from '../core/site';
import type { CookieWrite, WriteResult } from '../messages';
import { firstPartyOf, isFirefox } from './platform';

function urlOf(c: Pick<Cookie, 'domain' | 'path' | 'secure'>): string {
  return `${c.secure ? 'https' : 'http'}://${cookieHost(c)}${c.path.startsWith('/') ? c.path : `/${c.path}`}`;
}

function partition(key: PartitionKey | null | undefined): { partitionKey?: { topLevelSite: string; hasCrossSiteAncestor?: boolean } } {
  return key?.topLevelSite ? { partitionKey: { topLevelSite: key.topLevelSite, hasCrossSiteAncestor: key.hasCrossSiteAncestor } } : {};
}

export async function writeCookie(c: CookieWrite): Promise<Cookie> {
  try {
    return await setCookie(c);
  } catch (error) {
    // Firefox with first-party isolation: a new cookie needs a first-party domain, which is the site of the
    // cookie's own host for a cookie set by that site (isolation keys on the top-level eTLD+1).
    if (c.firstPartyDomain !== undefined || !isFirefox() || !/First-Party Isolation/i.test(message(error))) throw error;
    return setCookie({ ...c, firstPartyDomain: siteOf(cookieHost(c)) });
  }
}

async function setCookie(c: CookieWrite): Promise<Cookie> {
  const stored = await browser.cookies.set({
    url: urlOf(c),
    name: c.name,
    value: c.value,
    ...(c.hostOnly ? {} : { domain: cookieHost(c) }),
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    ...(c.session || c.expirationDate === undefined ? {} : { expirationDate: c.expirationDate }),
    ...(c.storeId ? { storeId: c.storeId } : {}),
    ...firstPartyOf(c),
    ...partition(c.partitionKey),
  } as Parameters<typeof browser.cookies.set>[0]);
  // Chrome answers null (and sets lastError) when it refuses a cookie instead of rejecting.
  if (!stored) throw new Error(`The browser refused "${c.name}" (check the domain, Secure with SameSite=None, and the prefix rules).`);
  return stored as Cookie;
}

export async function deleteCookie(c: Pick<Cookie, 'name' | 'domain' | 'path' | 'secure' | 'storeId' | 'partitionKey' | 'firstPartyDomain'>): Promise<boolean> {
  const removed = await browser.cookies.remove({
    url: urlOf(c),
    name: c.name,
    ...(c.storeId ? { storeId: c.storeId } : {}),
    ...firstPartyOf(c),
    ...partition(c.partitionKey),
  } as Parameters<typeof browser.cookies.remove>[0]);
  return removed !== null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Writes cookies one by one. `atomic`: on the first failure every cookie written so far is removed
 * again and the ones it replaced are put back, so an import is all or nothing.
 */
export async function writeCookies(cookies: readonly CookieWrite[], atomic: boolean, existing: readonly Cookie[] = []): Promise<WriteResult> {
  const written: Cookie[] = [];
  const errors: WriteResult['errors'] = [];
  for (const [index, c] of cookies.entries()) {
    try {
      written.push(await writeCookie(c));
    } catch (error) {
      errors.push({ index, name: c.name, message: message(error) });
      if (atomic) {
        for (const w of written) await deleteCookie(w).catch(() => undefined);
        const touched = (x: Cookie) => written.some((w) => w.name === x.name && w.domain === x.domain && w.path === x.path);
        for (const old of existing.filter(touched)) await writeCookie(old).catch(() => undefined);
        return { written: [], errors, rolledBack: true };
      }
    }
  }
  return { written, errors, rolledBack: false };
}
