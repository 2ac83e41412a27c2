// Sessions checked against the server (issue 18): with a logged-in probe in the login file, the audit replays
// the logged-in cookies after logout in a fresh browser (WSTG-SESS-06) and plays a fixation attack with an
// attacker's and a victim's browser (WSTG-SESS-03) — on real frameworks: express-session done right (shop.test)
// and done wrong (fixed.shop.test: no regenerate at login, no destroy at logout), Flask's default cookie session
// (Debian's python3-flask) and Django's database session (python3-django).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { startDjango, startFlask } from '../../demo/flask.mjs';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { expectJunitValid, expectMultitoolClean, expectValidReport } from '../judges';
import { cli, file, HOSTS } from './cli';

const LIFECYCLE = ['session-valid-after-logout', 'session-fixation', 'session-not-rotated', 'session-not-cleared-on-logout'];

describe('cookie-lens audit --login with a logged-in probe: the server side of sessions', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let flask: { url(path?: string): string; close(): unknown };
  let django: { url(path?: string): string; close(): unknown };

  beforeAll(async () => {
    demo = await startDemo();
    const [f, d] = await Promise.all([startFlask(), startDjango()]);
    if (!f || !d) throw new Error('python3-flask and python3-django are needed (.ci/run installs them).');
    [flask, django] = [f, d];
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
    flask?.close();
    django?.close();
  });

  const express = (host: string, probe: Record<string, string> = { text: 'Signed in as' }) =>
    file(`login-session-${host}-${Object.values(probe).join('-').replace(/\W+/g, '_')}.json`, {
      start: demo.url(host, '/login'),
      steps: [
        { fill: 'input[name=user]', value: 'ada' },
        { click: '#login', waitForNavigation: true },
      ],
      logout: [{ goto: demo.url(host, '/logout') }],
      loggedIn: { url: demo.url(host, '/account'), ...probe },
    });
  const audit = async (url: string, login: string) => {
    const run = await cli(['audit', url, '--login', login, '--format', 'json', ...HOSTS]);
    return { run, report: expectValidReport<AuditReport>(run.stdout) };
  };
  const lifecycle = (report: AuditReport) => report.findings.filter((f) => LIFECYCLE.includes(f.rule)).map((f) => `${f.rule} ${f.cookie?.name ?? ''}`.trim());

  it('express-session that regenerates at login and destroys at logout: no lifecycle finding', async () => {
    const { run, report } = await audit(demo.url('shop.test'), express('shop.test'));
    expect(report.errors, run.stderr).toEqual([]);
    expect(lifecycle(report)).toEqual([]);
    expect(run.stderr).toContain('Session: replaying the logged-in cookies after logout in a fresh browser');
    expect(run.stderr).toContain('Session: planting a pre-login session id in a victim browser (fixation)');
  });

  it('express-session that does neither: valid after logout (server-side), fixation confirmed, and not rotated — together', async () => {
    const { run, report } = await audit(demo.url('fixed.shop.test'), express('fixed.shop.test'));
    expect(report.errors, run.stderr).toEqual([]);
    expect(lifecycle(report).sort()).toEqual(['session-fixation connect.sid', 'session-not-rotated connect.sid', 'session-valid-after-logout connect.sid']);
    const valid = report.findings.find((f) => f.rule === 'session-valid-after-logout');
    expect(valid?.message).toMatch(
      /replayed in a fresh browser still log in: https:\/\/fixed\.shop\.test:\d+\/account shows "Signed in as"\. The session lives on the server, which did not destroy it at logout\./,
    );
    expect(valid?.severity).toBe('high');
    expect(report.findings.find((f) => f.rule === 'session-fixation')?.message).toMatch(
      /"connect\.sid" planted before login was still the victim's after login, and the attacker's browser was then logged in/,
    );
    // In every report format, judged by their consumers: SARIF (Microsoft's multitool, GitHub's rules) and JUnit (xmllint).
    const sarif = await cli(['audit', demo.url('fixed.shop.test'), '--login', express('fixed.shop.test'), '--format', 'sarif', ...HOSTS]);
    expect(sarif.stdout).toMatch(/"ruleId":\s*"session-fixation\/high"/);
    expectMultitoolClean(sarif.stdout);
    const junit = await cli(['audit', demo.url('fixed.shop.test'), '--login', express('fixed.shop.test'), '--format', 'junit', ...HOSTS]);
    expect(junit.stdout).toContain('session-valid-after-logout');
    expectJunitValid(junit.stdout);
  });

  it('Flask’s default session: valid after logout, explained as client-side (it cannot be revoked)', async () => {
    const login = file('login-session-flask.json', {
      start: flask.url('/login'),
      steps: [{ click: '#login', waitForNavigation: true }],
      logout: [{ goto: flask.url('/logout') }],
      loggedIn: { url: flask.url('/account'), text: 'Signed in as' },
    });
    const { run, report } = await audit(flask.url('/'), login);
    expect(report.errors, run.stderr).toEqual([]);
    const valid = report.findings.find((f) => f.rule === 'session-valid-after-logout');
    expect(valid?.cookie?.name).toBe('session');
    expect(valid?.message).toMatch(/The session lives in the cookie itself \(client-side\), so the server cannot revoke it at logout/);
    // No session cookie before login: nothing to plant, said so, no fixation finding.
    expect(lifecycle(report)).not.toContain('session-fixation session');
    expect(run.stderr).toContain('no session cookie before login: nothing an attacker could plant');
  });

  it('Django’s database session: logout ends it on the server, no lifecycle finding', async () => {
    const login = file('login-session-django.json', {
      start: django.url('/login/'),
      steps: [
        { fill: '#id_username', value: 'alice' },
        { fill: '#id_password', value: 'correct-horse' },
        { click: 'button[type="submit"]', waitForNavigation: true },
      ],
      logout: [{ goto: django.url('/logout/') }],
      loggedIn: { url: django.url('/account/'), text: 'Signed in as alice' },
    });
    const { run, report } = await audit(django.url('/login/'), login);
    expect(report.errors, run.stderr).toEqual([]);
    expect(lifecycle(report)).toEqual([]);
  });

  it('timeouts: an idle check against a 2-second idle timeout and against none, an absolute check, judged by the policy', async () => {
    const idleRun = await cli(['audit', demo.url('idle.shop.test'), '--login', express('idle.shop.test'), '--idle-check', '3', '--format', 'json', ...HOSTS]);
    const idle = expectValidReport<AuditReport>(idleRun.stdout);
    expect(idle.errors, idleRun.stderr).toEqual([]);
    expect(idle.findings.find((f) => f.rule === 'idle-timeout-too-long')).toMatchObject({
      severity: 'info',
      message: 'Logged out after 3 seconds idle: the idle timeout is at most 3 seconds.',
    });
    expect(idleRun.stderr).toContain('Session: idle for 3 s (no request), then the logged-in probe');
    // No idle timeout at all, and a policy that allows 2 s idle and 2 s of use: both medium findings.
    const policy = file('policy-session.json', { version: 1, session: { maxIdle: 2, maxLifetime: 2 } });
    const run = await cli([
      'audit',
      demo.url('shop.test'),
      '--login',
      express('shop.test'),
      '--idle-check',
      '3',
      '--absolute-check',
      '3',
      '--policy',
      policy,
      '--format',
      'json',
      ...HOSTS,
    ]);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.errors, run.stderr).toEqual([]);
    const timed = report.findings
      .filter((f) => f.rule === 'idle-timeout-too-long' || f.rule === 'lifetime-too-long')
      .map((f) => [f.rule, f.severity, f.cookie?.name]);
    expect(timed).toEqual([
      ['idle-timeout-too-long', 'medium', 'connect.sid'],
      ['lifetime-too-long', 'medium', 'connect.sid'],
    ]);
    expect(report.findings.find((f) => f.rule === 'idle-timeout-too-long')?.message).toMatch(
      /^Still logged in after 3 seconds idle \(https:\/\/shop\.test:\d+\/account shows "Signed in as"\); the policy allows at most 2 seconds\.$/,
    );
  });

  it('a probe that cannot tell the states apart, or a login the probe says failed, is an audit error (exit 3)', async () => {
    const always = await audit(demo.url('shop.test'), express('shop.test', { url: demo.url('shop.test', '/'), text: 'Demo shop' }));
    expect(always.run.code).toBe(3);
    expect(always.report.errors[0]?.message).toMatch(/before login the logged-in probe .* already says logged in: it cannot tell the two states apart/);
    const never = await audit(demo.url('shop.test'), express('shop.test', { text: 'Signed in as nobody' }));
    expect(never.run.code).toBe(3);
    expect(never.report.errors[0]?.message).toMatch(/the login steps ran, but the logged-in probe .* says logged out: the login failed/);
  });
});
