// `--login` reports the whole logged-in state — every cookie, every rule — plus the flow's own findings,
// on real apps that keep their flags wrong: the Express demo (express-session) and a Flask app (Debian's
// python3-flask) whose session and remember_token lack Secure and whose JWT is signed with "secret".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { startFlask } from '../../demo/flask.mjs';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { expectValidReport } from '../judges';
import { cli, file, HOSTS } from './cli';

describe('cookie-lens audit --login', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let flask: NonNullable<Awaited<ReturnType<typeof startFlask>>>;

  beforeAll(async () => {
    demo = await startDemo();
    const started = await startFlask();
    if (!started) throw new Error('python3-flask is not installed (apt-get install -y python3-flask; .ci/run installs it).');
    flask = started;
  });
  afterAll(async () => {
    await demo?.close();
    flask?.close();
  });

  const expressSteps = (host: string) =>
    file(`login-${host}.json`, {
      start: demo.url(host, '/login'),
      steps: [
        { fill: 'input[name=user]', value: 'ada' },
        { fill: 'input[name=password]', value: 'pw' },
        { click: '#login', waitForNavigation: true },
      ],
      logout: [{ goto: demo.url(host, '/logout') }],
    });

  it('Express that keeps its session id at login: the flow finding AND every ordinary finding, each cookie with its phase', async () => {
    const run = await cli([
      'audit',
      demo.url('fixed.shop.test'),
      '--login',
      expressSteps('fixed.shop.test'),
      '--format',
      'json',
      '--fail-on',
      'high',
      ...HOSTS,
    ]);
    expect(run.code, run.stderr).toBe(1);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.errors).toEqual([]);
    const sidFindings = report.findings.filter((f) => f.cookie?.name === 'connect.sid').map((f) => `${f.rule}/${f.severity}`);
    expect(sidFindings).toEqual(expect.arrayContaining(['session-not-rotated/high', 'missing-secure/high', 'weak-secret/high']));
    expect(report.grade).not.toBe('A+');
    const sid = report.cookies.find((c) => c.name === 'connect.sid');
    expect(sid).toMatchObject({ phase: 'logged-in', decoded: { format: 'express-session', knownSecret: 'keyboard cat' } });
    // Every cookie of the audit carries a phase; the target page was visited before logging in.
    for (const c of report.cookies) expect(['before-login', 'logged-in', 'after-logout']).toContain(c.phase);
    expect(report.pages).toEqual(expect.arrayContaining([demo.url('fixed.shop.test'), demo.url('fixed.shop.test', '/login')]));
    // The password typed at login is in no report.
    expect(run.stdout).not.toContain('"pw"');
    expect(run.stderr).toContain('Login: logging in');
  });

  it('Express that rotates its session id: no session-not-rotated, the ordinary findings still there', async () => {
    const run = await cli(['audit', demo.url('shop.test'), '--login', expressSteps('shop.test'), '--format', 'json', '--quiet', ...HOSTS]);
    expect(run.code, run.stderr).toBe(0);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.findings.filter((f) => f.rule === 'session-not-rotated')).toEqual([]);
    // Both destroy the session at logout, so neither keeps the logged-in cookie.
    expect(report.findings.filter((f) => f.rule === 'session-not-cleared-on-logout')).toEqual([]);
    expect(report.findings.filter((f) => f.cookie?.name === 'connect.sid').map((f) => f.rule)).toEqual(
      expect.arrayContaining(['missing-secure', 'weak-secret']),
    );
  });

  it('Flask with default flags: session and remember_token lack Secure, the JWT is signed with "secret" — 3 highs, not A+', async () => {
    const login = file('login-flask.json', {
      start: flask.url('/login'),
      steps: [
        { fill: 'input[name=user]', value: 'ada' },
        { click: '#login', waitForNavigation: true },
      ],
      logout: [{ goto: flask.url('/logout') }],
    });
    const run = await cli(['audit', flask.url('/'), '--login', login, '--format', 'json', '--fail-on', 'high', ...HOSTS]);
    expect(run.code, run.stderr).toBe(1);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.errors).toEqual([]);
    const highs = report.findings.filter((f) => f.severity === 'high').map((f) => `${f.cookie?.name} ${f.rule}`);
    expect(highs).toEqual(expect.arrayContaining(['session missing-secure', 'remember_token missing-secure', 'access_token weak-secret']));
    expect(report.grade).not.toBe('A+');
    const byName = Object.fromEntries(report.cookies.map((c) => [c.name, c]));
    expect(byName.remember_token).toMatchObject({ phase: 'logged-in', role: 'auth' });
    expect(byName.access_token).toMatchObject({ phase: 'logged-in', decoded: { format: 'jwt', knownSecret: 'secret' } });
    expect(byName.session).toMatchObject({ phase: 'logged-in', framework: 'Flask', decoded: { format: 'flask', knownSecret: 'dev' } });
    // The text report a developer reads says the same.
    const text = await cli(['audit', flask.url('/'), '--login', login, '--quiet', ...HOSTS]);
    expect(text.stdout).not.toMatch(/A\+ .*0 findings/);
    expect(text.stdout).toMatch(/HIGH \([3-9]\d*\)/);
  });

  it('`cookie-lens start` (what npm start runs): the Express and Flask demos and the login flow, nothing left out', async () => {
    const run = await cli(['start', '--format', 'json', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/skipped|did not start/);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.errors).toEqual([]);
    expect(report.pages.map((p) => new URL(p).hostname)).toEqual(
      expect.arrayContaining(['shop.test', 'app.shop.test', 'bad.test', 'flask.test', 'fixed.shop.test']),
    );
    expect(report.findings.map((f) => f.rule)).toContain('session-not-rotated');
    expect(report.cookies.find((c) => c.domain === 'flask.test' && c.name === 'session')?.decoded).toMatchObject({ format: 'flask', knownSecret: 'dev' });
  });
});
