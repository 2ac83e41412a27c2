/// <reference types="chrome" />
// `npm run bench -- cost`: what Cookie Lens costs over the floor any cookie watcher pays — an extension whose
// worker has only an empty cookies.onChanged listener (Chrome spends ~100 µs of CPU dispatching each event) and,
// since the worker also sees responses, one with an empty webRequest.onHeadersReceived listener beside it.
// The figure is the CPU time of each browser's whole process tree, read from /proc, for the same pages, several
// rounds in one run with the order rotated each round; ratios are per round, shown as median [min–max].
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startBenchSite, TYPICAL_SET } from '../demo/bench-site.mjs';
import { serveHttps } from '../demo/tls.mjs';
import { HEADROOM_BYTES, QUOTA_BYTES } from '../src/background/storage-budget';
import { CHROMIUM_ARGS, findChromium } from '../src/cli/chromium';
import { type ExtensionBrowser, launchWithExtension } from '../src/cli/extension-browser';
import { poll, settledTimeline, tabIdOf, workerTarget } from '../test/e2e/harness';
import { extensionThreadCpu, type ProcessKind, treeCpuParts } from './proc-cpu';
import { median } from './stats';
import { type CpuProfile, topLines, topSelfTime } from './worker-profile';

const HOSTS = 'MAP *.test 127.0.0.1';
/** COST_ROUNDS=n, COST_SETS=typical (or heavy): a quicker look while working on one figure; the defaults are what the README quotes. */
const ROUNDS = Number(process.env.COST_ROUNDS ?? 7);
const SETS = new Set((process.env.COST_SETS ?? 'heavy,typical,heap,storm,storage').split(','));
/** After the last page, what each browser still does (the worker's flush, Chrome's own cookie writes) counts. */
const TAIL_MS = 1500;
const STORM_WRITES = 2000;
const STORM_NAMES = 20;
const STORM_ROUNDS = 5;
const MiB = 1024 * 1024;

/** The floor: a worker with an empty listener, which also counts events and when the last one came. */
/**
 * The floor: an extension whose worker has only an empty cookies.onChanged listener — and, with
 * `webRequest`, an empty webRequest.onHeadersReceived listener asking for Set-Cookie (extraHeaders), the floor
 * of any extension that sees responses itself.
 */
function bareListenerExtension(webRequest = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-lens-bare-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'bare',
      version: '1',
      background: { service_worker: 'sw.js' },
      permissions: webRequest ? ['cookies', 'webRequest'] : ['cookies'],
      host_permissions: ['<all_urls>'],
    }),
  );
  writeFileSync(
    join(dir, 'sw.js'),
    'self.seen = { n: 0, last: 0 };\nchrome.cookies.onChanged.addListener(() => { seen.n++; seen.last = Date.now(); });\n' +
      (webRequest ? "chrome.webRequest.onHeadersReceived.addListener(() => undefined, { urls: ['<all_urls>'] }, ['responseHeaders', 'extraHeaders']);\n" : ''),
  );
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Contender {
  name: string;
  browser: Browser;
  pid: number;
}

async function loadPages(browser: Browser, url: (path: string) => string, pages: number): Promise<void> {
  const page = await browser.newPage();
  for (let i = 0; i < pages; i++) await page.goto(url(`/p/${i}`), { waitUntil: 'load' });
  await page.close();
}

/** CPU ms of each contender per round for one set of pages, order rotated each round. */
async function cpuRounds(contenders: Contender[], url: (path: string) => string, pages: number): Promise<Record<string, number>[]> {
  for (const c of contenders) await loadPages(c.browser, url, pages); // warm-up: caches, JIT, the first cookies
  const rounds: Record<string, number>[] = [];
  // How often each browser started its extension's worker during the rounds (Chrome stops one idle for 30 s):
  // a start (parsing the scripts, the first analysis) is part of what a page load costs when it happens.
  const starts = new Map(contenders.map((c) => [c.name, 0]));
  const onTarget = (name: string) => (t: { type(): string }) => {
    if (t.type() === 'service_worker') starts.set(name, (starts.get(name) ?? 0) + 1);
  };
  const listeners = contenders.map((c) => [c, onTarget(c.name)] as const);
  for (const [c, l] of listeners) c.browser.on('targetcreated', l);
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...contenders.slice(round % contenders.length), ...contenders.slice(0, round % contenders.length)];
    const cpu: Record<string, number> = {};
    for (const c of order) {
      await sleep(300);
      const before = treeCpuParts(c.pid);
      const threadsBefore = process.env.COST_THREADS ? extensionThreadCpu(c.pid) : {};
      await loadPages(c.browser, url, pages);
      await sleep(TAIL_MS);
      const after = treeCpuParts(c.pid);
      // COST_THREADS=1: the extension processes' CPU by thread name (kept apart from the figures above).
      if (process.env.COST_THREADS)
        for (const [name, ms] of Object.entries(extensionThreadCpu(c.pid))) cpu[`${c.name}.thread.${name}`] = ms - (threadsBefore[name] ?? 0);
      let total = 0;
      for (const kind of Object.keys(after) as ProcessKind[]) {
        cpu[`${c.name}.${kind}`] = after[kind] - (before[kind] ?? 0);
        total += cpu[`${c.name}.${kind}`];
      }
      cpu[c.name] = total;
    }
    rounds.push(cpu);
  }
  for (const [c, l] of listeners) c.browser.off('targetcreated', l);
  for (const r of rounds) for (const [name, n] of starts) r[`${name}.workerStarts`] = n;
  return rounds;
}

