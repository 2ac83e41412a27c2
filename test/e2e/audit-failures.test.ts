// Nothing unchecked passes: every way a target, a crawled page or the login can fail is an audit error,
// exit 3 whatever --fail-on says, and each report format says so. And the CLI's own conventions.
import { createServer } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { expectJunitValid, expectMultitoolClean, expectSarifSchema, expectValidReport, markdownHtml } from '../judges';
import { cli, dir, file, HOSTS } from './cli';
import { startFailingSite } from './failing-site';

/** A port nothing listens on: opened, then closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const DNS_FAILS = ['--host-resolver-rules', 'MAP nowhere.test ~NOTFOUND, MAP *.test 127.0.0.1'];

describe('an audit never passes what it could not check (exit 3)', () => {
  let site: Awaited<ReturnType<typeof startFailingSite>>;
  let refused: number;

  beforeAll(async () => {
    site = await startFailingSite();
    refused = await closedPort();
  });
  afterAll(async () => {
    await site?.close();
  });

  const json = async (args: string[]) => {
    const run = await cli(['audit', ...args, '--format', 'json', '--fail-on', 'low', '--quiet']);
    return { run, report: expectValidReport<AuditReport>(run.stdout) };
  };

  it('DNS failure, refused connection, bad certificate: exit 3, each a load error with a plain reason', async () => {
    const [dns, conn, tls] = await Promise.all([
      json(['https://nowhere.test/', ...DNS_FAILS, '--ignore-https-errors']),
      json([`https://fail.test:${refused}/`, ...HOSTS]),
      // The local site's certificate is self-signed: without --ignore-https-errors it is not accepted.
      json([site.url('/ok'), '--host-resolver-rules', 'MAP *.test 127.0.0.1']),
    ]);
    expect(dns.run.code).toBe(3);
    expect(dns.report.errors).toEqual([
      { url: 'https://nowhere.test/', stage: 'load', message: 'the host name does not resolve (DNS: ERR_NAME_NOT_RESOLVED)' },
    ]);
    expect(conn.run.code).toBe(3);
    expect(conn.report.errors).toEqual([
      { url: `https://fail.test:${refused}/`, stage: 'load', message: 'the connection was refused: nothing listens there (ERR_CONNECTION_REFUSED)' },
    ]);
    expect(tls.run.code).toBe(3);
    expect(tls.report.errors[0]).toMatchObject({
      stage: 'load',
      message: expect.stringMatching(/^the TLS certificate was not accepted \(ERR_CERT_[A-Z_]+\); .*--ignore-https-errors/),
    });
    for (const { report } of [dns, conn, tls]) {
      // Nothing was seen, and the report does not pretend otherwise.
      expect(report.pages).toEqual([]);
      expect(report.cookies).toEqual([]);
    }
  });

  it('a timeout, a redirect loop, HTTP 404 and 500 on the target document: exit 3', async () => {
    const [hang, loop] = await Promise.all([json([site.url('/hang'), ...HOSTS, '--timeout', '2000']), json([site.url('/loop'), ...HOSTS])]);
    const [missing, broken] = await Promise.all([json([site.url('/missing'), ...HOSTS]), json([site.url('/broken'), ...HOSTS])]);
    expect(hang.run.code).toBe(3);
    expect(hang.report.errors[0].message).toBe('the page did not finish loading within 2000 ms');
    expect(loop.run.code).toBe(3);
    expect(loop.report.errors[0].message).toBe('the page redirects in a loop (ERR_TOO_MANY_REDIRECTS)');
    expect(missing.run.code).toBe(3);
    expect(missing.report.errors[0]).toMatchObject({ url: site.url('/missing'), stage: 'load', message: 'the page answered HTTP 404 Not Found' });
    expect(broken.run.code).toBe(3);
    expect(broken.report.errors[0].message).toBe('the page answered HTTP 500 Internal Server Error');
  });

  it('one good and one failing target: exit 3, and the good one is still fully reported', async () => {
    const { run, report } = await json([site.url('/ok'), 'https://nowhere.test/', ...DNS_FAILS, '--ignore-https-errors']);
    expect(run.code).toBe(3);
    expect(report.pages).toEqual([site.url('/ok')]);
    expect(report.cookies.map((c) => c.name)).toEqual(['sid']);
    expect(report.findings.some((f) => f.cookie?.name === 'sid' && f.rule === 'missing-secure')).toBe(true);
    expect(report.errors.map((e) => e.url)).toEqual(['https://nowhere.test/']);
  });

  it('every format says the audit is incomplete: text opens with it, SARIF run unsuccessful, JUnit <error>, Markdown section', async () => {
    const args = ['audit', site.url('/ok'), site.url('/missing'), ...HOSTS, '--quiet'];
    const [text, sarif, junit, md] = await Promise.all(['text', 'sarif', 'junit', 'markdown'].map((format) => cli([...args, '--format', format])));
    for (const run of [text, sarif, junit, md]) expect(run.code).toBe(3);
    expect(text.stdout.split('\n')[0]).toMatch(/^COULD NOT AUDIT \(1\) /);
    expect(text.stdout).toContain(`  [load] ${site.url('/missing')}\n      the page answered HTTP 404 Not Found\n`);

    const log = JSON.parse(sarif.stdout) as Log;
    expectSarifSchema(log);
    expectMultitoolClean(sarif.stdout);
    expect(log.runs[0].invocations?.[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations?.[0].toolExecutionNotifications?.map((n) => [n.level, n.message.text])).toEqual([
      ['error', `Could not audit ${site.url('/missing')} (load): the page answered HTTP 404 Not Found`],
    ]);

    expectJunitValid(junit.stdout);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junit.stdout);
    const cases = [doc.testsuites.testsuite.testcase].flat();
    const error = cases.find((c: { error?: unknown }) => c.error);
    expect(error).toMatchObject({ classname: 'cookie-lens.fail_test', error: { type: 'load', message: 'the page answered HTTP 404 Not Found' } });
    expect(Number(doc.testsuites.errors)).toBe(1);

    const html = markdownHtml(md.stdout);
    expect(html).toMatch(/<h2>Could not audit \(1\)<\/h2>/);
    expect(md.stdout).toContain('HTTP 404 Not Found');
  });

  it('a crawled page that fails is an error (stage crawl); --allow-crawl-errors reports it without failing', async () => {
    const [strict, tolerant] = await Promise.all([
      cli(['audit', site.url('/links'), '--depth', '1', '--format', 'json', '--quiet', ...HOSTS]),
      cli(['audit', site.url('/links'), '--depth', '1', '--allow-crawl-errors', '--format', 'json', '--quiet', ...HOSTS]),
    ]);
    expect(strict.code).toBe(3);
    const report = expectValidReport<AuditReport>(strict.stdout);
    expect(report.errors).toEqual([{ url: site.url('/missing'), stage: 'crawl', message: 'the page answered HTTP 404 Not Found' }]);
    expect(report.pages).toEqual(expect.arrayContaining([site.url('/links'), site.url('/ok')]));
    expect(tolerant.code).toBe(0);
    expect(expectValidReport<AuditReport>(tolerant.stdout).errors).toHaveLength(1);
    // A target is never tolerated.
    const target = await cli(['audit', site.url('/missing'), '--allow-crawl-errors', '--quiet', ...HOSTS]);
    expect(target.code).toBe(3);
  });

  it('a login step that fails: exit 3, a login error in one line, no stack trace', async () => {
    const login = file('login-broken.json', { start: site.url('/login'), steps: [{ fill: '#no-such-field', value: 'ada' }] });
    const run = await cli(['audit', site.url('/ok'), '--login', login, '--timeout', '3000', '--format', 'json', ...HOSTS]);
    expect(run.code).toBe(3);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.errors).toEqual([
      { url: site.url('/login'), stage: 'login', message: 'step 1 (fill #no-such-field): no element matches #no-such-field within 3000 ms' },
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // The pages before the login were still checked and reported.
    expect(report.cookies.map((c) => [c.name, c.phase])).toEqual([['sid', 'before-login']]);
    const unloadable = file('login-404.json', { start: site.url('/missing'), steps: [{ waitForSelector: 'body' }] });
    const missing = await cli(['audit', site.url('/ok'), '--login', unloadable, '--format', 'json', '--quiet', ...HOSTS]);
    expect(missing.code).toBe(3);
    expect(expectValidReport<AuditReport>(missing.stdout).errors[0]).toMatchObject({
      stage: 'login',
      message: 'the login page could not be loaded: the page answered HTTP 404 Not Found',
    });
  });
});

describe('CLI conventions', () => {
  it('--version, -V, help, help audit', async () => {
    const [version, short, help, helpAudit, auditHelp] = await Promise.all([
      cli(['--version']),
      cli(['-V']),
      cli(['help']),
      cli(['help', 'audit']),
      cli(['audit', '--help']),
    ]);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(short.stdout).toBe(version.stdout);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('audit <url...>');
    expect(help.stdout).toContain('3  could not audit');
    expect(helpAudit.stdout).toContain('--sarif-file PATH');
    expect(auditHelp.stdout).toBe(helpAudit.stdout);
  });

  it('bad usage is one line with a hint, exit 2, before any browser starts', async () => {
    const runs = await Promise.all([
      cli(['audit', 'https://a.test/', '--fial-on', 'low']),
      cli(['audti', 'https://a.test/']),
      cli(['audit']),
      cli(['audit', 'https://a.test/', '--format', 'sraif']),
      cli(['audit', 'https://a.test/', '--output', '/nonexistent-dir/report.json']),
      cli(['audit', 'https://a.test/', '--output', dir]),
      cli(['audit', 'https://a.test/', '--policy', '/nonexistent/policy.json']),
      cli(['audit', 'https://a.test/', '--login', '/nonexistent/login.json']),
      cli(['audit', 'https://a.test/', '--browser', '/nonexistent/chromium']),
      cli(['audit', 'https://a.test/'], { env: { CHROME_PATH: '/nonexistent/chrome' } }),
      cli(['audit', 'a.test']),
      cli(['audit', 'https://a.test/', '--shard', '3/2']),
    ]);
    const lines = runs.map((r) => r.stderr.trim());
    for (const [i, r] of runs.entries()) {
      expect(r.code, lines[i]).toBe(2);
      expect(r.stdout, lines[i]).toBe('');
      expect(lines[i].split('\n'), lines[i]).toHaveLength(1);
      expect(lines[i]).not.toContain('Starting Chromium');
    }
    expect(lines).toEqual([
      'cookie-lens: unknown option --fial-on (did you mean --fail-on?). Run cookie-lens audit --help for the options.',
      'cookie-lens: unknown command "audti" (did you mean audit?). Run cookie-lens help for the commands.',
      'cookie-lens: give at least one URL to audit (or --urls FILE, or --sitemap URL).',
      'cookie-lens: --format must be one of text, json, markdown, sarif, junit, not "sraif" (did you mean sarif?).',
      'cookie-lens: cannot write the report to /nonexistent-dir/report.json: no such file or directory',
      `cookie-lens: cannot write the report to ${dir}: it is a directory`,
      'cookie-lens: cannot read the policy /nonexistent/policy.json: no such file or directory',
      'cookie-lens: cannot read the login steps /nonexistent/login.json: no such file or directory',
      'cookie-lens: --browser is /nonexistent/chromium, which does not exist.',
      'cookie-lens: CHROME_PATH is /nonexistent/chrome, which does not exist.',
      'cookie-lens: "a.test" is not a URL (write it with http:// or https://).',
      'cookie-lens: --shard must be I/N with 1 ≤ I ≤ N (1/4 is the first of four), not "3/2".',
    ]);
  });
});
