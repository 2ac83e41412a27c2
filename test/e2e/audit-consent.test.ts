// `cookie-lens audit --consent` (issue 19) against sites with real consent managers from npm: Klaro done wrong
// (the tag runs on arrival) and CookieConsent v3 done right (the tag waits for consent); the banners are found
// and operated by @duckduckgo/autoconsent in three fresh profiles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsentSites } from '../../demo/consent-site.mjs';
import { startDemo } from '../../demo/express-app.mjs';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { expectJunitValid, expectMultitoolClean, expectValidReport } from '../judges';
import { cli, file, HOSTS } from './cli';

const TRACKERS = ['_fbp', '_ga', '_gid'];

describe('cookie-lens audit --consent', () => {
  let sites: Awaited<ReturnType<typeof startConsentSites>>;
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    [sites, demo] = await Promise.all([startConsentSites(), startDemo()]);
  });
  afterAll(async () => {
    await sites?.close();
    await demo?.close();
  });

  const policy = () => file('policy-consent.json', { version: 1, consent: { before: ['necessary'], afterReject: ['necessary', 'preference'] } });
  const audit = async (url: string, ...args: string[]) => {
    const run = await cli(['audit', url, '--consent', ...args, '--format', 'json', ...HOSTS]);
    return { run, report: expectValidReport<AuditReport>(run.stdout) };
  };
  const names = (report: AuditReport, phase: string) =>
    report.consent
      ?.find((p) => p.phase === phase)
      ?.cookies.map((c) => c.name)
      .sort();
  const ruleCookies = (report: AuditReport, rule: string) =>
    report.findings
      .filter((f) => f.rule === rule)
      .map((f) => f.cookie?.name)
      .sort();

  it('Klaro with the tag on arrival: analytics and advertising cookies before consent and after "Reject all"', async () => {
    const { run, report } = await audit(sites.url('klaro.test'), '--policy', policy());
    expect(report.errors, run.stderr).toEqual([]);
    expect(report.consent?.map((p) => [p.phase, p.cmp])).toEqual([
      ['before', 'Klaro'],
      ['accept', 'Klaro'],
      ['reject', 'Klaro'],
    ]);
    expect(names(report, 'before')).toEqual(TRACKERS);
    expect(ruleCookies(report, 'tracking-before-consent')).toEqual(TRACKERS);
    expect(ruleCookies(report, 'tracking-after-reject')).toEqual(TRACKERS);
    const ga = report.findings.find((f) => f.rule === 'tracking-before-consent' && f.cookie?.name === '_ga');
    expect(ga?.message).toBe(
      '"_ga" (Google Analytics analytics, per the Open Cookie Database) was set before any consent (the Klaro banner was still unanswered).',
    );
    // The policy by purpose fails the audit, naming each cookie and phase.
    expect(run.code).toBe(1);
    expect(report.policy?.violations.map((v) => `${v.requirement} ${v.cookie.name}`).sort()).toEqual(
      [
        'consent.before _fbp',
        'consent.before _ga',
        'consent.before _gid',
        'consent.afterReject _fbp',
        'consent.afterReject _ga',
        'consent.afterReject _gid',
      ].sort(),
    );
    expect(report.consent?.find((p) => p.phase === 'reject')?.remembered).toBe(true);
    // Klaro's own cookie, as Klaro wrote it after "Reject all", read as the choice.
    expect(report.cookies.find((c) => c.name === 'klaro')?.decoded).toEqual({ format: 'klaro-consent', payload: { services: { analytics: false } } });
  });

  it('CookieConsent v3 that waits for consent: nothing before, the tag after "Accept all", only the choice after "Reject all"', async () => {
    const { run, report } = await audit(sites.url('cc.test'), '--policy', policy());
    expect(report.errors, run.stderr).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    expect(names(report, 'before')).toEqual([]);
    expect(names(report, 'accept')).toEqual(['_fbp', '_ga', '_gid', 'cc_cookie']);
    expect(names(report, 'reject')).toEqual(['cc_cookie']);
    expect(report.findings.filter((f) => ['tracking-before-consent', 'tracking-after-reject', 'consent-not-remembered'].includes(f.rule))).toEqual([]);
    expect(report.policy?.violations).toEqual([]);
    const choice = report.cookies.find((c) => c.name === 'cc_cookie')?.decoded;
    expect(choice?.format).toBe('cookieconsent-v3');
    expect((choice?.payload as { categories?: string[] } | undefined)?.categories).toContain('necessary');
  });

  it('one phase with --consent before; SARIF and JUnit for CI, judged by their consumers', async () => {
    const { report } = await audit(sites.url('klaro.test'), 'before');
    expect(report.consent?.map((p) => p.phase)).toEqual(['before']);
    const sarif = await cli(['audit', sites.url('klaro.test'), '--consent', 'before', '--format', 'sarif', ...HOSTS]);
    expect(sarif.stdout).toMatch(/"ruleId":\s*"tracking-before-consent\/high"/);
    expectMultitoolClean(sarif.stdout);
    const junit = await cli(['audit', sites.url('klaro.test'), '--consent', 'before', '--format', 'junit', ...HOSTS]);
    expect(junit.stdout).toContain('tracking-before-consent');
    expect(junit.stdout).toMatch(/<testcase name="consent phase before: https:\/\/klaro\.test:\d+\/"/);
    expectJunitValid(junit.stdout);
    const md = await cli(['audit', sites.url('klaro.test'), '--consent', 'before', '--format', 'markdown', ...HOSTS]);
    expect(md.stdout).toMatch(/## Consent phases[\s\S]*\| before consent \| Klaro \| {2}\| analytics: `_ga`, `_gid`; advertising: `_fbp` \|/);
  });

  it('a site without a banner: the accept phase is an audit error (exit 3) with the reason, never a clean phase', async () => {
    const { run, report } = await audit(demo.url('shop.test'), 'accept');
    expect(run.code).toBe(3);
    expect(report.errors).toEqual([
      { url: demo.url('shop.test'), stage: 'consent', message: 'phase accept: could not accept consent: autoconsent found no consent banner it knows' },
    ]);
    const bad = await cli(['audit', demo.url('shop.test'), '--consent', 'rejekt', ...HOSTS]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--consent takes before, accept or reject .*not "rejekt" \(did you mean reject\?\)/);
  });
});