const spread = (values: number[], digits = 3) =>
  `×${median(values).toFixed(digits)} [${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}]`;
const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');

function ratioLines(title: string, rounds: Record<string, number>[], budget: number): string[] {
  const lens = rounds.map((r) => r.lens / r.both);
  const overCookies = rounds.map((r) => r.lens / r.bare);
  const webRequest = rounds.map((r) => r.both / r.bare);
  const none = rounds.map((r) => r.none / r.bare);
  const sum = (name: string) => rounds.reduce((n, r) => n + r[name], 0);
  return [
    `  ${title}: CPU per round, median — no extension ${median(rounds.map((r) => r.none)).toFixed(0)} ms, empty onChanged listener ${median(rounds.map((r) => r.bare)).toFixed(0)} ms, + empty webRequest listener ${median(rounds.map((r) => r.both)).toFixed(0)} ms, Cookie Lens ${median(rounds.map((r) => r.lens)).toFixed(0)} ms`,
    `    Cookie Lens over the two empty listeners ${spread(lens)}, all rounds together ×${(sum('lens') / sum('both')).toFixed(3)}   (budget ≤ ×${budget.toFixed(2)}: ${verdict(median(lens) <= budget)})`,
    `    Cookie Lens over the onChanged listener alone ${spread(overCookies)}; the empty webRequest listener's own cost ${spread(webRequest)}`,
    `    no extension over the empty listener ${spread(none)}   (context: the listener's own cost)`,
    ...partLines(rounds),
    `    worker starts during the ${rounds.length} rounds: ${Object.keys(rounds[0] ?? {})
      .filter((k) => k.endsWith('.workerStarts'))
      .map((k) => `${k.replace('.workerStarts', '')} ${rounds[0][k]}`)
      .join(', ')}`,
    ...baselineLines(rounds),
    ...threadLines(rounds),
  ];
}

/** COST_THREADS=1: median CPU per round of each extension-process thread, Cookie Lens against the two empty listeners. */
function threadLines(rounds: Record<string, number>[]): string[] {
  const names = [...new Set(Object.keys(rounds[0] ?? {}).flatMap((k) => (/^(lens|both)\.thread\./.test(k) ? [k.replace(/^(lens|both)\.thread\./, '')] : [])))];
  const at = (who: string, name: string) => median(rounds.map((r) => r[`${who}.thread.${name}`] ?? 0));
  const rows = names.map((n) => [n, at('lens', n), at('both', n)] as const).filter(([, a, b]) => a + b >= 10);
  return rows.length
    ? [
        `    extension-process threads, ms per round (Cookie Lens / two empty listeners): ${rows.map(([n, a, b]) => `${n} ${a.toFixed(0)}/${b.toFixed(0)}`).join(', ')}`,
      ]
    : [];
}

/** COST_BASELINE=dir[,dir…] of other builds of the extension: this build's extension process over each one's, same rounds. */
function baselineLines(rounds: Record<string, number>[]): string[] {
  const names = Object.keys(rounds[0] ?? {}).filter((k) => /^base\d+$/.test(k));
  return names.map(
    (name, i) =>
      `    this build's extension process over build ${i + 1} of COST_BASELINE ${spread(rounds.map((r) => r['lens.extension'] / r[`${name}.extension`]))}; ${median(rounds.map((r) => r['lens.extension'])).toFixed(0)} vs ${median(rounds.map((r) => r[`${name}.extension`])).toFixed(0)} ms per round; whole tree ${spread(rounds.map((r) => r.lens / r[name]))}`,
  );
}

