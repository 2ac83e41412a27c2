// Playwright's storageState in and out of the audit's browser: `--storage-state FILE` starts from a ready
// session (no login script), `--save-storage-state FILE` writes the state at the end (after --login), so a QA
// job logs in once and reuses it. The format is Playwright's own (browserContext.storageState()): cookies with
// `expires` in seconds (-1 for a session cookie) and its SameSite words, and origins with their localStorage.
// A state is read by core's import reader, the one the panel's import and `cookie-lens convert` use: every
// problem listed (a SameSite word it does not know, an expiry that is not a number), none dropped quietly.
import { writeFile } from 'node:fs/promises';
import type { CookieParam, Cookie as PuppeteerCookie } from 'puppeteer-core';
import type { SameSite } from '../core/cookie';
import { type ImportedCookie, parseImportData, type StorageStateOrigin } from '../core/transfer';
import { readJsonFile, UsageError } from './errors';
import type { ExtensionBrowser } from './extension-browser';

/** A storageState as written: Playwright's shape. */
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
  origins: StorageStateOrigin[];
}

/** A storageState as read: its cookies checked and converted, its origins' localStorage. */
export interface StartState {
  cookies: ImportedCookie[];
  origins: StorageStateOrigin[];
}

const SAME_SITE: Record<string, 'Strict' | 'Lax' | 'None'> = { Strict: 'Strict', Lax: 'Lax', None: 'None' };
const PARAM_SAME_SITE: Partial<Record<SameSite, 'Strict' | 'Lax' | 'None'>> = { strict: 'Strict', lax: 'Lax', no_restriction: 'None' };

/** Reads and checks a storageState file; every problem is a usage error (exit 2) naming the file and the entry. */
export async function readStorageState(file: string): Promise<StartState> {
  const d = (await readJsonFile(file, 'the storage state')) as { cookies?: unknown; origins?: unknown } | null;
  if (typeof d !== 'object' || d === null || Array.isArray(d) || !Array.isArray(d.cookies) || (d.origins !== undefined && !Array.isArray(d.origins)))
    throw new UsageError(`${file} is not a Playwright storageState: it needs "cookies" (and "origins") lists.`);
  const result = parseImportData(d);
  if (result.errorCount) {
    const more = result.errorCount > result.errors.length ? `; … and ${(result.errorCount - result.errors.length).toLocaleString('en-US')} more` : '';
    throw new UsageError(`${file}: ${result.errors.join('; ')}${more}`);
  }
  return { cookies: result.cookies, origins: result.origins ?? [] };
}

/**
 * A cookie as puppeteer sets it: host-only cookies by URL so they stay host-only, a domain cookie by its
 * domain; no expiry for a session cookie; a partitioned cookie with its top-level site.
 */
export function cookieParamOf(c: ImportedCookie): CookieParam {
  const sameSite = PARAM_SAME_SITE[c.sameSite];
  return {
    name: c.name,
    value: c.value,
    ...(c.hostOnly ? { url: `https://${c.domain}${c.path}` } : { domain: c.domain }),
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    ...(sameSite ? { sameSite } : {}),
    ...(c.expirationDate !== undefined ? { expires: c.expirationDate } : {}),
    ...(c.partitionKey ? { partitionKey: c.partitionKey.topLevelSite } : {}),
  };
}

/** Cookies as puppeteer (CDP) reads them, as it sets them again: through the same import reader. */
export function paramsOfPuppeteer(cookies: readonly PuppeteerCookie[]): CookieParam[] {
  const result = parseImportData(cookies);
  if (result.errorCount) throw new Error(`the browser's cookies could not be read back: ${result.errors.join('; ')}`);
  return result.cookies.map(cookieParamOf);
}

/** Puts a storageState into the browser: its cookies, and each origin's localStorage (loading the origin once). */
export async function applyStorageState(session: ExtensionBrowser, state: StartState, timeout: number): Promise<void> {
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
