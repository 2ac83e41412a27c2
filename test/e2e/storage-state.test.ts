// A ready session for the test tools (issue 20, parts 3–4): `--save-storage-state` after a `--login` writes a
// Playwright storageState that Playwright itself (playwright-core from npm, driving Debian's Chromium) loads into a
// new context that is logged in on the local app; `--storage-state` starts an audit from it; the curl export,
// replayed with curl, gets the logged-in page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { findChromium } from '../../src/cli/chromium';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { toCurl } from '../../src/core/tool-exports';
import { expectValidReport } from '../judges';
import { cli, dir, file, HOSTS, runIn } from './cli';

describe('storageState in and out of the audit, judged by Playwright and curl', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo?.close();
  });

  const login = () =>
    file('login-state.json', {
      start: demo.url('fixed.shop.test', '/login'),
      steps: [{ click: '#login', waitForNavigation: true }],
      logout: [{ goto: demo.url('fixed.shop.test', '/logout') }],
    });

  /** Loads /account in Playwright with this storageState; returns what the page says. */
  async function playwrightAccount(stateFile: string): Promise<string> {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--host-resolver-rules=MAP *.test 127.0.0.1'] });
    try {
      const context = await browser.newContext({ storageState: stateFile, ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(demo.url('fixed.shop.test', '/account'));
      return (await page.textContent('p')) ?? '';
    } finally {
      await browser.close();
    }
  }

  it('--save-storage-state after --login is a logged-in session Playwright loads; --storage-state starts an audit from it', async () => {
    const state = join(dir, 'state.json');
    const run = await cli(['audit', demo.url('fixed.shop.test'), '--login', login(), '--save-storage-state', state, '--format', 'json', ...HOSTS]);
    expect(run.code, run.stderr).not.toBe(3);
    expect(run.stderr).toMatch(/Storage state written to .*state\.json \(\d+ cookies\)/);
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    const sid = saved.cookies.find((c: { name: string; domain: string }) => c.name === 'connect.sid' && c.domain === 'fixed.shop.test');
    expect(sid).toMatchObject({ path: '/', httpOnly: true, secure: false, sameSite: 'Lax', expires: -1 });
    // Saved logged in, before the logout steps ran: Playwright's own browser is signed in with it.
    expect(await playwrightAccount(state)).toBe('Signed in as ada');

    const again = await cli(['audit', demo.url('fixed.shop.test', '/account'), '--storage-state', state, '--format', 'json', ...HOSTS]);
    const report = expectValidReport<AuditReport>(again.stdout);
    expect(report.errors, again.stderr).toEqual([]);
    expect(report.cookies.find((c) => c.name === 'connect.sid')?.value).toBe(sid.value);
    expect(again.stderr).toMatch(/Starting from the storage state .*state\.json \(\d+ cookies\)/);
    // The curl export of those cookies, run by curl, gets the logged-in page too.
    const cookies = saved.cookies.map((c: { name: string; value: string; domain: string; path: string }) => ({
      name: c.name,
      value: c.value,
      domain: c.domain.replace(/^\./, ''),
      hostOnly: !c.domain.startsWith('.'),
      path: c.path,
      secure: false,
      httpOnly: true,
      sameSite: 'lax' as const,
      session: true,
      storeId: '0',
    }));
    const command = toCurl(cookies, demo.url('fixed.shop.test', '/account')).split('\n')[0];
    const m = /^curl -b '([^']*)' '([^']*)'$/.exec(command);
    if (!m) throw new Error(`not a curl command: ${command}`);
    const port = new URL(m[2]).port;
    // Asynchronously: a synchronous child would block this process, which serves the site curl asks.
    const curl = await runIn(dir, 'curl', ['-sk', '--resolve', `fixed.shop.test:${port}:127.0.0.1`, '-b', m[1], m[2]]);
    expect(curl.code).toBe(0);
    expect(curl.output).toContain('Signed in as ada');
  });

  it('a storageState Playwright itself wrote after logging in starts an audit that is logged in', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--host-resolver-rules=MAP *.test 127.0.0.1'] });
    const state = join(dir, 'playwright-state.json');
    try {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(demo.url('fixed.shop.test', '/login'));
      await Promise.all([page.waitForNavigation(), page.click('#login')]);
      await context.storageState({ path: state });
    } finally {
      await browser.close();
    }
    const written = JSON.parse(readFileSync(state, 'utf8'));
    const sid = written.cookies.find((c: { name: string }) => c.name === 'connect.sid');
    expect(sid, 'Playwright saved the session cookie').toBeDefined();
    const run = await cli(['audit', demo.url('fixed.shop.test', '/account'), '--storage-state', state, '--format', 'json', ...HOSTS]);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.errors, run.stderr).toEqual([]);
    expect(run.stderr).toMatch(new RegExp(`Starting from the storage state .*playwright-state\\.json \\(${written.cookies.length} cookies\\)`));
    const audited = report.cookies.find((c) => c.name === 'connect.sid');
    expect(audited).toMatchObject({ value: sid.value, domain: 'fixed.shop.test', hostOnly: true, httpOnly: true });
  });

  it('cookie-lens convert turns the saved state into curl (curl gets the logged-in page) and Puppeteer cookies (a fresh browser is logged in)', async () => {
    const state = join(dir, 'state-convert.json');
    const run = await cli(['audit', demo.url('fixed.shop.test'), '--login', login(), '--save-storage-state', state, '--format', 'json', ...HOSTS]);
    expect(run.code, run.stderr).not.toBe(3);
    const account = demo.url('fixed.shop.test', '/account');

    const curl = await cli(['convert', state, '--to', 'curl', '--url', account]);
    expect(curl.code, curl.stderr).toBe(0);
    expect(curl.stderr).toMatch(/Converted \d+ cookies from .*state-convert\.json \(a Playwright storageState\) to curl\./);
    const m = /^curl -b '([^']*)' '([^']*)'$/m.exec(curl.stdout);
    if (!m) throw new Error(`no curl command in: ${curl.stdout}`);
    expect(m[2]).toBe(account);
    const port = new URL(account).port;
    const replay = await runIn(dir, 'curl', ['-sk', '--resolve', `fixed.shop.test:${port}:127.0.0.1`, '-b', m[1], m[2]]);
    expect(replay.output).toContain('Signed in as ada');

    const pptr = await cli(['convert', state, '--to', 'puppeteer']);
    expect(pptr.code, pptr.stderr).toBe(0);
    const { launch } = await import('puppeteer-core');
    const browser = await launch({
      executablePath: findChromium(),
      args: ['--host-resolver-rules=MAP *.test 127.0.0.1', '--no-sandbox'],
      acceptInsecureCerts: true,
    });
    try {
      await browser.setCookie(...JSON.parse(pptr.stdout));
      const page = await browser.newPage();
      await page.goto(account);
      expect(await page.$eval('p', (p) => p.textContent)).toBe('Signed in as ada');
    } finally {
      await browser.close();
    }

    const broken = file('broken-state.json', { cookies: [{ name: 'a', value: 1, domain: 'x.test' }] });
    const bad = await cli(['convert', broken, '--to', 'curl']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('item 1 ("a"): "value" must be a string.');
  });

  it('a storageState that is not one is bad usage (exit 2), before the browser starts', async () => {
    const bad = file('not-state.json', { cookies: [{ name: 'x' }] });
    const run = await cli(['audit', demo.url('shop.test'), '--storage-state', bad, ...HOSTS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not-state\.json: item 1 \("x"\): "value" must be a string; "domain" must be a host name\./);
  });
});