/**
 * Where Cookie Lens's extra CPU goes, by process: its own extension process (the worker: the least noisy
 * figure, since nothing else runs there) and the browser process (cookie store, storage.local, IPC).
 */
function partLines(rounds: Record<string, number>[]): string[] {
  const kinds: ProcessKind[] = ['extension', 'browser', 'renderer', 'network', 'storage', 'gpu', 'other'];
  const extra = (kind: ProcessKind) => median(rounds.map((r) => r[`lens.${kind}`] - r[`both.${kind}`]));
  const own = rounds.map((r) => (r.both + r['lens.extension'] - r['both.extension']) / r.both);
  return [
    `    Cookie Lens − the two empty listeners by process, median ms per round: ${kinds.map((k) => `${k} ${extra(k) >= 0 ? '+' : ''}${extra(k).toFixed(0)}`).join(', ')}`,
    `    its extension process alone over the floor (the worker's own work, low noise): ${spread(own)}; extension process CPU per round ${median(rounds.map((r) => r['lens.extension'])).toFixed(0)} ms vs ${median(rounds.map((r) => r['both.extension'])).toFixed(0)} ms`,
  ];
}

async function serviceWorkerHeap(session: ExtensionBrowser): Promise<number> {
  const cdp = await workerTarget(session).createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

/** One storm in a page: STORM_WRITES writes over STORM_NAMES cookies; resolves with the page's start time (epoch ms). */
async function storm(page: Page, tag: string): Promise<number> {
  return page.evaluate(
    async (n, names, tag) => {
      const start = Date.now();
      for (let i = 0; i < n; i++) {
        document.cookie = `s${i % names}=${tag}-${i}; path=/; secure; samesite=lax; max-age=3600`;
        if (i % 25 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      return start;
    },
    STORM_WRITES,
    STORM_NAMES,
    tag,
  );
}

/** Storm rounds: when the empty listener got the last event, and when Cookie Lens's Timeline view showed it. */
async function storms(bare: ExtensionBrowser, lens: ExtensionBrowser): Promise<string[]> {
  const site = await serveHttps((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>storm</title><p>storm</p>');
  });
  try {
    const barePage = await bare.browser.newPage();
    await barePage.goto(site.url('storm.test'), { waitUntil: 'load' });
    const lensPage = await lens.browser.newPage();
    await lensPage.goto(site.url('storm.test'), { waitUntil: 'load' });
    const tabId = await tabIdOf(lens, site.url('storm.test'));
    const panel = await lens.browser.newPage();
    await panel.goto(`chrome-extension://${lens.extensionId}/src/devtools/panel.html?tabId=${tabId}`);
    await panel.waitForSelector('main.panel-app');
    await panel.click('[role="tab"][data-view="timeline"]');
    await panel.waitForSelector('.timeline');
    // STORM_PROFILE=1: where the panel's and the worker's time goes during the Cookie Lens rounds (NO_MINIFY=1 for names).
    const profiling = process.env.STORM_PROFILE
      ? await Promise.all(
          [panel.createCDPSession(), workerTarget(lens).createCDPSession()].map(async (p) => {
            const cdp = await p;
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
            await cdp.send('Profiler.start');
            return cdp;
          }),
        )
      : [];
    const delivery: number[] = [];
    const ui: number[] = [];
    const own: number[] = [];
    for (let round = 0; round < STORM_ROUNDS; round++) {
      const tag = `r${round}`;
      const last = `${tag}-${STORM_WRITES - 1}`;
      const lastName = `s${(STORM_WRITES - 1) % STORM_NAMES}`;
      const runBare = async () => {
        const bareWorker = await bare.worker();
        const before = (await bareWorker.evaluate(() => (self as unknown as { seen: { n: number } }).seen.n)) as number;
        const start = await storm(barePage, tag);
        // Each overwrite is two events (the old cookie removed, the new one set).
        const seen = await poll(
          async () => {
            const s = (await bareWorker.evaluate(() => (self as unknown as { seen: { n: number; last: number } }).seen)) as { n: number; last: number };
            return s.n - before >= 2 * STORM_WRITES - STORM_NAMES ? s : undefined;
          },
          60_000,
          50,
        );
        await sleep(300);
        delivery.push(seen.last - start);
      };
      const runLens = async () => {
        await panel.evaluate(
          (name, value) => {
            const w = window as unknown as { seenAt?: number };
            w.seenAt = undefined;
            // The value cell shows an overwrite as a diff: the new value is its text without the <del> parts.
            const newValue = (row: Element) => {
              const cell = row.querySelector('.value-cell')?.cloneNode(true) as Element | undefined;
              for (const d of cell?.querySelectorAll('del') ?? []) d.remove();
              return cell?.textContent ?? '';
            };
            const check = () => [...document.querySelectorAll(`tr[data-cookie="${name}"]`)].some((r) => newValue(r).includes(value));
            const observer = new MutationObserver(() => {
              if (w.seenAt === undefined && check()) {
                w.seenAt = Date.now();
                observer.disconnect();
              }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            const ev = window as unknown as { events?: number[] };
            ev.events = [];
            // Events come over a port each listening page opens (src/messages.ts): one more such page.
            chrome.runtime.connect({ name: 'cookie-lens-events' }).onMessage.addListener((m: { kind?: string; name?: string }) => {
              if (m?.kind === 'event' && m.name === 'timelineAppended') ev.events?.push(Date.now());
            });
          },
          lastName,
          last,
        );
        // A listener of our own in Cookie Lens's worker: when the events reached it (its own delivery).
        await (await lens.worker()).evaluate(() => {
          const w = self as unknown as { arrivals?: number[] };
          if (!w.arrivals) chrome.cookies.onChanged.addListener(() => w.arrivals?.push(Date.now()));
          w.arrivals = [];
        });
        const start = await storm(lensPage, tag);
        const seenAt = await poll(() => panel.evaluate(() => (window as unknown as { seenAt?: number }).seenAt), 60_000, 50);
        ui.push(seenAt - start);
        const arrivals = (await (await lens.worker()).evaluate(() => (self as unknown as { arrivals: number[] }).arrivals)) as number[];
        own.push((arrivals.at(-1) ?? Number.NaN) - start);
        if (process.env.STORM_DEBUG) {
          const events = (await panel.evaluate(() => (window as unknown as { events: number[] }).events)) as number[];
          const at = (k: number) => (arrivals[k] ?? Number.NaN) - start;
          console.log(
            `  lens worker got ${arrivals.length} events: first ${at(0)}, 25% ${at(arrivals.length >> 2)}, 50% ${at(arrivals.length >> 1)}, last ${at(arrivals.length - 1)} ms; appended events from ${[...new Set(events)].map((t) => t - start).join(', ')} ms; shown at ${seenAt - start} ms`,
          );
        }
      };
      if (round % 2) {
        await runLens();
        await runBare();
      } else {
        await runBare();
        await runLens();
      }
    }
    for (const [i, cdp] of profiling.entries()) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      const { total, top } = topSelfTime(profile, 20);
      console.log(`  ${i ? 'worker' : 'panel'}: ${(total / 1000).toFixed(0)} ms of CPU over the storms and pauses`);
      for (const line of topLines(top)) console.log(line);
    }
    const ratios = ui.map((u, i) => u / own[i]);
    const overFloor = ui.map((u, i) => u / delivery[i]);
    return [
      `  storm of ${STORM_WRITES} writes over ${STORM_NAMES} cookies, ${STORM_ROUNDS} rounds: last event delivered to the empty listener after ${median(delivery).toFixed(0)} ms [${Math.min(...delivery).toFixed(0)}–${Math.max(...delivery).toFixed(0)}]; Cookie Lens's Timeline view shows the last write after ${median(ui).toFixed(0)} ms [${Math.min(...ui).toFixed(0)}–${Math.max(...ui).toFixed(0)}]`,
      `    the same events reached Cookie Lens's worker by ${median(own).toFixed(0)} ms [${Math.min(...own).toFixed(0)}–${Math.max(...own).toFixed(0)}] (its browser's storm runs slower than the floor's)`,
      `    time-to-UI over Cookie Lens's own event delivery ${spread(ratios, 2)}   (budget ≤ ×1.30: ${verdict(median(ratios) <= 1.3)}); over the empty listener's delivery ${spread(overFloor, 2)}`,
    ];
  } finally {
    await site.close();
  }
}

/** 50,000 changes through the worker; then what storage.local holds, against the budget. */
async function storageAfter(lens: ExtensionBrowser): Promise<string[]> {
  const worker = await lens.worker();
  const total = 50_000;
  await worker.evaluate(async (total) => {
    for (let from = 0; from < total; from += 500) {
      const writes: Promise<unknown>[] = [];
      for (let i = from; i < from + 500; i++)
        writes.push(chrome.cookies.set({ url: 'https://churn.test/', name: `k${i % 400}`, value: `${i}-${'x'.repeat(200)}`, secure: true }));
      await Promise.all(writes);
    }
  }, total);
  const timeline = await settledTimeline(lens, { afterSeq: Number.MAX_SAFE_INTEGER, timeout: 120_000, interval: 1000 });
  const bytes = (await worker.evaluate(() => chrome.storage.local.getBytesInUse(null))) as number;
  const budget = QUOTA_BYTES - HEADROOM_BYTES;
  return [
    `  storage after ${total.toLocaleString('en-US')} more changes of ~210-byte cookies (${timeline.nextSeq.toLocaleString('en-US')} recorded in all, ${timeline.dropped.toLocaleString('en-US')} rolled out, ${timeline.lost} lost): ${(bytes / MiB).toFixed(2)} MiB in storage.local, keeping ${timeline.retention.entries.toLocaleString('en-US')} entries   (budget ≤ ${(budget / MiB).toFixed(0)} MiB: ${verdict(bytes <= budget)})`,
  ];
}

/** The worker's heap in a fresh browser after the typical set, loaded ROUNDS times; the empty listener's beside it. */
async function heapAfterTypical(extensionDir: string, bare: ExtensionBrowser, url: (path: string) => string): Promise<string[]> {
  const fresh = await launchWithExtension({ extensionDir: resolve(extensionDir), hostResolverRules: HOSTS, ignoreHttpsErrors: true });
  try {
    const start = await serviceWorkerHeap(fresh);
    await loadPages(fresh.browser, url, 30);
    await sleep(TAIL_MS);
    const first = await serviceWorkerHeap(fresh);
    for (let round = 1; round < ROUNDS; round++) await loadPages(fresh.browser, url, 30);
    await sleep(TAIL_MS);
    const after = await serviceWorkerHeap(fresh);
    const floor = await serviceWorkerHeap(bare);
    return [
      `  worker heap after GC in a fresh browser: Cookie Lens ${(start / MiB).toFixed(2)} MiB before the first page, ${(first / MiB).toFixed(2)} MiB after the typical set once (the first analysis builds the cookie database's index), ${(after / MiB).toFixed(2)} MiB after it ${ROUNDS} times; empty listener ${(floor / MiB).toFixed(2)} MiB`,
      `    growth over rounds 2–${ROUNDS} ${((after - first) / MiB).toFixed(2)} MiB   (budget ≤ 1 MiB after the typical set: the whole heap is ${verdict(after <= MiB)}; what browsing adds is ${verdict(after - first <= MiB).toLowerCase()})`,
    ];
  } finally {
    await fresh.close();
  }
}

/** Prints each part as it is measured (the whole takes several minutes). */
export async function benchCost(extensionDir: string, print: (lines: string[]) => void, only?: 'storm'): Promise<void> {
  const heavySite = await startBenchSite({ perPage: 40 });
  const typicalSite = await startBenchSite(TYPICAL_SET);
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
  const bare = await launch(bareListenerExtension());
  const both = await launch(bareListenerExtension(true));
  const lens = await launch(extensionDir);
  const baselines = await Promise.all((process.env.COST_BASELINE?.split(',') ?? []).filter(Boolean).map((dir) => launch(dir)));
  const pidOf = (b: Browser) => {
    const pid = b.process()?.pid;
    if (!pid) throw new Error('no browser process');
    return pid;
  };
  const contenders: Contender[] = [
    { name: 'none', browser: plain, pid: pidOf(plain) },
    { name: 'bare', browser: bare.browser, pid: pidOf(bare.browser) },
    { name: 'both', browser: both.browser, pid: pidOf(both.browser) },
    { name: 'lens', browser: lens.browser, pid: pidOf(lens.browser) },
    ...baselines.map((b, i) => ({ name: `base${i + 1}`, browser: b.browser, pid: pidOf(b.browser) })),
  ];
  try {
    if (only === 'storm') {
      print(await storms(bare, lens));
      return;
    }
    print([`cost over the floor (CPU time of each browser's process tree from /proc, ${ROUNDS} rounds, order rotated; ratios per round):`]);
    if (SETS.has('heavy')) print(ratioLines('cookie-heavy set, 50 pages × 40 Set-Cookie', await cpuRounds(contenders, heavySite.url, 50), 1.03));
    if (SETS.has('typical'))
      print(ratioLines('typical set, 30 pages on 10 sites × 10–30 Set-Cookie, a tracker frame on 6', await cpuRounds(contenders, typicalSite.url, 30), 1.01));
    if (SETS.has('heap')) print(await heapAfterTypical(extensionDir, bare, typicalSite.url));
    if (SETS.has('storm')) print(await storms(bare, lens));
    if (SETS.has('storage')) print(await storageAfter(lens));
  } finally {
    await plain.close();
    await bare.close();
    await both.close();
    await lens.close();
    for (const b of baselines) await b.close();
    await heavySite.close();
    await typicalSite.close();
  }
}
