/// <reference types="chrome" />
// `npm run bench -- popup`: the real popup, opened by its toolbar button, at 3,300 cookies (150 of the site,
// 3,150 partitioned under it) and at 150: time from the click to the first report on screen, the popup's
// heap, and the size of the report message.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveHttps } from '../demo/tls.mjs';
import { launchWithExtension } from '../src/cli/extension-browser';
import { activate, clickToolbarButton, poll, tabIdOf } from '../test/e2e/harness';
import { fillJar, SITE_COOKIES } from '../test/e2e/jar';
import { median } from './stats';

const OPENS = 7;
const MiB = 1024 * 1024;

/** The page whose popup is opened: one HTML page, the cookies come from the jar. */
const shopSite = () =>
  serveHttps((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>shop</title><p>shop</p>');
  });
/** "412 ms [380–455]": median [min–max]. */
const msSpread = (xs: number[]) => `${median(xs).toFixed(0)} ms [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;

/**
 * The control: an extension whose popup does nothing but set the mark the bench waits for, so its click-to-document
 * time is the browser's alone (Cookie Lens's opens fall in two groups before its document exists).
 */
function emptyPopupExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-lens-empty-popup-'));
  mkdirSync(join(dir, 'src/popup'), { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'empty popup',
      version: '1',
      background: { service_worker: 'sw.js' },
      action: { default_popup: 'src/popup/popup.html' },
      host_permissions: ['<all_urls>'],
    }),
  );
  writeFileSync(join(dir, 'sw.js'), '');
  writeFileSync(join(dir, 'src/popup/popup.html'), '<!doctype html><title>empty</title><p>empty</p><script src="popup.js"></script>');
  writeFileSync(join(dir, 'src/popup/popup.js'), "performance.mark('cookie-lens:popup-list');");
  return dir;
}

async function measureControl(): Promise<string> {
  const site = await shopSite();
  const session = await launchWithExtension({ extensionDir: emptyPopupExtension(), hostResolverRules: 'MAP *.test 127.0.0.1', ignoreHttpsErrors: true });
  try {
    const page = await session.browser.newPage();
    await page.goto(site.url('shop.test'), { waitUntil: 'load' });
    await activate(session, page);
    const toDocument: number[] = [];
    const toParsed: number[] = [];
    for (let i = 0; i <= OPENS; i++) {
      const { popup, clickedAt } = await clickToolbarButton(session, page);
      await poll(() => popup.evaluate(() => performance.getEntriesByName('cookie-lens:popup-list').length > 0), 10_000, 20);
      const { origin, parsed } = await popup.evaluate(() => ({
        origin: performance.timeOrigin,
        parsed: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domInteractive ?? 0,
      }));
      await popup.close();
      if (i > 0) {
        toDocument.push(origin - clickedAt);
        toParsed.push(parsed);
      }
    }
    return `  control, a popup that does nothing: click to its document ${msSpread(toDocument)} (each: ${toDocument.map((x) => x.toFixed(0)).join(', ')}), then to its HTML parsed ${msSpread(toParsed)}`;
  } finally {
    await session.close();
    await site.close();
  }
}

async function measure(extensionDir: string, widgets: number, budgetMs: number): Promise<string> {
  const site = await shopSite();
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
    // Where each open's time goes: the click to the popup's document, to the report's request, the request (the
    // page's web storage read, then the worker's report), and the render to the list.
    const parts: Record<'page' | 'parsed' | 'scripts' | 'script' | 'report' | 'render', number>[] = [];
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
      const timing = await popup.evaluate(() => {
        const report = performance.getEntriesByName('cookie-lens:report')[0];
        const list = performance.getEntriesByName('cookie-lens:popup-list')[0];
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return {
          origin: performance.timeOrigin,
          parsed: nav?.domInteractive ?? 0,
          scripts: nav?.domContentLoadedEventEnd ?? 0,
          start: report?.startTime ?? 0,
          duration: report?.duration ?? 0,
          list: list?.startTime ?? 0,
        };
      });
      const cdp = await popup.createCDPSession();
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      await cdp.detach();
      await popup.close();
      // The first open also warms the browser's caches: not counted.
      if (i > 0) {
        opens.push(shownAt - clicked);
        heaps.push(heap);
        parts.push({
          page: timing.origin - clicked,
          parsed: timing.parsed,
          scripts: timing.scripts - timing.parsed,
          script: timing.start - timing.scripts,
          report: timing.duration,
          render: timing.list - timing.start - timing.duration,
        });
      }
    }
    return `  ${cookies.toLocaleString('en-US')} cookies: click to first report on screen ${msSpread(opens)} (budget ≤ ${budgetMs} ms: ${median(opens) <= budgetMs ? 'within budget' : 'OVER BUDGET'}); popup heap after GC ${(median(heaps) / MiB).toFixed(2)} MiB [${(Math.min(...heaps) / MiB).toFixed(2)}–${(Math.max(...heaps) / MiB).toFixed(2)}] (budget ≤ 4 MiB: ${median(heaps) <= 4 * MiB ? 'within budget' : 'OVER BUDGET'}); report message ${(messageBytes / 1024).toFixed(0)} KB (budget ≤ 300 KB: ${messageBytes <= 300 * 1024 ? 'within budget' : 'OVER BUDGET'})
    each open, ms (click → popup document, → HTML parsed, → its modules run, → report requested, the request incl. web storage read, → list on screen): ${parts
      .map((p) => [p.page, p.parsed, p.scripts, p.script, p.report, p.render].map((x) => x.toFixed(0)).join('/'))
      .join(', ')}`;
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
    await measureControl(),
  ];
}
