// The report formats, judged by the tools that consume them: the JSON Schema of the report (ajv), the
// official SARIF 2.1.0 schema (ajv) and Microsoft's SARIF multitool with GitHub's ingestion rules, the
// Jenkins JUnit XSD (xmllint), a CommonMark renderer, and a terminal's view of the text report.
import { execFileSync } from 'node:child_process';
import type { Log } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuditReport, buildAuditReport, renderReport } from '../../src/core/formats/index';
import { mergeAuditReports } from '../../src/core/formats/merge';
import { analyze } from '../../src/core/report';
import { makeCookie } from '../helpers';
import { expectJunitValid, expectMultitoolClean, expectSarifSchema, expectValidReport, markdownHtml, multitoolResults } from '../judges';

/** Hostile names a site can choose: a Markdown image, an HTML tag, terminal escapes, U+FFFF. */
const HOSTILE = [
  '![t](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '\u001b[2J\u001b]0;pwned\u0007x',
  'bad\uFFFFname',
  '[link](https://evil.example)',
];

const SUB_JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaWF0IjoxNzY3MjI1NjAwLCJleHAiOjE3NjcyMjkyMDB9.c2lnbmF0dXJlLW5vdC1jaGVja2Vk';

async function sampleReport(): Promise<AuditReport> {
  const cookies = [
    makeCookie({ name: 'connect.sid', value: 's%3Aabc123.L3URH8qEUlRhbJErOXuJ%2FR5i21GJUY02kERb2c2p5w0', secure: false }),
    makeCookie({ name: 'theme', value: 'dark', secure: false }),
    ...HOSTILE.map((name) => makeCookie({ name, value: 'v', secure: false })),
  ];
  // Web storage with a session JWT and the hostile names as keys and values.
  const local: [string, string, number][] = [['access_token', SUB_JWT, SUB_JWT.length], ...HOSTILE.map((k): [string, string, number] => [k, k, k.length])];
  const first = await analyze(cookies, {
    url: 'https://shop.example/',
    storage: [{ frameUrl: 'https://shop.example/', origin: 'https://shop.example', local, session: [] }],
  });
  const second = await analyze([makeCookie({ name: 'PHPSESSID', value: 'k2j3', domain: 'app.shop.example', secure: false })], {
    url: 'https://app.shop.example/',
  });
  return buildAuditReport({
    tool: { name: 'cookie-lens', version: '1.2.3' },
    generatedAt: '2026-12-01T12:00:00.000Z',
    targets: ['https://shop.example/', 'https://app.shop.example/'],
    reports: [first, second],
    errors: [{ url: 'https://down.example/', stage: 'load', message: 'the host name does not resolve (DNS: ERR_NAME_NOT_RESOLVED)' }],
    durationMs: 4321,
    policy: { file: 'policy.json', policy: { version: 1, cookies: [{ name: 'connect.sid', secure: true }] } },
  });
}

let report: AuditReport;
beforeAll(async () => {
  report = await sampleReport();
});

describe('JSON report', () => {
  it('matches schemas/report.schema.json (errors, phases, purposes, located findings)', () => {
    expectValidReport(report);
    expect(report.errors).toHaveLength(1);
    // A cookie seen on the second target is located there, not at the first.
    expect(report.findings.find((f) => f.cookie?.name === 'PHPSESSID')?.url).toBe('https://app.shop.example/');
  });

  it('login phases: a cookie the logged-in state holds is logged-in; one seen only after logout is after-logout', async () => {
    const url = 'https://shop.example/';
    const at = async (names: string[], phase: 'before-login' | 'logged-in' | 'after-logout') => ({
      ...(await analyze(
        names.map((name) => makeCookie({ name })),
        { url },
      )),
      phase,
    });
    const built = buildAuditReport({
      tool: { name: 'cookie-lens', version: '1' },
      generatedAt: '2026-12-01T12:00:00.000Z',
      targets: [url],
      reports: [await at(['anon', 'sid'], 'before-login'), await at(['sid', 'remember'], 'logged-in'), await at(['bye'], 'after-logout')],
    });
    expectValidReport(built);
    expect(Object.fromEntries(built.cookies.map((c) => [c.name, c.phase]))).toEqual({
      sid: 'logged-in',
      remember: 'logged-in',
      anon: 'before-login',
      bye: 'after-logout',
    });
  });

  it("pages audited in parallel see each other's cookies: a cookie is attributed to the page whose response set it", async () => {
    const cookie = makeCookie({ name: 'p3' });
    const seenFirst = await analyze([cookie], { url: 'https://shop.example/p5' });
    const setHere = await analyze([{ ...cookie }], {
      url: 'https://shop.example/p3',
      setCookies: [{ url: 'https://shop.example/p3', header: 'p3=v; Secure; HttpOnly; SameSite=Lax' }],
    });
    const built = buildAuditReport({
      tool: { name: 'cookie-lens', version: '1' },
      generatedAt: '2026-12-01T12:00:00.000Z',
      targets: [],
      reports: [seenFirst, setHere],
    });
    expect(built.cookies[0]).toMatchObject({ page: 'https://shop.example/p3', setBy: { url: 'https://shop.example/p3' } });
  });

  it('merge: two shards become one report with every cookie, finding and error once', async () => {
    const merged = mergeAuditReports([report, report]);
    expectValidReport(merged);
    expect(merged.cookies).toHaveLength(report.cookies.length);
    expect(merged.findings).toHaveLength(report.findings.length);
    expect(merged.errors).toHaveLength(1);
    expect(merged.score).toBe(report.score);
  });
});

