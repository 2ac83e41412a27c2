// Profiles (test users) in the extension's own storage: per site, named snapshots of its cookies and
// localStorage, the active one, switching (the site's cookies and localStorage replaced, the tab reloaded), and
// the encrypted export/import (core/profile.ts). Everything stays in storage.local under the profiles share.
import browser from 'webextension-polyfill';
import { explainError } from '../core/browser-errors';
import { openProfile, type Profile, ProfileError, sealProfile } from '../core/profile';
import { hostOf, siteOf } from '../core/site';
import { platform } from '../platform';
import type { ProfileSummary, ProfileSwitch } from '../protocol';
import { storeIdOf } from './collect';
import { deleteCookie, writeCookie } from './cookie-writes';
import { siteCookies } from './page-report';
import { load, type Saved, store, summary } from './profile-store';
import { readTabStorage, replaceTabLocalStorage } from './web-storage';

async function tabSite(tabId: number): Promise<{ url: string; site: string; storeId: string }> {
  const url = (await browser.tabs.get(tabId)).url ?? '';
  if (!/^https?:/.test(url)) throw new ProfileError('Profiles are for http and https pages.');
  return { url, site: siteOf(hostOf(url)), storeId: (await storeIdOf(browser.cookies, tabId)) ?? platform().defaultStoreId };
}

/** The profile of that name for the site, or a ProfileError saying there is none. */
function profileOf(saved: Saved, site: string, name: string): Profile {
  const profile = saved[site]?.profiles.find((p) => p.name === name);
  if (!profile) throw new ProfileError(`There is no profile "${name}" for ${site}.`);
  return profile;
}

/** Puts a profile in its site's list, replacing one of that name; answers whether one was replaced. */
function putProfile(saved: Saved, profile: Profile): boolean {
  const entry = saved[profile.site] ?? { profiles: [] };
  const replaced = entry.profiles.some((p) => p.name === profile.name);
  entry.profiles = [...entry.profiles.filter((p) => p.name !== profile.name), profile];
  saved[profile.site] = entry;
  return replaced;
}

/** Saves the tab's site cookies and its origins' localStorage under `name` (replacing a profile of that name); it becomes the active one. */
export async function saveProfile(tabId: number, name: string): Promise<ProfileSummary> {
  const clean = name.trim();
  if (!clean) throw new ProfileError('Give the profile a name (the test user it is, e.g. "admin").');
  const { url, site, storeId } = await tabSite(tabId);
  const [cookies, frames] = await Promise.all([siteCookies(site, storeId), readTabStorage(tabId, url, undefined, { indexedDB: false })]);
  const localStorage = new Map<string, { name: string; value: string }[]>();
  for (const f of frames) {
    if (!f.origin || siteOf(hostOf(f.origin)) !== site || localStorage.has(f.origin) || !f.local) continue;
    // A value the probe cut cannot be restored whole: refused rather than saved shortened.
    const cut = f.local.find(([, value, length]) => length > value.length);
    if (cut) throw new ProfileError(`localStorage "${cut[0]}" of ${f.origin} is ${cut[2].toLocaleString('en-US')} characters: too big for a profile.`);
    localStorage.set(
      f.origin,
      f.local.map(([key, value]) => ({ name: key, value })),
    );
  }
  const profile: Profile = {
    name: clean,
    site,
    savedAt: Date.now(),
    cookies: cookies.map((c) => ({ ...c })),
    localStorage: [...localStorage].map(([origin, items]) => ({ origin, items })),
  };
  const saved = await load();
  putProfile(saved, profile);
  saved[site].active = clean;
  await store(saved);
  return summary(profile);
}

/**
 * Switches the tab's site to a profile: the site's cookies now are removed, the profile's written (expired ones
 * skipped and counted), each saved origin's localStorage replaced, and the tab reloaded so the page sees the user.
 */
export async function switchProfile(tabId: number, name: string): Promise<ProfileSwitch> {
  const { site, storeId } = await tabSite(tabId);
  const saved = await load();
  const profile = profileOf(saved, site, name);
  const now = Date.now() / 1000;
  const result: ProfileSwitch = { name, removed: 0, written: 0, expired: 0, errors: [], items: 0 };
  for (const c of await siteCookies(site, storeId)) if (await deleteCookie(c).catch(() => false)) result.removed++;
  for (const c of profile.cookies) {
    if (!c.session && c.expirationDate !== undefined && c.expirationDate < now) {
      result.expired++;
      continue;
    }
    try {
      const { storeId: _, firstPartyDomain, ...rest } = c;
      await writeCookie({ ...rest, storeId, ...(firstPartyDomain ? { firstPartyDomain } : {}) });
      result.written++;
    } catch (error) {
      result.errors.push(`cookie "${c.name}": ${explainError(error).message}`);
    }
  }
  for (const o of profile.localStorage) {
    const answer = await replaceTabLocalStorage(tabId, o.origin, o.items);
    if (answer.ok) result.items += o.items.length;
    else result.errors.push(`localStorage of ${o.origin}: ${answer.error}`);
  }
  saved[site].active = name;
  await store(saved);
  await browser.tabs.reload(tabId);
  return result;
}

export async function deleteProfile(site: string, name: string): Promise<void> {
  const saved = await load();
  const entry = saved[site];
  if (!entry) return;
  entry.profiles = entry.profiles.filter((p) => p.name !== name);
  if (entry.active === name) entry.active = undefined;
  if (entry.profiles.length === 0) delete saved[site];
  await store(saved);
}

export async function exportProfile(site: string, name: string, passphrase: string): Promise<string> {
  return sealProfile(profileOf(await load(), site, name), passphrase);
}

/** Opens an encrypted profile and stores it (a profile of that name on that site is replaced). */
export async function importProfile(text: string, passphrase: string): Promise<{ name: string; site: string; replaced: boolean }> {
  const profile = await openProfile(text, passphrase);
  const saved = await load();
  const replaced = putProfile(saved, profile);
  await store(saved);
  return { name: profile.name, site: profile.site, replaced };
}
