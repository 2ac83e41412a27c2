// `npm run bench -- heap`: what the worker's heap holds, fresh and after the typical set (a diagnostic for the
// worker-heap budget): a heap snapshot over CDP, summed by V8 node type, with the biggest single objects.
import { resolve } from 'node:path';
import { startBenchSite, TYPICAL_SET } from '../demo/bench-site.mjs';
import { type ExtensionBrowser, launchWithExtension } from '../src/cli/extension-browser';
import { workerTarget } from '../test/e2e/harness';

const KiB = 1024;

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

async function composition(session: ExtensionBrowser, label: string): Promise<string[]> {
  const cdp = await workerTarget(session).createCDPSession();
  const chunks: string[] = [];
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const used = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snap = JSON.parse(chunks.join('')) as Snapshot;
    const fields = snap.snapshot.meta.node_fields;
    const types = snap.snapshot.meta.node_types[0];
    const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
    const byType = new Map<string, number>();
    // HEAP_BY_NAME=code (or string, array…): that type's nodes summed by name, the biggest 25 printed.
    const byName = new Map<string, number>();
    const big: { size: number; what: string }[] = [];
    for (let i = 0; i < snap.nodes.length; i += fields.length) {
      const t = types[snap.nodes[i + type]];
      const s = snap.nodes[i + size];
      byType.set(t, (byType.get(t) ?? 0) + s);
      if (t === process.env.HEAP_BY_NAME) {
        const what = String(snap.strings[snap.nodes[i + name]]).slice(0, 60);
        byName.set(what, (byName.get(what) ?? 0) + s);
      }
      if (s >= 16 * KiB) big.push({ size: s, what: `${t} ${JSON.stringify(String(snap.strings[snap.nodes[i + name]]).slice(0, 70))}` });
    }
    big.sort((a, b) => b.size - a.size);
    return [
      `  ${label}: used ${(used / KiB / KiB).toFixed(2)} MiB — ${[...byType]
        .sort((a, b) => b[1] - a[1])
        .map(([t, s]) => `${t} ${(s / KiB).toFixed(0)} KiB`)
        .join(', ')}`,
      ...big.slice(0, 12).map((b) => `      ${(b.size / KiB).toFixed(0).padStart(5)} KiB  ${b.what}`),
      ...[...byName]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([what, s]) => `      ${process.env.HEAP_BY_NAME} by name: ${(s / KiB).toFixed(1).padStart(6)} KiB  ${JSON.stringify(what)}`),
    ];
  } finally {
    await cdp.detach();
  }
}

export async function benchWorkerHeap(extensionDir: string): Promise<string[]> {
  const site = await startBenchSite(TYPICAL_SET);
  const session = await launchWithExtension({ extensionDir: resolve(extensionDir), hostResolverRules: 'MAP *.test 127.0.0.1', ignoreHttpsErrors: true });
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const lines = ['worker heap composition (heap snapshot after GC, by V8 node type; objects ≥ 16 KiB listed):', ...(await composition(session, 'fresh'))];
    const page = await session.browser.newPage();
    for (let i = 0; i < 30; i++) await page.goto(site.url(`/p/${i}`), { waitUntil: 'load' });
    await page.close();
    await new Promise((r) => setTimeout(r, 2000));
    lines.push(...(await composition(session, 'after the typical set (30 pages)')));
    return lines;
  } finally {
    await session.close();
    await site.close();
  }
}
