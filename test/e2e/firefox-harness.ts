import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../src/manifest';
import type { RequestName, Requests } from '../../src/protocol';
import { poll } from './harness';

export const FIREFOX_DIST = resolve(import.meta.dirname, '../../dist/firefox');

/** Debian's Firefox ESR, or FIREFOX_PATH. */
export function findFirefox(): string | undefined {
  return [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p): p is string => !!p && existsSync(p));
}

export interface FirefoxSession {
  browser: Browser;
  /** moz-extension://<uuid> — fixed at launch so extension pages can be opened by URL. */
  origin: string;
  /** Opens an extension page (popup.html, panel.html…) in a new tab and waits for it to be ready. */
  extensionPage(path: string): Promise<Page>;
  /** A typed request to the background, sent from an extension page as the popup and panel send it. */
  request<K extends RequestName>(name: K, params: Requests[K]['params']): Promise<Requests[K]['result']>;
  close(): Promise<void>;
}

/**
 * Firefox ESR over WebDriver BiDi with the built extension installed as a temporary add-on. The test
 * hosts resolve to loopback (network.dns.localDomains), the test certificate is accepted, and
 * containers are turned on.
 */
export async function launchFirefox(hosts: string[]): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('Firefox not found: install it (apt-get install -y firefox-esr) or set FIREFOX_PATH.');
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      'network.dns.localDomains': hosts.join(','),
      'privacy.userContext.enabled': true,
    },
  });
  await browser.installExtension(FIREFOX_DIST);
  const origin = `moz-extension://${uuid}`;

  const extensionPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    // Firefox never reports load events for moz-extension: pages to puppeteer; navigate and poll instead.
    await (page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: string): Promise<unknown> } }).browsingContext.navigate(
      `${origin}${path}`,
      'interactive',
    );
    await poll(() => page.evaluate(() => document.readyState === 'complete').catch(() => false));
    return page;
  };

  let messenger: Page | undefined;
  return {
    browser,
    origin,
    extensionPage,
    async request(name, params) {
      messenger ??= await extensionPage('/src/popup/popup.html?tabId=0');
      const reply = await messenger.evaluate(
        (message) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage(message),
        { kind: 'request', name, params },
      );
      const r = reply as { ok: boolean; result?: unknown; error?: string } | undefined;
      if (!r?.ok) throw new Error(r?.error ?? `no answer to ${name}`);
      return r.result as never;
    },
    close: () => browser.close(),
  };
}