describe('web storage in every format', () => {
  const token = 'localStorage "access_token" of https://shop.example holds an OAuth access token, a JWT with a subject (sub)';
  it('JSON: the items (hostile keys included) and the high token-in-web-storage finding, located at the origin', () => {
    expect(report.storage?.map((i) => i.key)).toEqual(['access_token', ...HOSTILE]);
    expect(report.storage?.[0]).toMatchObject({ area: 'local', format: 'jwt', credential: { kind: 'access-token', severity: 'high' } });
    const f = report.findings.find((x) => x.rule === 'token-in-web-storage');
    expect(f).toMatchObject({ severity: 'high', url: 'https://shop.example', cookie: null });
    expect(f?.message).toContain(token);
  });

  it('SARIF, JUnit, Markdown and the terminal each carry the finding; Markdown and the terminal list the items', () => {
    const sarif = JSON.parse(renderReport(report, 'sarif')) as Log;
    expect(sarif.runs[0].results?.filter((r) => r.ruleId?.startsWith('token-in-web-storage')).map((r) => r.level)).toEqual(['error']);
    expect(renderReport(report, 'junit')).toContain('token-in-web-storage: localStorage &quot;access_token&quot;');
    const md = renderReport(report, 'markdown');
    expect(md).toContain('## Web storage (6)');
    expect(md).toContain(
      '| `https://shop.example` | localStorage | `access_token` | jwt | high: an OAuth access token\\, a JWT with a subject \\(sub\\) | 134 |',
    );
    const text = renderReport(report, 'text');
    expect(text).toContain('WEB STORAGE (6)');
    expect(text).toContain('[token-in-web-storage]');
  });
});

