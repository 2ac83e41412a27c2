/// <reference types="chrome" />
// `npm run bench -- popup`: the real popup, opened by its toolbar button, at 3,300 cookies (150 of the site,
// 3,150 partitioned under it) and at 150: time from the click to the first report on screen, the popup's
// heap, and the size of the report message.
import { serveHttps } from '../demo/tls.mjs';
import { launchWithExtension } from '../src/cli/extension-browser';
import { activate, clickToolbarButton, poll, tabIdOf } from '../test/e2e/harness';
import { fillJar, SITE_COOKIES } from '../test/e2e/jar';
import { median } from './stats';

const OPENS = 7;
const MiB = 1024 * 1024;

async function measure(extensionDir: string, widgets: number, budgetMs: number): Promise<string> {
  const site = await serveHttps((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>shop</title><p>shop</p>');
  });
  const session = await launchWithExtension({ extensionDir, hostResolverRules: 'MAP *.test 127.0.0.1', ignoreHttpsErrors: true });
  try {
    await fillJar(session, SITE_COOKIES, widgets);
    const page = await session.browser.newPage();
    await page.goto(site.url('shop.test'), { waitUntil: 'load' });
    const tabId = await tabIdOf(session, site.url('shop.test'));
    const reply = await session.request('getReport', { tabId, compact: true });
    const messageBytes = JSON.stringify(reply).length;
    const cookies = reply.compact?.cookies.length ?? 0;
    await activate(session, page);
    const opens: number[] = [];
    const heaps: number[] = [];
    for (let i = 0; i <= OPENS; i++) {
      const { popup, clickedAt: clicked } = await clickToolbarButton(session, page);
      const shownAt = await poll(
        () =>
          popup.evaluate(() => {
            const mark = performance.getEntriesByName('cookie-lens:popup-list')[0];
            return mark ? performance.timeOrigin + mark.startTime : undefined;
          }),
        10_000,
        20,
      );
      const cdp = await popup.createCDPSession();
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      await cdp.detach();
      await popup.close();
      // The first open also warms the browser's caches: not counted.
      if (i > 0) {
        opens.push(shownAt - clicked);
        heaps.push(heap);
      }
    }
    return `  ${cookies.toLocaleString('en-US')} cookies: click to first report on screen ${median(opens).toFixed(0)} ms [${Math.min(...opens).toFixed(0)}–${Math.max(...opens).toFixed(0)}] (budget ≤ ${budgetMs} ms: ${median(opens) <= budgetMs ? 'within budget' : 'OVER BUDGET'}); popup heap after GC ${(median(heaps) / MiB).toFixed(2)} MiB [${(Math.min(...heaps) / MiB).toFixed(2)}–${(Math.max(...heaps) / MiB).toFixed(2)}] (budget ≤ 4 MiB: ${median(heaps) <= 4 * MiB ? 'within budget' : 'OVER BUDGET'}); report message ${(messageBytes / 1024).toFixed(0)} KB (budget ≤ 300 KB: ${messageBytes <= 300 * 1024 ? 'within budget' : 'OVER BUDGET'})`;
  } finally {
    await session.close();
    await site.close();
  }
}

export async function benchPopup(extensionDir: string): Promise<string[]> {
  return [
    `popup opened by its toolbar button (${OPENS} opens after one warm-up; median [min–max]):`,
    await measure(extensionDir, 18, 400),
    await measure(extensionDir, 0, 250),
  ];
}
