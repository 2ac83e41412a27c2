// Audits past one page: --urls, --sitemap, --concurrency (parallel tabs of one browser, each page's report
// its own), --shard I/N and `cookie-lens merge`, the way a CI matrix splits a large site.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBenchSite } from '../../demo/bench-site.mjs';
import { startDemo } from '../../demo/express-app.mjs';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { expectJunitValid, expectMultitoolClean, expectValidReport } from '../judges';
import { cli, dir, file, HOSTS } from './cli';

describe('cookie-lens audit at scale', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let bench: Awaited<ReturnType<typeof startBenchSite>>;
  beforeAll(async () => {
    demo = await startDemo();
    bench = await startBenchSite({ perPage: 4 });
  });
  afterAll(async () => {
    await demo?.close();
    await bench?.close();
  });

  it('--urls FILE with --concurrency 4: every page audited in its own tab, each cookie attributed to its own page', async () => {
    const hosts = ['shop.test', 'app.shop.test', 'bad.test', 'xss.test'];
    const list = file('urls.txt', `# the demo's sites\n\n${hosts.map((h) => demo.url(h)).join('\n')}\n`);
    const run = await cli(['audit', '--urls', list, '--concurrency', '4', '--format', 'json', ...HOSTS]);
    expect(run.code, run.stderr).toBe(0);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.pages.sort()).toEqual(hosts.map((h) => demo.url(h)).sort());
    for (const i of [1, 2, 3, 4]) expect(run.stderr).toMatch(new RegExp(`\\[${i}/4\\] https://`));
    const pageOf = (name: string) => report.cookies.find((c) => c.name === name)?.page;
    expect(pageOf('connect.sid')).toBe(demo.url('shop.test'));
    expect(pageOf('session.sig')).toBe(demo.url('app.shop.test'));
    expect(pageOf('xss_img')).toBe(demo.url('xss.test'));
    expect(report.rejected.find((r) => r.name === 'cross')?.url).toBe(demo.url('bad.test'));
    // The findings of each site are located at that site's page.
    expect(report.findings.find((f) => f.cookie?.name === 'xss_img')?.url).toBe(demo.url('xss.test'));
  });

  it('--concurrency on one host: a cookie is from the page whose response set it, though every tab sees it', async () => {
    const urls = Array.from({ length: 8 }, (_, i) => bench.url(`/p${i}`));
    const run = await cli(['audit', ...urls, '--concurrency', '4', '--format', 'json', '--quiet', ...HOSTS]);
    expect(run.code, run.stderr).toBe(0);
    const report = expectValidReport<AuditReport>(run.stdout);
    // The site sets 4 cookies on every response, the favicon's too: those of the pages are the ones to check.
    const ofPages = report.cookies.filter((c) => /^pp\d+_c\d+$/.test(c.name));
    expect(ofPages).toHaveLength(8 * 4);
    for (const c of ofPages) {
      const from = bench.url(`/${/^p(p\d+)_c\d+$/.exec(c.name)?.[1]}`);
      expect(c.setBy?.url, c.name).toBe(from);
      expect(c.page, c.name).toBe(from);
    }
  });

  it('a list longer than --max-pages is audited whole; --depth with --concurrency follows every link', async () => {
    const urls = Array.from({ length: 35 }, (_, i) => bench.url(`/l${i}`));
    const [all, crawl] = await Promise.all([
      cli(['audit', '--urls', file('long.txt', urls.join('\n')), '--concurrency', '3', '--format', 'json', '--quiet', ...HOSTS]),
      cli(['audit', demo.url('shop.test'), '--depth', '1', '--concurrency', '2', '--format', 'json', ...HOSTS]),
    ]);
    expect(all.code, all.stderr).toBe(0);
    expect(expectValidReport<AuditReport>(all.stdout).pages.sort()).toEqual([...urls].sort());
    expect(crawl.code, crawl.stderr).toBe(0);
    expect(expectValidReport<AuditReport>(crawl.stdout).pages.sort()).toEqual(
      [demo.url('shop.test'), demo.url('app.shop.test'), demo.url('shop.test', '/login')].sort(),
    );
    // With a smaller --max-pages the links beyond it are not followed, and the audit says so.
    const capped = await cli(['audit', demo.url('shop.test'), '--depth', '1', '--max-pages', '2', '--format', 'json', ...HOSTS]);
    expect(expectValidReport<AuditReport>(capped.stdout).pages).toHaveLength(2);
    expect(capped.stderr).toContain('1 more same-site links were not followed: --max-pages 2 reached.');
  });

  it("--sitemap: the sitemap's URLs are audited", async () => {
    const run = await cli(['audit', '--sitemap', demo.url('shop.test', '/sitemap.xml'), '--format', 'json', '--quiet', ...HOSTS]);
    expect(run.code, run.stderr).toBe(0);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.pages.sort()).toEqual([demo.url('app.shop.test'), demo.url('shop.test'), demo.url('shop.test', '/login')].sort());
    const missing = await cli(['audit', '--sitemap', demo.url('shop.test', '/no-sitemap.xml'), '--format', 'json', '--quiet', ...HOSTS]);
    expect(missing.code).toBe(3);
    expect(expectValidReport<AuditReport>(missing.stdout).errors[0]).toMatchObject({
      stage: 'load',
      message: expect.stringContaining('the sitemap could not be read'),
    });
  });

  it('--shard 1/2 and 2/2 split the list deterministically; merge publishes one report, in every format', async () => {
    const urls = Array.from({ length: 6 }, (_, i) => bench.url(`/s${i}`));
    const list = file('shard-urls.txt', urls.join('\n'));
    const shard = async (i: number) => {
      const out = join(dir, `shard-${i}.json`);
      const run = await cli(['audit', '--urls', list, '--shard', `${i}/2`, '--format', 'json', '--output', out, ...HOSTS]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(`Shard ${i}/2: 3 URLs`);
      return { out, report: expectValidReport<AuditReport>(readFileSync(out, 'utf8')) };
    };
    const [one, two] = await Promise.all([shard(1), shard(2)]);
    expect(one.report.pages).toEqual([urls[0], urls[2], urls[4]]);
    expect(two.report.pages).toEqual([urls[1], urls[3], urls[5]]);
    // The same list and shard give the same pages on every run.
    expect((await shard(1)).report.pages).toEqual(one.report.pages);

    const merged = await cli(['merge', one.out, two.out]);
    expect(merged.code, merged.stderr).toBe(0);
    const report = expectValidReport<AuditReport>(merged.stdout);
    expect(report.pages.sort()).toEqual([...urls].sort());
    expect(report.cookies.filter((c) => /^ps\d_c\d$/.test(c.name))).toHaveLength(6 * 4);
    // Every shard's findings are in the merged report, each once.
    const key = (f: AuditReport['findings'][number]) => `${f.rule} ${f.cookie?.name} ${f.message}`;
    const keys = report.findings.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining([...one.report.findings, ...two.report.findings].map(key)));

    const [sarif, junit, fail] = await Promise.all([
      cli(['merge', one.out, two.out, '--format', 'sarif']),
      cli(['merge', one.out, two.out, '--format', 'junit', '--fail-on', 'low']),
      cli(['merge', one.out, two.out, '--fail-on', 'low', '--format', 'json']),
    ]);
    expectMultitoolClean(sarif.stdout);
    expectJunitValid(junit.stdout);
    expect(junit.code).toBe(fail.code);
    expect(fail.code).toBe(report.findings.some((f) => f.severity !== 'info') ? 1 : 0);
  });

  it("merge keeps every shard's errors (exit 3) and refuses what is not a report", async () => {
    const good = join(dir, 'merge-good.json');
    const bad = join(dir, 'merge-bad.json');
    await Promise.all([
      cli(['audit', bench.url('/m1'), '--format', 'json', '--output', good, '--quiet', ...HOSTS]),
      cli(['audit', demo.url('shop.test', '/nope'), '--format', 'json', '--output', bad, '--quiet', ...HOSTS]),
    ]);
    const merged = await cli(['merge', good, bad, '--format', 'json']);
    expect(merged.code).toBe(3);
    expect(expectValidReport<AuditReport>(merged.stdout).errors).toHaveLength(1);
    const notReport = await cli(['merge', file('not-a-report.json', { hello: 1 })]);
    expect(notReport.code).toBe(2);
    expect(notReport.stderr.trim().split('\n')).toHaveLength(1);
  });
});
