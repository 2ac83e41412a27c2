import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startBenchSite } from '../demo/bench-site.mjs';
import { CHROMIUM_ARGS, findChromium } from '../src/cli/chromium';
import { type ExtensionBrowser, launchWithExtension } from '../src/cli/extension-browser';
import { fmt, median } from './stats';

const PAGES = 50;
const COOKIES_PER_PAGE = 40;
const ROUNDS = 7;
const HOSTS = 'MAP *.test 127.0.0.1';

async function loadAll(browser: Browser, url: (path: string) => string): Promise<number> {
  const page = await browser.newPage();
  const start = performance.now();
  for (let i = 0; i < PAGES; i++) await page.goto(url(`/p/${i}`), { waitUntil: 'load' });
  const elapsed = performance.now() - start;
  await page.close();
  return elapsed;
}

/** The least any cookie-watching extension costs: a worker with an empty cookies.onChanged listener. */
function bareListenerExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-lens-bare-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'bare',
      version: '1',
      background: { service_worker: 'sw.js' },
      permissions: ['cookies'],
      host_permissions: ['<all_urls>'],
    }),
  );
  writeFileSync(join(dir, 'sw.js'), 'chrome.cookies.onChanged.addListener(() => {});\n');
  return dir;
}

export interface PageLoadFigures {
  withoutMs: number;
  bareMs: number;
  withMs: number;
  /** Median of per-round ratios Cookie Lens / no extension. */
  ratio: number;
  bareRatio: number;
  recorded: number;
  dropped: number;
}

/**
 * Page-load overhead of the installed extension: the same cookie-heavy pages loaded in Chromium without an
 * extension, with a bare onChanged listener (the floor Chrome imposes on any cookie watcher) and with
 * Cookie Lens, in alternating order, several rounds; figures are medians of the per-round ratios.
 */
export async function benchPageLoad(extensionDir: string): Promise<PageLoadFigures> {
  const site = await startBenchSite({ perPage: COOKIES_PER_PAGE });
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found (apt-get install -y chromium, or set CHROME_PATH)');
  const plain = await puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    acceptInsecureCerts: true,
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=${HOSTS}`, '--ignore-certificate-errors'],
  });
  const launch = (dir: string) => launchWithExtension({ extensionDir: resolve(dir), hostResolverRules: HOSTS, ignoreHttpsErrors: true });
  const bare: ExtensionBrowser = await launch(bareListenerExtension());
  const lens: ExtensionBrowser = await launch(extensionDir);
  const browsers: Record<string, Browser> = { without: plain, bare: bare.browser, with: lens.browser };
  try {
    for (const b of Object.values(browsers)) await loadAll(b, site.url);
    const samples: Record<string, number>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so no browser always runs on a warmer (or busier) machine.
      const names = Object.keys(browsers);
      const order = [...names.slice(round % 3), ...names.slice(0, round % 3)];
      const times: Record<string, number> = {};
      for (const name of order) times[name] = await loadAll(browsers[name], site.url);
      samples.push(times);
    }
    const timeline = await lens.request('getTimeline', {});
    return {
      withoutMs: median(samples.map((s) => s.without)),
      bareMs: median(samples.map((s) => s.bare)),
      withMs: median(samples.map((s) => s.with)),
      ratio: median(samples.map((s) => s.with / s.without)),
      bareRatio: median(samples.map((s) => s.bare / s.without)),
      recorded: timeline.nextSeq,
      dropped: timeline.dropped,
    };
  } finally {
    await plain.close();
    await bare.close();
    await lens.close();
    await site.close();
  }
}

export function reportPageLoad(r: PageLoadFigures): string {
  return [
    `page-load overhead (${PAGES} pages × ${COOKIES_PER_PAGE} Set-Cookie per round, ${ROUNDS} rotating rounds):`,
    `  no extension              ${fmt(r.withoutMs)}  ratio 1.000`,
    `  bare onChanged listener   ${fmt(r.bareMs)}  ratio ${r.bareRatio.toFixed(3)}   (what Chrome charges any cookie watcher)`,
    `  Cookie Lens               ${fmt(r.withMs)}  ratio ${r.ratio.toFixed(3)}   (target ≤ 1.05)`,
    `  Cookie Lens recorded ${r.recorded} cookie changes (${r.dropped} rolled out of the 10,000-entry ring)`,
  ].join('\n');
}
