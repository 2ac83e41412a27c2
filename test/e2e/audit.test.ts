// `cookie-lens audit` on the bundled Express demo, each report judged by the tool that consumes it:
// the JSON Schema, Microsoft's SARIF multitool with GitHub's rules, xmllint with the Jenkins XSD, CommonMark.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, XSS_COOKIES } from '../../demo/express-app.mjs';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { expectJunitValid, expectMultitoolClean, expectSarifSchema, expectValidReport, markdownHtml } from '../judges';
import { cli, dir, file, HOSTS } from './cli';

const LEVEL = { high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SECURITY_SEVERITY = { high: '8.0', medium: '5.0', low: '3.0', info: '1.0' };

describe('cookie-lens audit, the real extension in headless Chromium', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let shop: string;
  let json: AuditReport;

  beforeAll(async () => {
    demo = await startDemo();
    shop = demo.url('shop.test');
    const run = await cli(['audit', shop, demo.url('app.shop.test'), demo.url('bad.test'), '--format', 'json', ...HOSTS]);
    expect(run.code, run.stderr).toBe(0);
    json = expectValidReport<AuditReport>(run.stdout);
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('prints nothing but the report on stdout (progress goes to stderr), in the documented JSON shape', () => {
    expect(json).toMatchObject({
      schemaVersion: 2,
      tool: { name: 'cookie-lens', version: expect.any(String) },
      grade: expect.any(String),
      score: expect.any(Number),
      errors: [],
      durationMs: expect.any(Number),
    });
    expect(new Date(json.generatedAt).getTime()).toBeGreaterThan(Date.UTC(2025, 0, 1));
    expect(json.targets).toHaveLength(3);
    expect(json.pages).toEqual([shop, demo.url('app.shop.test'), demo.url('bad.test')]);
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
      roleEvidence: { certainty: 'known' },
      sessionStorage: 'server',
      framework: 'Express',
      decoded: { format: 'express-session', knownSecret: 'keyboard cat' },
      setBy: { url: shop, header: expect.stringMatching(/^connect\.sid=s%3A/) },
      page: shop,
    });
    expect(sid?.phase).toBeUndefined();
    expect(json.cookies.find((c) => c.name === 'widget_state')?.partitionKey).toMatchObject({ topLevelSite: 'https://shop.test' });
    const clientSession = json.cookies.find((c) => c.name === 'session' && c.domain === 'app.shop.test');
    expect(clientSession?.decoded?.payload).toMatchObject({ user: { email: 'ada@example.com' } });
    expect(clientSession?.page).toBe(demo.url('app.shop.test'));
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'cookie', 'message', 'fix', 'url']));
      // The page, or the response that set the cookie (a frame's URL, a rejected header's).
      expect(f.url).toMatch(new RegExp(`^https://[a-z.]+\\.test:${demo.port}/`));
    }
    // A finding of a cookie seen on the second target is located at that target.
    expect(json.findings.find((f) => f.cookie?.domain === 'app.shop.test')?.url).toBe(demo.url('app.shop.test'));
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

  it('SARIF that GitHub code scanning accepts: the official schema, the multitool with GitHub rules, stable fingerprints', async () => {
    const args = ['audit', shop, demo.url('app.shop.test'), '--format', 'sarif', '--quiet', ...HOSTS];
    const [first, second] = await Promise.all([cli(args), cli(args)]);
    expect(first.code, first.stderr).toBe(0);
    const sarif = JSON.parse(first.stdout) as Log;
    expectSarifSchema(sarif);
    expectMultitoolClean(first.stdout);
    const [run] = sarif.runs;
    expect(run.invocations?.[0]).toMatchObject({ executionSuccessful: true, toolExecutionNotifications: [] });
    const rules = run.tool.driver.rules ?? [];
    expect(run.results?.length).toBeGreaterThan(0);
    const uris = new Set<string>();
    for (const result of run.results ?? []) {
      const rule = rules[result.ruleIndex ?? -1];
      expect(rule.id).toBe(result.ruleId);
      const severity = (result.properties as { severity: keyof typeof LEVEL }).severity;
      expect(result.ruleId).toMatch(new RegExp(`/${severity}$`));
      expect(result.level).toBe(LEVEL[severity]);
      expect(rule.properties?.['security-severity']).toBe(SECURITY_SEVERITY[severity]);
      const physical = result.locations?.[0]?.physicalLocation;
      uris.add(physical?.artifactLocation?.uri ?? '');
      expect(physical?.region?.startLine).toBe(1);
      // The page it was seen on, as a logical location and in the message.
      const page = result.locations?.[0]?.logicalLocations?.find((l) => l.kind === 'module')?.name;
      expect(page).toMatch(new RegExp(`^https://[a-z.]+\\.test:${demo.port}/`));
      expect(result.message.text).toContain(`(seen on ${page})`);
    }
    for (const uri of uris) expect(uri).toMatch(/^cookie-lens\/[a-z0-9.-]+\.test\.cookies$/);
    expect(uris.has('cookie-lens/shop.test.cookies')).toBe(true);
    expect(uris.has('cookie-lens/app.shop.test.cookies')).toBe(true);
    // A second run of the same audit (fresh browser, fresh session ids) gives the same fingerprints.
    const fingerprints = (log: Log) => (log.runs[0].results ?? []).map((r) => `${r.ruleId} ${r.partialFingerprints?.['cookieLens/v1']}`).sort();
    expect(fingerprints(JSON.parse(second.stdout))).toEqual(fingerprints(sarif));
    expect(new Set(fingerprints(sarif)).size).toBe(fingerprints(sarif).length);
    expect(run.results?.find((r) => r.ruleId === 'weak-secret/high')?.level).toBe('error');
  });

  it('SARIF --sarif-file locates every result in the named file of the repository', async () => {
    const run = await cli(['audit', shop, '--format', 'sarif', '--sarif-file', 'app/settings.py', '--quiet', ...HOSTS]);
    const sarif = JSON.parse(run.stdout) as Log;
    const uris = new Set(sarif.runs[0].results?.map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri));
    expect([...uris]).toEqual(['app/settings.py']);
    expectMultitoolClean(run.stdout);
  });

  it('JUnit that Jenkins reads: the XSD, one case per cookie with all its problems, classname by host, failures = --fail-on', async () => {
    const [high, none] = await Promise.all([
      cli(['audit', shop, '--format', 'junit', '--fail-on', 'high', '--quiet', ...HOSTS]),
      cli(['audit', shop, '--format', 'junit', '--quiet', ...HOSTS]),
    ]);
    expect(high.code).toBe(1);
    expectJunitValid(high.stdout);
    expectJunitValid(none.stdout);
    const parse = (xml: string) => {
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
      return { doc, suite: doc.testsuites.testsuite, cases: [doc.testsuites.testsuite.testcase].flat() };
    };
    const { doc, suite, cases } = parse(high.stdout);
    expect(Number(suite.tests)).toBe(cases.length);
    expect(Number(suite.failures)).toBe(cases.filter((c: { failure?: unknown }) => c.failure).length);
    expect(Number(doc.testsuites.failures)).toBe(Number(suite.failures));
    expect(Number(suite.time)).toBeGreaterThan(0.5);
    const sid = cases.find((c: { name: string }) => c.name === 'connect.sid (/)');
    expect(sid.classname).toBe('cookie-lens.shop_test');
    // One <failure> (Jenkins reads only the first) carrying every high problem of the cookie.
    expect(Array.isArray(sid.failure)).toBe(false);
    expect(sid.failure.message).toMatch(/^\d problems: /);
    for (const rule of ['missing-secure', 'weak-secret']) expect(sid.failure.message).toContain(`[high] ${rule}: `);
    // The medium and low findings are in system-out: the case fails only for what fails the build.
    const theme = cases.find((c: { name: string; classname: string }) => c.name === 'theme (/)');
    expect(theme.failure).toBeUndefined();
    expect(theme['system-out']).toMatch(/\[(low|medium)\] /);
    const csrf = cases.find((c: { name: string }) => c.name.startsWith('__Host-csrf'));
    expect(csrf.failure).toBeUndefined();
    // Without --fail-on the build passes (exit 0), so no case fails.
    expect(none.code).toBe(0);
    expect(Number(parse(none.stdout).suite.failures)).toBe(0);
  });

  it('Markdown and text name the grade and findings; progress lines are [i/n] URL', async () => {
    const [md, text] = await Promise.all([cli(['audit', shop, '--format', 'markdown', ...HOSTS]), cli(['audit', shop, ...HOSTS])]);
    expect(md.stdout).toMatch(/^# Cookie Lens report — grade [A-F]\+? \(\d+\/100\)/);
    expect(md.stdout).toContain('`weak-secret`');
    expect(text.stdout).toMatch(/HIGH \(\d+\)\n {2}\[missing-secure\] Session cookie "connect\.sid"/);
    expect(text.stderr).toContain(`[1/1] ${shop}`);
  });

  it('a hostile cookie name forms no image, link or HTML in the Markdown a PR comment renders', async () => {
    const run = await cli(['audit', demo.url('xss.test'), '--format', 'markdown', '--quiet', ...HOSTS]);
    expect(run.code, run.stderr).toBe(0);
    const html = markdownHtml(run.stdout);
    expect(html).not.toMatch(/<img|<a |<script|<b>|evil\.example\/p\.png"/);
    // Each name is still there, shown as code.
    const asHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    for (const [name] of XSS_COOKIES) expect(html).toContain(`<code>${asHtml(name)}</code>`);
    // And inert in the terminal and in XML too.
    const [text, junit] = await Promise.all([
      cli(['audit', demo.url('xss.test'), '--quiet', ...HOSTS]),
      cli(['audit', demo.url('xss.test'), '--format', 'junit', '--quiet', ...HOSTS]),
    ]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expectJunitValid(junit.stdout);
    expect(junit.stdout).not.toContain('<script>');
  });

  it('a policy the site meets passes; one it breaks fails with each violation', async () => {
    const passing = file('pass.json', {
      version: 1,
      cookies: [{ name: '__Host-*', secure: true, sameSite: ['Strict'], prefix: '__Host-' }],
      rules: { 'missing-secure': 'warning' },
    });
    const ok = await cli(['audit', shop, '--policy', passing, '--format', 'json', '--quiet', ...HOSTS]);
    expect(ok.code).toBe(0);
    expect(expectValidReport<AuditReport>(ok.stdout).policy).toMatchObject({ file: passing, violations: [], errors: [] });

    const failing = file('fail.json', {
      version: 1,
      name: 'Sessions locked down',
      cookies: [{ name: 'connect.sid', secure: true, httpOnly: true, prefix: '__Host-', reason: 'OWASP session management' }],
      rules: { 'weak-secret': 'error' },
    });
    const bad = await cli(['audit', shop, '--policy', failing, '--format', 'json', '--quiet', ...HOSTS]);
    expect(bad.code).toBe(1);
    const report = expectValidReport<AuditReport>(bad.stdout);
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

  it('crawls same-site links to --depth and writes to --output', async () => {
    const out = join(dir, 'crawl.json');
    const run = await cli(['audit', shop, '--depth', '1', '--output', out, '--format', 'json', ...HOSTS]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const report = expectValidReport<AuditReport>(readFileSync(out, 'utf8'));
    // shop.test links to app.shop.test (same site) and to /login; the logout link is skipped.
    expect(run.stderr).toMatch(new RegExp(`\\[\\d/\\d\\] ${demo.url('app.shop.test').replace(/[.]/g, '\\.')}`));
    expect(run.stderr).not.toContain('/logout');
    expect(report.pages).toContain(demo.url('shop.test', '/login'));
    expect(report.cookies.some((c) => c.domain === 'app.shop.test')).toBe(true);
  });
});
