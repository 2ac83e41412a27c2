import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { RULES } from '../../src/core/rules/index';

const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/node/cookie-lens.js');
const HOSTS = ['--host-resolver-rules', 'MAP *.test 127.0.0.1', '--ignore-https-errors'];
const dir = mkdtempSync(join(tmpdir(), 'cookie-lens-audit-'));

/** Runs the built `cookie-lens` command as a user would; stdout and stderr kept apart. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('cookie-lens audit, the real extension in headless Chromium', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let shop: string;
  let json: AuditReport;

  beforeAll(async () => {
    demo = await startDemo();
    shop = demo.url('shop.test');
    const run = await cli(['audit', shop, demo.url('app.shop.test'), demo.url('bad.test'), '--format', 'json', ...HOSTS]);
    expect(run.code, run.stderr).toBe(0);
    json = JSON.parse(run.stdout);
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('prints nothing but the report on stdout (progress goes to stderr), in the documented JSON shape', () => {
    expect(json).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'cookie-lens', version: expect.any(String) },
      grade: expect.any(String),
      score: expect.any(Number),
    });
    expect(new Date(json.generatedAt).getTime()).toBeGreaterThan(Date.UTC(2025, 0, 1));
    expect(json.targets).toHaveLength(3);
    const sid = json.cookies.find((c) => c.name === 'connect.sid');
    expect(sid).toMatchObject({
      domain: 'shop.test',
      path: '/',
      hostOnly: true,
      secure: false,
      httpOnly: true,
      sameSite: 'lax',
      session: true,
      storeId: expect.any(String),
      size: expect.any(Number),
      type: 'session',
      role: 'session',
      sessionStorage: 'server',
      framework: 'Express',
      decoded: { format: 'express-session', knownSecret: 'keyboard cat' },
      setBy: { url: shop, header: expect.stringMatching(/^connect\.sid=s%3A/) },
    });
    expect(json.cookies.find((c) => c.name === 'widget_state')?.partitionKey).toMatchObject({ topLevelSite: 'https://shop.test' });
    expect(json.cookies.find((c) => c.name === 'session' && c.domain === 'app.shop.test')?.decoded?.payload).toMatchObject({
      user: { email: 'ada@example.com' },
    });
    for (const f of json.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'cookie', 'message', 'fix']));
    expect(json.rejected.map((r) => [r.name, r.reason])).toEqual(
      expect.arrayContaining([
        ['cross', 'SameSite=None requires the Secure attribute.'],
        ['chips', 'Partitioned requires the Secure attribute.'],
      ]),
    );
  });

  it('includes HttpOnly, partitioned and third-party cookies, collected from the extension', () => {
    const names = json.cookies.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['connect.sid', '__Host-csrf', 'widget_state', 'session', 'session.sig']));
    expect(json.cookies.find((c) => c.name === 'widget_state')?.domain).toBe('widget.test');
  });

  it('SARIF 2.1.0: the shape code scanning expects', async () => {
    const run = await cli(['audit', shop, '--format', 'sarif', ...HOSTS]);
    const sarif = JSON.parse(run.stdout) as Log;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const [only] = sarif.runs;
    expect(only.tool.driver.name).toBe('cookie-lens');
    const ruleIds = (only.tool.driver.rules ?? []).map((r) => r.id);
    expect(ruleIds).toEqual(expect.arrayContaining(RULES.map((r) => r.id)));
    expect(only.results?.length).toBeGreaterThan(0);
    for (const result of only.results ?? []) {
      expect(ruleIds).toContain(result.ruleId);
      expect(only.tool.driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note', 'none']).toContain(result.level);
      expect(result.message.text?.length).toBeGreaterThan(0);
      expect(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toMatch(/^https:\/\//);
    }
    expect(only.results?.find((r) => r.ruleId === 'weak-secret')?.level).toBe('error');
  });

  it('JUnit XML: a test case per cookie, failures for findings at or above --fail-on', async () => {
    const run = await cli(['audit', shop, '--format', 'junit', '--fail-on', 'high', ...HOSTS]);
    expect(run.code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run.stdout);
    const suite = doc.testsuites.testsuite;
    const cases = [suite.testcase].flat();
    expect(Number(suite.tests)).toBe(cases.length);
    expect(Number(suite.failures)).toBe(cases.filter((c: { failure?: unknown }) => c.failure).length);
    expect(Number(doc.testsuites.failures)).toBe(Number(suite.failures));
    const sid = cases.find((c: { name: string }) => c.name.startsWith('connect.sid (shop.test/)'));
    expect([sid.failure].flat().map((f: { type: string }) => f.type)).toEqual(expect.arrayContaining(['missing-secure (high)', 'weak-secret (high)']));
    const csrf = cases.find((c: { name: string }) => c.name.startsWith('__Host-csrf'));
    expect(csrf.failure).toBeUndefined();
  });

  it('Markdown and text reports name the grade and the findings', async () => {
    const md = await cli(['audit', shop, '--format', 'markdown', ...HOSTS]);
    expect(md.stdout).toMatch(/^# Cookie Lens report — grade [A-F]\+? \(\d+\/100\)/);
    expect(md.stdout).toContain('`weak-secret`');
    const text = await cli(['audit', shop, ...HOSTS]);
    expect(text.stdout).toMatch(/HIGH \(\d+\)\n {2}\[missing-secure\] Session cookie "connect\.sid"/);
    expect(text.stderr).toContain(`Visiting ${shop}`);
  });

  it('exit codes: 1 at or above --fail-on, 0 below it, 2 for bad usage and a missing browser', async () => {
    expect((await cli(['audit', shop, '--fail-on', 'high', '--quiet', ...HOSTS])).code).toBe(1);
    expect((await cli(['audit', demo.url('bad.test'), '--fail-on', 'high', '--quiet', ...HOSTS])).code).toBe(0);
    const none = await cli(['audit']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Give at least one URL');
    const badFormat = await cli(['audit', shop, '--format', 'pdf']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be one of text, json, markdown, sarif, junit');
    const noBrowser = await cli(['audit', shop, '--browser', '/nonexistent/chromium']);
    expect(noBrowser.code).toBe(2);
    expect(noBrowser.stderr).toContain('No browser at /nonexistent/chromium');
    expect(noBrowser.stdout).toBe('');
  });

  it('a policy the site meets passes; one it breaks fails with each violation', async () => {
    const passing = file('pass.json', {
      version: 1,
      cookies: [{ name: '__Host-*', secure: true, sameSite: ['Strict'], prefix: '__Host-' }],
      rules: { 'missing-secure': 'warning' },
    });
    const ok = await cli(['audit', shop, '--policy', passing, '--format', 'json', '--quiet', ...HOSTS]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).policy).toMatchObject({ file: passing, violations: [], errors: [] });

    const failing = file('fail.json', {
      version: 1,
      name: 'Sessions locked down',
      cookies: [{ name: 'connect.sid', secure: true, httpOnly: true, prefix: '__Host-', reason: 'OWASP session management' }],
      rules: { 'weak-secret': 'error' },
    });
    const bad = await cli(['audit', shop, '--policy', failing, '--format', 'json', '--quiet', ...HOSTS]);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as AuditReport;
    expect(report.policy?.violations.map((v) => [v.cookie.name, v.requirement])).toEqual([
      ['connect.sid', 'secure'],
      ['connect.sid', 'prefix'],
    ]);
    expect(report.policy?.errors.map((e) => e.rule)).toEqual(['weak-secret']);
    expect(report.cookies.find((c) => c.name === 'connect.sid')?.policy).toBe('fail');

    const invalid = await cli(['audit', shop, '--policy', file('invalid.json', { version: 1, cookies: [{ name: 'x', sameSite: ['lax'] }] })]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('policy.cookies[0].sameSite must be a non-empty list');
  });

  it('login flow: a site that keeps its session id across login is flagged, one that rotates it is not', async () => {
    const steps = (host: string) =>
      file(`login-${host}.json`, {
        start: demo.url(host, '/login'),
        steps: [
          { fill: 'input[name=user]', value: 'ada' },
          { fill: 'input[name=password]', value: 'pw' },
          { click: '#login', waitForNavigation: true },
        ],
        logout: [{ goto: demo.url(host, '/logout') }],
      });
    const fixed = await cli(['audit', demo.url('fixed.shop.test'), '--login', steps('fixed.shop.test'), '--format', 'json', '--quiet', ...HOSTS]);
    const fixedReport = JSON.parse(fixed.stdout) as AuditReport;
    expect(fixedReport.findings.filter((f) => f.rule === 'session-not-rotated').map((f) => f.cookie?.name)).toEqual(['connect.sid']);
    const rotating = await cli(['audit', shop, '--login', steps('shop.test'), '--format', 'json', '--quiet', ...HOSTS]);
    const rotatingReport = JSON.parse(rotating.stdout) as AuditReport;
    expect(rotatingReport.findings.filter((f) => f.rule === 'session-not-rotated')).toEqual([]);
    // Both destroy the session at logout, so neither keeps the logged-in cookie.
    expect(rotatingReport.findings.filter((f) => f.rule === 'session-not-cleared-on-logout')).toEqual([]);
  });

  it('crawls same-site links to --depth and writes to --output', async () => {
    const out = join(dir, 'crawl.json');
    const run = await cli(['audit', shop, '--depth', '1', '--output', out, '--format', 'json', ...HOSTS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8')) as AuditReport;
    // shop.test links to app.shop.test (same site) and to /login; the logout link is skipped.
    expect(run.stderr).toContain(`Visiting ${demo.url('app.shop.test')}`);
    expect(run.stderr).not.toContain('/logout');
    expect(report.cookies.some((c) => c.domain === 'app.shop.test')).toBe(true);
  });
});
