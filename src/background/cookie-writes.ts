import browser from 'webextension-polyfill';
import { errorMessage, explainError } from '../core/browser-errors';
import { type Cookie, cookieHost, type PartitionKey, refKey } from '../core/cookie';
import { siteOf } from '../core/site';
import { platform } from '../platform';
import type { CookieWrite, LeftAlone, WriteResult } from '../protocol';
import { allStoreCookies } from './store-cookies';

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
    if (c.firstPartyDomain !== undefined || !platform().needsFirstPartyDomain(errorMessage(error))) throw error;
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
    ...platform().firstPartyOf(c),
    ...partition(c.partitionKey),
  } as Parameters<typeof browser.cookies.set>[0]);
  // Chrome answers null (and sets lastError) when it refuses a cookie instead of rejecting; explainError names the cause.
  if (!stored) throw new Error(`The browser refused "${c.name}".`);
  return stored as Cookie;
}

export async function deleteCookie(c: Pick<Cookie, 'name' | 'domain' | 'path' | 'secure' | 'storeId' | 'partitionKey' | 'firstPartyDomain'>): Promise<boolean> {
  const removed = await browser.cookies.remove({
    url: urlOf(c),
    name: c.name,
    ...(c.storeId ? { storeId: c.storeId } : {}),
    ...platform().firstPartyOf(c),
    ...partition(c.partitionKey),
  } as Parameters<typeof browser.cookies.remove>[0]);
  return removed !== null;
}

/** Value and attributes, what a page can change about a cookie that is still the same cookie. */
export function sameState(a: Cookie, b: Cookie): boolean {
  return (
    a.value === b.value &&
    a.secure === b.secure &&
    a.httpOnly === b.httpOnly &&
    a.sameSite === b.sameSite &&
    a.session === b.session &&
    Math.abs((a.expirationDate ?? 0) - (b.expirationDate ?? 0)) < 1
  );
}

const clip = (v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v);

/** The cookies of one store by identity (refKey), as they are now. */
export async function storeByKey(storeId: string | undefined): Promise<Map<string, Cookie>> {
  const all = await allStoreCookies();
  return new Map(all.filter((c) => storeId === undefined || c.storeId === storeId).map((c) => [refKey(c), c]));
}

/**
 * Writes cookies one by one (edits, adds). A failure is explained (explainError) with the browser's
 * own words kept as `raw`.
 */
export async function writeCookies(cookies: readonly CookieWrite[]): Promise<WriteResult> {
  const written: Cookie[] = [];
  const errors: WriteResult['errors'] = [];
  for (const [index, c] of cookies.entries()) {
    try {
      written.push(await writeCookie(c));
    } catch (error) {
      errors.push({ index, name: c.name, ...explainError(error, c) });
    }
  }
  return { written, errors, rolledBack: false };
}

/**
 * Undoes written cookies: each goes back to what `before` held (or away, if it was new) — but only if
 * nobody changed it since it was written. A cookie the page rewrote or removed meanwhile is left alone
 * and reported: an undo or rollback must never clobber what the page wrote.
 */
export async function rollBack(written: readonly Cookie[], before: ReadonlyMap<string, Cookie>, storeId: string | undefined): Promise<LeftAlone[]> {
  const now = await storeByKey(storeId);
  const leftAlone: LeftAlone[] = [];
  for (const w of [...written].reverse()) {
    const key = refKey(w);
    const current = now.get(key);
    if (!current || !sameState(current, w)) {
      leftAlone.push({
        name: w.name,
        domain: w.domain,
        reason: current ? `the page changed it after it was written (now "${clip(current.value)}")` : 'the page removed it after it was written',
      });
      continue;
    }
    const old = before.get(key);
    if (old) await writeCookie(old).catch(() => undefined);
    else await deleteCookie(w).catch(() => undefined);
  }
  return leftAlone;
}

/** Puts deleted cookies back (Undo), except those the page has set again since: those it keeps. */
export async function restoreCookies(cookies: readonly Cookie[]): Promise<{ restored: Cookie[]; leftAlone: LeftAlone[]; errors: WriteResult['errors'] }> {
  const stores = new Map<string | undefined, Map<string, Cookie>>();
  const restored: Cookie[] = [];
  const leftAlone: LeftAlone[] = [];
  const errors: WriteResult['errors'] = [];
  for (const [index, c] of cookies.entries()) {
    let store = stores.get(c.storeId);
    if (!store) {
      store = await storeByKey(c.storeId);
      stores.set(c.storeId, store);
    }
    const current = store.get(refKey(c));
    if (current) {
      leftAlone.push({ name: c.name, domain: c.domain, reason: `the page set it again since (now "${clip(current.value)}")` });
      continue;
    }
    try {
      restored.push(await writeCookie(c));
    } catch (error) {
      errors.push({ index, name: c.name, ...explainError(error, c) });
    }
  }
  return { restored, leftAlone, errors };
}
