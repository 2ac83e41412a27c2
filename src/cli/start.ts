/// <reference types="chrome" />
import { existsSync } from 'node:fs';
import { startShopSite } from '../../demo/shop-site.mjs';
import { launchWithExtension, poll } from './extension-browser';
import { formatText } from './format-text';

export interface StartOptions {
  extensionDir: string;
  /** Keep a visible browser open on the site (needs a display). */
  headed: boolean;
  browser?: string;
  log: (line: string) => void;
}

/**
 * The demo: serves the bundled test site, loads the built extension into Chromium, opens the site and
 * prints what the popup shows. With a display it leaves the browser open for you to explore.
 */
export async function runStart(options: StartOptions): Promise<number> {
  if (!existsSync(`${options.extensionDir}/manifest.json`)) {
    options.log(`No built extension in ${options.extensionDir}: run npm run build first.`);
    return 2;
  }
  const site = await startShopSite();
  const session = await launchWithExtension({
    extensionDir: options.extensionDir,
    executablePath: options.browser,
    headless: !options.headed,
    hostResolverRules: 'MAP *.test 127.0.0.1',
    ignoreHttpsErrors: true,
  });
  try {
    const url = site.url('shop.test');
    const page = await session.browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const worker = await session.worker();
    const tabId = await poll(() => worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url));
    const result = await session.request('getReport', { tabId, urls: page.frames().map((f) => f.url()) });
    if (!result.report) throw new Error(result.unsupported ?? 'no report');
    process.stdout.write(`${formatText(result.report)}\n`);
    if (options.headed) {
      options.log('The browser stays open with Cookie Lens on the demo site: click the toolbar icon, or open DevTools > Cookie Lens. Ctrl+C to quit.');
      await new Promise<void>((resolve) => session.browser.once('disconnected', () => resolve()));
    }
    return 0;
  } finally {
    await session.close().catch(() => undefined);
    await site.close();
  }
}
