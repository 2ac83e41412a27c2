/// <reference types="chrome" />
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import type { Reply, RequestMessage, RequestName, Requests } from '../protocol';
import { CHROMIUM_ARGS, findChromium } from './chromium';

export const POPUP_PATH = '/src/popup/popup.html';
export const PANEL_PATH = '/src/devtools/panel.html';

export interface LaunchOptions {
  /** The unpacked extension (dist/chrome). */
  extensionDir: string;
  /** Path to Chromium; else CHROME_PATH, else the usual install paths. */
  executablePath?: string;
  headless?: boolean;
  /** Allow unpartitioned third-party cookies (a fresh profile blocks them). */
  thirdPartyCookies?: boolean;
  /** e.g. `MAP *.test 127.0.0.1`, passed to Chromium as is. */
  hostResolverRules?: string;
  ignoreHttpsErrors?: boolean;
  extraArgs?: string[];
  /** A profile to use and keep (a browser relaunched on it finds the extension's storage again); else a fresh one, removed at close. */
  userDataDir?: string;
}

export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  worker(): Promise<WebWorker>;
  /** A typed request to the worker, sent from an extension page as the panel and popup send it. */
  request<K extends RequestName>(name: K, params: Requests[K]['params']): Promise<Requests[K]['result']>;
  close(): Promise<void>;
}

export { BrowserNotFoundError } from './errors';

import { BrowserNotFoundError } from './errors';

export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const executablePath = findChromium(options.executablePath);
  if (!executablePath) {
    throw new BrowserNotFoundError(
      options.executablePath
        ? `No browser at ${options.executablePath}.`
        : 'Chromium not found. Install it (Debian: apt-get install -y chromium), or pass --browser PATH, or set CHROME_PATH.',
    );
  }
  const keep = options.userDataDir !== undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'cookie-lens-profile-'));
  // DevTools opens in its own window, so the panel gets the whole window.
  const preferences: Record<string, unknown> = { devtools: { preferences: { currentDockState: '"undocked"' } } };
  if (options.thirdPartyCookies) preferences.profile = { cookie_controls_mode: 0, block_third_party_cookies: false };
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  if (!keep || !existsSync(join(userDataDir, 'Default/Preferences'))) writeFileSync(join(userDataDir, 'Default/Preferences'), JSON.stringify(preferences));
  const args = [...CHROMIUM_ARGS, '--window-size=1400,900', ...(options.extraArgs ?? [])];
  if (options.hostResolverRules) args.push(`--host-resolver-rules=${options.hostResolverRules}`);
  if (options.ignoreHttpsErrors) args.push('--ignore-certificate-errors');
  const browser = await puppeteer.launch({
    executablePath,
    headless: options.headless ?? true,
    pipe: true,
    enableExtensions: [options.extensionDir],
    handleDevToolsAsPage: true,
    acceptInsecureCerts: options.ignoreHttpsErrors ?? false,
    defaultViewport: null,
    userDataDir,
    args,
  });
  try {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 20_000 });
    const extensionId = new URL(target.url()).host;
    // Chrome only dispatches cookies.onChanged once the new worker has run and registered its listeners.
    await workerOf(browser);
    let extensionPage: Promise<Page> | undefined;
    return {
      browser,
      extensionId,
      worker: () => workerOf(browser),
      async request(name, params) {
        extensionPage ??= browser.newPage().then(async (p) => {
          await p.goto(`chrome-extension://${extensionId}${POPUP_PATH}`);
          return p;
        });
        const page = await extensionPage;
        const message: RequestMessage = { kind: 'request', name, params };
        const reply = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as Reply<never>;
        if (!reply.ok) throw new Error(reply.error);
        return reply.result;
      },
      async close() {
        await browser.close();
        if (!keep) rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The extension's service worker, with chrome.* bindings ready (they can lag behind the target). */
export async function workerOf(browser: Browser): Promise<WebWorker> {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 20_000 });
  const worker = (await target.worker()) as WebWorker;
  await poll(() => worker.evaluate(() => Boolean(globalThis.chrome?.runtime?.id)));
  return worker;
}

/** Retries until fn returns a truthy value; the last error is rethrown on timeout. */
export async function poll<T>(fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeout = 10_000, interval = 100): Promise<T> {
  const end = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) throw lastError ?? new Error(`poll timed out after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
