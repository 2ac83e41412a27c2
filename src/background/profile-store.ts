// The profiles' storage (storage.local, inside the profiles share of the budget): read and written here only.
import browser from 'webextension-polyfill';
import { type Profile, ProfileError } from '../core/profile';
import type { ProfileSummary } from '../protocol';
import { itemBytes, pack, SHARES, unpack } from './storage-budget';

const KEY = 'profiles';

export type Saved = Record<string, { active?: string; profiles: Profile[] }>;

export async function load(): Promise<Saved> {
  const got = await browser.storage.local.get(KEY);
  return unpack<Saved>(got[KEY]) ?? {};
}

export async function store(saved: Saved): Promise<void> {
  const value = pack(saved);
  const bytes = itemBytes(KEY, value);
  if (bytes > SHARES.profiles)
    throw new ProfileError(
      `Profiles would take ${Math.ceil(bytes / 1024)} KB, over their ${SHARES.profiles / 1024} KB share of the extension's storage: delete a profile first.`,
    );
  await browser.storage.local.set({ [KEY]: value });
}

export const summary = (p: Profile): ProfileSummary => ({
  name: p.name,
  savedAt: p.savedAt,
  cookies: p.cookies.length,
  items: p.localStorage.reduce((n, o) => n + o.items.length, 0),
});

export async function listProfiles(site: string): Promise<{ profiles: ProfileSummary[]; active?: string }> {
  const entry = (await load())[site];
  return { profiles: (entry?.profiles ?? []).map(summary), ...(entry?.active ? { active: entry.active } : {}) };
}
