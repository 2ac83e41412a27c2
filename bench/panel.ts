/// <reference types="chrome" />
import { resolve } from 'node:path';
import { serveHttps } from '../demo/tls.mjs';
import { launchWithExtension } from '../src/cli/extension-browser';
import { openPanel, poll } from '../test/e2e/harness';
import { fmt, median, percentile } from './stats';

const SITES = 20;
const PER_SITE = 165; // 20 × 165 = 3,300, Chrome's whole-profile maximum; 180 per site is its per-site cap.

/** A page that loads a pixel from 20 sites, so DevTools lists them all as the page's resources. */
async function startLoadSite(): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const site = await serveHttps((req, res) => {
    if (req.url?.startsWith('/px')) {
      res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' });
      return res.end(Buffer.from('R0lGODlhAQABAAAAACH5BAEAAAAALAAAAAABAAEAAAI=', 'base64'));
    }
    const port = req.socket.localPort;
    const imgs = Array.from({ length: SITES }, (_, i) => `<img src="https://s${i}.test:${port}/px">`).join('');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>load</title>${imgs}`);
  });
  return { url: site.url('load.test'), port: site.port, close: site.close };
}

export async function benchPanel(extensionDir: string): Promise<string[]> {
  const site = await startLoadSite();
  const session = await launchWithExtension({ extensionDir: resolve(extensionDir), hostResolverRules: 'MAP *.test 127.0.0.1', ignoreHttpsErrors: true });
  try {
    const worker = await session.worker();
    await worker.evaluate(
      async (sites, perSite) => {
        const writes: Promise<unknown>[] = [];
        for (let s = 0; s < sites; s++) {
          for (let i = 0; i < perSite; i++) {
            const value = i % 3 === 0 ? `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIke2l9In0.c2ln${i}` : `v${s}-${i}-${Math.random().toString(36).slice(2)}`;
            writes.push(
              chrome.cookies.set({
                url: `https://s${s}.test/`,
                name: `c${i}_${['session', 'theme', 'uid', 'pref'][i % 4]}`,
                value,
                secure: i % 2 === 0,
                sameSite: 'lax',
              }),
            );
          }
        }
        await Promise.all(writes);
      },
      SITES,
      PER_SITE,
    );
    const page = await session.browser.newPage();
    const { panel } = await openPanel(session, page);
    await page.goto(site.url, { waitUntil: 'load' });
    const total = `${SITES * PER_SITE} of ${SITES * PER_SITE}`;
    await poll(async () => (await panel.$eval('[data-testid="shown-count"]', (el) => el.textContent ?? '').catch(() => '')) === total, 60_000);
    const rows = await panel.$$eval('.grid-row', (r) => r.length);

    // A fresh report and render of the full jar, measured three times.
    const renders: number[] = [];
    const reports: number[] = [];
    for (let i = 0; i < 3; i++) {
      await panel.evaluate(() => performance.clearMeasures());
      await page.evaluate(() => {
        document.cookie = `bench_touch=${Date.now()}; path=/; secure`;
      });
      const [report, render] = await poll(async () => {
        const entries = await panel.evaluate(() =>
          ['cookie-lens:report', 'cookie-lens:render'].map((n) => performance.getEntriesByName(n).at(-1)?.duration ?? -1),
        );
        return entries.every((d) => d >= 0) ? entries : undefined;
      }, 30_000);
      reports.push(report);
      renders.push(render);
    }

    // Keystrokes into the filter box: each is measured from the input event to the committed grid.
    await panel.evaluate(() => performance.clearMeasures('cookie-lens:filter'));
    await panel.click('input.filter');
    for (const query of ['name:session', ' -is:secure', ' v1']) await panel.type('input.filter', query, { delay: 60 });
    await new Promise((r) => setTimeout(r, 300));
    const filters = await panel.evaluate(() => performance.getEntriesByName('cookie-lens:filter').map((e) => e.duration));
    return [
      `DevTools panel in Chromium, ${SITES * PER_SITE} cookies across ${SITES} sites:`,
      `  worker report for the page (collect + analyze + message)  ${fmt(median(reports))}`,
      `  first render of the grid after the report arrives          ${fmt(median(renders))}   (budget < 200 ms; ${rows} rows in the DOM, the rest virtual)`,
      `  filter, per keystroke (${filters.length} keystrokes)            median ${fmt(median(filters))}, 90th percentile ${fmt(percentile(filters, 0.9))}, worst ${fmt(Math.max(...filters))}   (budget < 16 ms)`,
    ];
  } finally {
    await session.close();
    await site.close();
  }
}