describe('SARIF for GitHub code scanning', () => {
  it('the multitool with GitHub rules on does catch what code scanning refuses (an https location, no region)', () => {
    const old = { ...JSON.parse(renderReport(report, 'sarif')) } as Log;
    const result = old.runs[0].results?.[0];
    if (result?.locations?.[0]?.physicalLocation) result.locations[0].physicalLocation = { artifactLocation: { uri: 'https://shop.example/' } };
    const ids = multitoolResults(JSON.stringify(old)).map((r) => r.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['GH1003', 'GH1005']));
  });

  it('passes the official schema and the SARIF multitool with GitHub ingestion rules: 0 errors, 0 GH results', () => {
    const text = renderReport(report, 'sarif', { sarifFile: 'app/settings.py' });
    expectSarifSchema(JSON.parse(text));
    expectMultitoolClean(text);
  });

  it('locations are relative paths with a region, fingerprints stable, levels and security-severity per severity', () => {
    const sarif = JSON.parse(renderReport(report, 'sarif')) as Log;
    const [run] = sarif.runs;
    const rules = run.tool.driver.rules ?? [];
    for (const r of run.results ?? []) {
      const loc = r.locations?.[0]?.physicalLocation;
      expect(loc?.artifactLocation?.uri).toMatch(/^cookie-lens\/[a-z0-9.-]+\.cookies$/);
      expect(loc?.region?.startLine).toBe(1);
      expect(r.partialFingerprints?.['cookieLens/v1']).toMatch(/^[0-9a-f]{16}$/);
      const rule = rules[r.ruleIndex ?? -1];
      expect(rule.id).toBe(r.ruleId);
      const severity = (r.properties as { severity: string }).severity;
      expect(rule.properties?.['security-severity']).toBe({ high: '8.0', medium: '5.0', low: '3.0', info: '1.0' }[severity]);
      expect(r.level).toBe({ high: 'error', medium: 'warning', low: 'note', info: 'note' }[severity]);
      expect(rule.help?.text?.length).toBeGreaterThan(20);
    }
    // A low missing-secure is Low, not the rule's worst severity.
    const low = run.results?.find((r) => r.ruleId === 'missing-secure/low');
    expect(rules[low?.ruleIndex ?? -1].properties?.['security-severity']).toBe('3.0');
    expect(rules.find((r) => r.id.startsWith('policy-violation'))?.help?.text).toMatch(/cookie policy/);
    // The same cookie and rule give the same fingerprint on every run.
    const again = JSON.parse(renderReport(report, 'sarif')) as Log;
    expect(again.runs[0].results?.map((r) => r.partialFingerprints)).toEqual(run.results?.map((r) => r.partialFingerprints));
  });

  it('an audit with errors is an unsuccessful run, with a notification per error', () => {
    const sarif = JSON.parse(renderReport(report, 'sarif')) as Log;
    const invocation = sarif.runs[0].invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.toolExecutionNotifications?.map((n) => n.message.text)).toEqual([
      'Could not audit https://down.example/ (load): the host name does not resolve (DNS: ERR_NAME_NOT_RESOLVED)',
    ]);
  });
});

describe('JUnit XML', () => {
  it('validates against the Jenkins JUnit XSD (xmllint), even with U+FFFF and control characters in cookie names', () => {
    expectJunitValid(renderReport(report, 'junit', { failOn: 'high' }));
  });

  it('one case per cookie with all its problems in one <failure>, classname by host, time, errors as <error>', () => {
    const xml = renderReport(report, 'junit', { failOn: 'high' });
    const sid = /<testcase name="connect\.sid \(\/\)" classname="cookie-lens\.shop_example" time="0\.000">\s*<failure message="([^"]+)"/.exec(xml);
    expect(sid?.[1]).toMatch(/^\d problems: \[high\] /);
    for (const part of ['[high] missing-secure: ', '[high] weak-secret: ', '[policy secure]']) expect(sid?.[1]).toContain(part);
    expect(xml).toMatch(
      /<testcase name="could not audit \(load\): https:\/\/down\.example\/" classname="cookie-lens\.down_example" time="0\.000">\s*<error message="the host name does not resolve/,
    );
    expect(xml).toMatch(/<testsuite [^>]*time="4\.321"/);
    expect(xml).not.toContain('\uFFFF');
  });

  it('failures are exactly what fails the audit: without --fail-on only policy violations and errors, the rest in system-out', () => {
    const xml = renderReport(report, 'junit');
    const theme = /<testcase name="theme \(\/\)"[^>]*>([\s\S]*?)<\/testcase>/.exec(xml)?.[1] ?? '';
    expect(theme).not.toContain('<failure');
    expect(theme).toContain('<system-out>[low] missing-secure');
    const failing = [...xml.matchAll(/<failure message="([^"]*)"/g)].map((m) => m[1]);
    expect(failing).toEqual(['[policy secure] &quot;connect.sid&quot; must be Secure.']);
  });
});

describe('site text is inert in every format', () => {
  it('Markdown: rendered by a CommonMark renderer, the site forms no image, link or HTML', () => {
    const md = renderReport(report, 'markdown');
    const html = markdownHtml(md);
    expect(html).not.toMatch(/<img|<a |<script/);
    expect(html).toContain('<code>&lt;img src=x onerror=alert(1)&gt;</code>');
    // The names are still there, as code.
    expect(html).toContain('<code>![t](https://evil.example/p.png)</code>');
  });

  it('terminal: no escape or control character of a cookie name reaches the terminal', () => {
    const text = renderReport(report, 'text');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('\\x1b[2J');
    expect(text.startsWith('COULD NOT AUDIT (1)')).toBe(true);
  });

  it('xmllint is installed (Debian libxml2-utils), as .ci/run provides', () => {
    expect(execFileSync('xmllint', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBeDefined();
  });
});
