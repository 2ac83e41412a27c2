// `npm run bench -- audit`: pages per minute of `cookie-lens audit` on a local 200-page site at concurrency
// 1, 2 and 4 — the built command, run as CI runs it (one browser, N tabs, the JSON report checked complete).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchSite } from '../demo/bench-site.mjs';

const CLI = fileURLToPath(new URL('../node/cookie-lens.js', import.meta.url));
const PAGES = 200;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export async function benchAudit(levels = [1, 2, 4]): Promise<string[]> {
  const lines: string[] = [];
  for (const delayMs of [0, 250]) lines.push(...(await benchAt(delayMs, levels)));
  return lines;
}

async function benchAt(delayMs: number, levels: number[]): Promise<string[]> {
  const site = await startBenchSite({ perPage: 10, delayMs });
  const dir = mkdtempSync(join(tmpdir(), 'cookie-lens-bench-audit-'));
  const list = join(dir, 'urls.txt');
  writeFileSync(list, Array.from({ length: PAGES }, (_, i) => site.url(`/a${i}`)).join('\n'));
  const lines = [
    `audit: ${PAGES} local pages (10 cookies each), ${delayMs ? `each answered after ${delayMs} ms (a server's time to first byte)` : 'answered at once'}; the built command, wall time including Chromium's start`,
  ];
  try {
    for (const concurrency of levels) {
      const started = performance.now();
      const r = await run([
        'audit',
        '--urls',
        list,
        '--concurrency',
        String(concurrency),
        '--format',
        'json',
        '--quiet',
        '--host-resolver-rules',
        'MAP *.test 127.0.0.1',
        '--ignore-https-errors',
      ]);
      const ms = performance.now() - started;
      const report = JSON.parse(r.stdout || '{}');
      if (r.code !== 0 || report.pages?.length !== PAGES || report.errors?.length)
        throw new Error(`the audit at concurrency ${concurrency} did not check every page (exit ${r.code}): ${r.stderr.slice(-500)}`);
      lines.push(`  concurrency ${concurrency}: ${(ms / 1000).toFixed(1)} s, ${Math.round((PAGES / ms) * 60_000)} pages/minute`);
    }
  } finally {
    await site.close();
  }
  return lines;
}
