// `npm run bench -- profile`: where the worker's time goes while the typical page set loads — the CPU profile
// of the service worker (V8's sampling profiler over CDP), self time summed per function, the top 25.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBenchSite, TYPICAL_SET } from '../demo/bench-site.mjs';
import { launchWithExtension } from '../src/cli/extension-browser';
import { workerTarget } from '../test/e2e/harness';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A sample's node and every caller above it, innermost first. */
function stacks(profile: CpuProfile): { node: (id: number) => ProfileNode | undefined; up: (id: number) => Generator<ProfileNode> } {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  return {
    node: (id) => byNode.get(id),
    *up(id) {
      for (let p: number | undefined = id; p !== undefined; p = parentOf.get(p)) {
        const n = byNode.get(p);
        if (n) yield n;
      }
    },
  };
}

/** Top functions as printed lines: "   12.3 ms  name file:line". */
export const topLines = (top: [string, number][]) => top.map(([k, us]) => `  ${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`);

/** Self time per function (µs), the top `n`; a native function's time is shown with the first script function that called it. */
export function topSelfTime(profile: CpuProfile, n = 25): { total: number; top: [string, number][] } {
  const { node, up } = stacks(profile);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const caller = (id: number): string => {
    for (const n of up(id)) if (n.id !== id && n.callFrame.url) return ` ← ${label(n)}`;
    return '';
  };
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = node(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!n) return;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') return;
    const key = n.callFrame.url ? label(n) : `${label(n)}${caller(id)}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return { total, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, n) };
}

/** Time (µs) of samples with a function of each name on their stack (names unminified: NO_MINIFY=1). */
export function inclusiveTime(profile: CpuProfile, names: string[]): Map<string, number> {
  const { up } = stacks(profile);
  const out = new Map(names.map((n) => [n, 0]));
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const seen = new Set<string>();
    for (const { callFrame } of up(id)) {
      const name = callFrame.functionName;
      if (out.has(name) && !seen.has(name)) {
        seen.add(name);
        out.set(name, (out.get(name) ?? 0) + dt);
      }
    }
  });
  return out;
}

/** PROFILE_UNDER=name: the self time of what runs under `name`, by function (the top 12). */
function underLines(profile: CpuProfile, name: string): string[] {
  const { up } = stacks(profile);
  const kept = { ...profile, samples: [] as number[], timeDeltas: [] as number[] };
  profile.samples.forEach((id, i) => {
    if ([...up(id)].some((n) => n.callFrame.functionName === name)) {
      kept.samples.push(id);
      kept.timeDeltas.push(profile.timeDeltas[i] ?? 0);
    }
  });
  return [`  under ${name}:`, ...topLines(topSelfTime(kept, 12).top)];
}

export async function benchWorkerProfile(extensionDir: string): Promise<string[]> {
  // PROFILE_SET=heavy: the cost bench's cookie-heavy set (50 pages of 40 Set-Cookie on one site) instead.
  const heavy = process.env.PROFILE_SET === 'heavy';
  const site = await startBenchSite(heavy ? { perPage: 40 } : TYPICAL_SET);
  const pages = heavy ? 50 : 30;
  const session = await launchWithExtension({ extensionDir: resolve(extensionDir), hostResolverRules: 'MAP *.test 127.0.0.1', ignoreHttpsErrors: true });
  try {
    await session.worker();
    const cdp = await workerTarget(session).createCDPSession();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const page = await session.browser.newPage();
    await page.goto(site.url('/p/0'));
    await cdp.send('Profiler.start');
    // PROFILE_ALLOC=1: also where the worker allocates (V8's sampling heap profiler, collected objects included).
    const alloc = Boolean(process.env.PROFILE_ALLOC);
    if (alloc) {
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    }
    // PROFILE_COUNTS=1: how many times each of the worker's functions ran (V8's precise coverage), for the
    // question the sampled times cannot answer — is a cost per event, per page or per report?
    if (process.env.PROFILE_COUNTS) await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    if (process.env.PROFILE_STORM) {
      // A storm of 2,000 writes from the page, as in the storm bench, with a panel page open on the tab.
      const tabId = await (await session.worker()).evaluate(async () => (await chrome.tabs.query({ active: true }))[0]?.id);
      const panel = await session.browser.newPage();
      await panel.goto(`chrome-extension://${session.extensionId}/src/devtools/panel.html?tabId=${tabId}`);
      await panel.waitForSelector('main.panel-app');
      await page.bringToFront();
      for (let round = 0; round < 3; round++)
        await page.evaluate(async (round) => {
          for (let i = 0; i < 2000; i++) {
            document.cookie = `s${i % 20}=r${round}-${i}; path=/; secure; samesite=lax; max-age=3600`;
            if (i % 25 === 0) await new Promise((r) => setTimeout(r, 1));
          }
          await new Promise((r) => setTimeout(r, 1000));
        }, round);
    } else for (let round = 0; round < 3; round++) for (let i = 0; i < pages; i++) await page.goto(site.url(`/p/${i}`), { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 1500));
    const counts = process.env.PROFILE_COUNTS ? callCounts((await cdp.send('Profiler.takePreciseCoverage')).result) : [];
    const allocated = alloc ? allocationLines(((await cdp.send('HeapProfiler.stopSampling')) as { profile: { head: AllocationNode } }).profile.head) : [];
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    // PROFILE_SAVE=file: the raw profile too (for Chrome's DevTools or a script).
    if (process.env.PROFILE_SAVE) writeFileSync(process.env.PROFILE_SAVE, JSON.stringify(profile));
    const { total, top } = topSelfTime(profile);
    // Where the worker's own entry points spend it, callees included.
    const roots = [
      'refreshBadge',
      'pageReport',
      'record',
      'persist',
      'drain',
      'mergeTail',
      'observe',
      'flush',
      'changed',
      'cookieChanged',
      'announceNow',
      'loadCookieDb',
      'inflatePack',
      'analyze',
    ];
    const inclusive = [...inclusiveTime(profile, roots)].filter(([, us]) => us > 0).sort((a, b) => b[1] - a[1]);
    return [
      `worker profile, 3 × ${pages} ${heavy ? 'cookie-heavy' : 'typical'} pages: ${(total / 1000).toFixed(0)} ms of worker CPU (self time, idle excluded)`,
      ...topLines(top),
      `  callees included (NO_MINIFY=1 for names): ${inclusive.map(([k, us]) => `${k} ${(us / 1000).toFixed(0)} ms`).join(', ')}`,
      ...(process.env.PROFILE_UNDER ? underLines(profile, process.env.PROFILE_UNDER) : []),
      ...allocated,
      ...(counts.length
        ? [
            '  calls (precise coverage, the 40 most called named functions):',
            ...counts
              .filter(
                ([name], i) =>
                  i < 40 ||
                  /^(persist|flush|refreshBadge|pageReport|analyze|observe|saveDigest|writeChunk|mergeTail|drain|run|forTab|announceNow|emit|setBadge\w*) /.test(
                    name,
                  ),
              )
              .map(([name, n]) => `  ${String(n).padStart(9)}  ${name}`),
          ]
        : []),
    ];
  } finally {
    await session.close();
    await site.close();
  }
}

/** Calls per named function of the extension's scripts, most called first. */
function callCounts(scripts: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const script of scripts) {
    if (!script.url.startsWith('chrome-extension://')) continue;
    const file =
      script.url
        .split('/')
        .pop()
        ?.replace(/-[\w-]{8}\.js$/, '') ?? '';
    for (const f of script.functions) {
      if (!f.functionName) continue;
      const key = `${f.functionName} (${file})`;
      counts.set(key, (counts.get(key) ?? 0) + (f.ranges[0]?.count ?? 0));
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

/** Bytes allocated per function (self), the top 20, from a sampling heap profile. */
function allocationLines(head: AllocationNode): string[] {
  const self = new Map<string, number>();
  let total = 0;
  const walk = (n: AllocationNode) => {
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + n.selfSize);
    total += n.selfSize;
    for (const c of n.children) walk(c);
  };
  walk(head);
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  return [
    `  allocated (sampled, collected objects included): ${(total / 2 ** 20).toFixed(1)} MiB`,
    ...top.map(([k, b]) => `  ${(b / 2 ** 20).toFixed(2).padStart(7)} MiB  ${k}`),
  ];
}
