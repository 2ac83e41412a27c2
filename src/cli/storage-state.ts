// Playwright's storageState in and out of the audit's browser: `--storage-state FILE` starts from a ready
// session (no login script), `--save-storage-state FILE` writes the state at the end (after --login), so a QA
// job logs in once and reuses it. The format is Playwright's own (browserContext.storageState()): cookies with
// `expires` in seconds (-1 for a session cookie) and its SameSite words, and origins with their localStorage.
import { writeFile } from 'node:fs/promises';
import type { CookieParam, Cookie as PuppeteerCookie } from 'puppeteer-core';
import { readJsonFile, UsageError } from './errors';
import type { ExtensionBrowser } from './extension-browser';

export interface StorageState {
  cookies: {
    name: string;
    value: string;
    domain: string;
    path: string;
    expires: number;
    httpOnly: boolean;
    secure: boolean;
    sameSite: 'Strict' | 'Lax' | 'None';
  }[];
  origins: { origin: string; localStorage: { name: string; value: string }[] }[];
}

const SAME_SITE: Record<string, 'Strict' | 'Lax' | 'None'> = { Strict: 'Strict', Lax: 'Lax', None: 'None' };

/** Reads and checks a storageState file; every problem is a usage error (exit 2) naming the file and the entry. */
export async function readStorageState(file: string): Promise<StorageState> {
  const data = await readJsonFile(file, 'the storage state');
  const d = data as Partial<StorageState>;
  if (!Array.isArray(d.cookies) || (d.origins !== undefined && !Array.isArray(d.origins)))
    throw new UsageError(`${file} is not a Playwright storageState: it needs "cookies" (and "origins") lists.`);
  d.cookies.forEach((c, i) => {
    if (typeof c?.name !== 'string' || typeof c.value !== 'string' || typeof c.domain !== 'string' || typeof c.path !== 'string')
      throw new UsageError(`${file}: cookies[${i}] needs name, value, domain and path.`);
  });
  return { cookies: d.cookies, origins: d.origins ?? [] };
}

/**
 * A cookie as Playwright and CDP read it (a domain cookie with a leading dot, a host-only one as the bare host,
 * `expires` -1 for a session cookie), as puppeteer sets it again: host-only cookies by URL so they stay host-only.
 */
export function cookieParamOf(c: {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly?: boolean;
  sameSite?: string;
  expires: number;
}): CookieParam {
  return {
    name: c.name,
    value: c.value,
    ...(c.domain.startsWith('.') ? { domain: c.domain } : { url: `https://${c.domain}${c.path}` }),
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly ?? false,
    ...(SAME_SITE[c.sameSite ?? ''] ? { sameSite: SAME_SITE[c.sameSite ?? ''] } : {}),
    ...(c.expires > 0 ? { expires: c.expires } : {}),
  };
}

/** Puts a storageState into the browser: its cookies, and each origin's localStorage (loading the origin once). */
export async function applyStorageState(session: ExtensionBrowser, state: StorageState, timeout: number): Promise<void> {
  const params = state.cookies.map(cookieParamOf);
  const page = await session.browser.newPage();
  try {
    if (params.length) await page.setCookie(...params);
    for (const o of state.origins) {
      if (!o.localStorage?.length) continue;
      await page.goto(o.origin, { waitUntil: 'domcontentloaded', timeout });
      await page.evaluate((items) => {
        for (const { name, value } of items) localStorage.setItem(name, value);
      }, o.localStorage);
    }
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** The browser's cookies and the localStorage of these origins, as a Playwright storageState file. */
export async function saveStorageState(session: ExtensionBrowser, origins: readonly string[], file: string, timeout: number): Promise<number> {
  const cookies: PuppeteerCookie[] = await session.browser.defaultBrowserContext().cookies();
  const state: StorageState = {
    cookies: cookies.map((c) => ({
      name: c.name,
      value: c.value,
      domain: c.domain,
      path: c.path,
      expires: c.session ? -1 : c.expires,
      httpOnly: c.httpOnly ?? false,
      secure: c.secure,
      sameSite: SAME_SITE[c.sameSite ?? ''] ?? 'Lax',
    })),
    origins: [],
  };
  const page = await session.browser.newPage();
  try {
    for (const origin of new Set(origins)) {
      await page.goto(origin, { waitUntil: 'domcontentloaded', timeout }).catch(() => undefined);
      const items = await page.evaluate(() => Object.entries(localStorage).map(([name, value]) => ({ name, value }))).catch(() => []);
      if (items.length) state.origins.push({ origin, localStorage: items });
    }
  } finally {
    await page.close().catch(() => undefined);
  }
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`);
  return state.cookies.length;
}
