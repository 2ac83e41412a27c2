// Web storage beside cookies (issue 20, parts 1–2), in real Chromium on the local single-page app (spa.test:
// Express + jsonwebtoken from npm) that keeps its JWT and refresh token in localStorage: the popup and the real
// DevTools panel list the items with the JWT decoded and the token-in-web-storage finding; the panel's delete
// really removes the item from the page and Undo puts it back; the audit reports the finding in its formats.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { findChromium } from '../../src/cli/chromium';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { expectValidReport } from '../judges';
import { cli, file, HOSTS } from './cli';
import { launch, openPanel, openPopup, poll, type Session } from './harness';
import { screenshot } from './screenshots';

describe('web storage in the popup, the panel and the audit, on a real single-page app', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let session: Session;
  let page: Page;
  const downloads = mkdtempSync(join(tmpdir(), 'cookie-lens-spa-'));

  beforeAll(async () => {
    demo = await startDemo();
    session = await launch();
    page = await session.browser.newPage();
    await page.goto(demo.url('spa.test'), { waitUntil: 'load' });
    await page.click('#login');
    await page.waitForFunction(() => document.getElementById('who')?.textContent === 'Signed in as ada');
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  const pageStorage = () => page.evaluate(() => ({ refresh: localStorage.getItem('refresh_token'), access: localStorage.getItem('access_token') }));

  it('popup: the Storage tab lists the JWT decoded (sub ada) and flags it high; the finding is in Findings', async () => {
    const popup = await openPopup(session, page);
    await popup.waitForSelector('.finding[data-rule="token-in-web-storage"]');
    const finding = await popup.$eval('.finding[data-rule="token-in-web-storage"]', (f) => f.textContent ?? '');
    expect(finding).toMatch(/High/);
    await (await popup.waitForSelector('[role="tab"][data-tab="storage"]'))?.click();
    const row = await popup.waitForSelector('.storage-item[data-key="access_token"]');
    expect(await row?.evaluate((r) => r.textContent)).toMatch(/localStorage.*JSON Web Token.*High.*an OAuth access token, a JWT with a subject \(sub\)/);
    await (await row?.$('.storage-key'))?.click();
    const decoded = await popup.$eval('.storage-item[data-key="access_token"] .storage-decoded', (p) => JSON.parse(p.textContent ?? '{}'));
    expect(decoded.claims).toMatchObject({ sub: 'ada', scope: 'orders:read' });
    const keys = await popup.$$eval('.storage-item', (items) => items.map((i) => `${i.getAttribute('data-area')}:${i.getAttribute('data-key')}`));
    expect(keys).toEqual(expect.arrayContaining(['local:access_token', 'local:refresh_token', 'local:theme', 'session:spa_state', 'session:frame_note']));
    // The cross-origin widget frame is named as not read, never silently left out.
    expect(await popup.$eval('.storage-unreadable', (s) => s.textContent)).toMatch(/widget\.test.*cross-origin frame/);
    expect(await popup.$eval('.storage-idb', (s) => s.textContent)).toMatch(/spa-cache v1.*users \(2 records\)/);
    // Its size on disk, from Chrome's own estimate (navigator.storage.estimate's usageDetails).
    expect(await popup.$eval('[data-testid="idb-bytes"]', (p) => p.textContent)).toMatch(
      /^https:\/\/spa\.test:\d+: about [\d.,]+ (KB|bytes) on disk, by the browser's estimate$/,
    );
    await screenshot(popup, 'popup-storage');
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await popup.waitForSelector(':root.theme-dark');
    await screenshot(popup, 'popup-storage-dark');
    await popup.close();
  });

  describe('the real DevTools panel', () => {
    let panel: Frame;
    let devtools: Page;
    beforeAll(async () => {
      ({ panel, devtools } = await openPanel(session, page));
      await (await panel.waitForSelector('[role="tab"][data-view="storage"]'))?.click();
    }, 60_000);

    it('reads the same items through inspectedWindow.eval, and the IndexedDB names through the worker', async () => {
      await panel.waitForSelector('.storage-item[data-key="refresh_token"]');
      expect(await panel.$eval('.storage-item[data-key="refresh_token"]', (r) => r.textContent)).toMatch(
        /High.*a refresh token \(by its name, refresh_token\)/,
      );
      expect(await panel.$eval('.storage-item[data-key="frame_note"] .storage-value', (v) => v.textContent)).toBe('kept by the same-origin frame');
      expect(await panel.$eval('.storage-idb', (s) => s.textContent)).toMatch(/users \(2 records\)/);
    });

    it('delete removes the item from the page; Undo writes it back; an edit is written as typed', async () => {
      const before = await pageStorage();
      expect(before.refresh).toBeTruthy();
      await (await panel.waitForSelector('.storage-item[data-key="refresh_token"] .storage-actions button:nth-child(2)'))?.click();
      await poll(async () => (await pageStorage()).refresh === null);
      await poll(async () => (await panel.$$('.storage-item[data-key="refresh_token"]')).length === 0);
      await (await panel.waitForSelector('.storage-done button'))?.click();
      await poll(async () => (await pageStorage()).refresh === before.refresh);
      await panel.waitForSelector('.storage-item[data-key="refresh_token"]');

      await (await panel.waitForSelector('.storage-item[data-key="theme"] .storage-actions button'))?.click();
      const area = await panel.waitForSelector('.storage-item[data-key="theme"] textarea');
      await area?.evaluate((t) => {
        (t as HTMLTextAreaElement).value = '';
      });
      await area?.type('light <b>"x"</b>');
      await (await panel.waitForSelector('.storage-item[data-key="theme"] .storage-edit button'))?.click();
      await poll(async () => (await page.evaluate(() => localStorage.getItem('theme'))) === 'light <b>"x"</b>');
      // Rendered as text: the markup is characters on screen, not an element.
      await poll(
        async () => (await panel.$eval('.storage-item[data-key="theme"] .storage-value', (v) => v.textContent).catch(() => '')) === 'light <b>"x"</b>',
      );
      expect(await panel.$$('.storage-item[data-key="theme"] .storage-value b')).toHaveLength(0);
      await screenshot(devtools, 'panel-storage');
    });

    it('the storageState export carries localStorage: Playwright loads it into a new context that is signed in', async () => {
      const cdp = await session.browser.target().createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
      await (await panel.waitForSelector('[role="tab"][data-view="cookies"]'))?.click();
      await panel.waitForSelector('details.menu');
      await panel.$eval('details.menu', (d) => ((d as HTMLDetailsElement).open = true));
      await (await panel.waitForSelector('[data-export="storage-state-file"]'))?.click();
      const state = await poll(() => {
        try {
          return JSON.parse(readFileSync(join(downloads, 'storage-state.json'), 'utf8'));
        } catch {
          return undefined;
        }
      });
      const origin = new URL(demo.url('spa.test')).origin;
      const local = state.origins.find((o: { origin: string }) => o.origin === origin)?.localStorage as { name: string; value: string }[];
      expect(local.map((i) => i.name).sort()).toEqual(['access_token', 'refresh_token', 'theme']);
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: findChromium(), args: ['--host-resolver-rules=MAP *.test 127.0.0.1'] });
      try {
        const context = await browser.newContext({ storageState: join(downloads, 'storage-state.json'), ignoreHTTPSErrors: true });
        const fresh = await context.newPage();
        await fresh.goto(demo.url('spa.test'));
        await fresh.waitForFunction(() => document.getElementById('who')?.textContent !== '…');
        // The app reads its token from localStorage and the API accepts it: the session came across whole.
        expect(await fresh.textContent('#who')).toBe('Signed in as ada');
      } finally {
        await browser.close();
      }
    });

    it('importing that storageState in the panel writes its localStorage back: the signed-out app is signed in again', async () => {
      await page.click('#logout');
      await page.waitForFunction(() => document.getElementById('who')?.textContent === 'Signed out');
      const input = await panel.waitForSelector('input[type="file"]');
      await (input as import('puppeteer-core').ElementHandle<HTMLInputElement>).uploadFile(join(downloads, 'storage-state.json'));
      expect(await (await panel.waitForSelector('[data-testid="import-origins"]'))?.evaluate((p) => p.textContent)).toMatch(/3 items for https:\/\/spa\.test/);
      await (await panel.waitForSelector('.import-dialog button.primary'))?.click();
      await poll(async () => /Wrote 3 localStorage items\./.test((await panel.$eval('.toast', (t) => t.textContent).catch(() => '')) ?? ''));
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(() => document.getElementById('who')?.textContent === 'Signed in as ada');
    });
  });

  it('the audit reads the storage itself and reports the tokens in JSON and SARIF', async () => {
    const login = file('spa-login.json', {
      start: demo.url('spa.test'),
      steps: [{ click: '#login' }, { waitForSelector: '#who:not(:empty)' }],
    });
    const json = await cli(['audit', demo.url('spa.test'), '--login', login, '--format', 'json', ...HOSTS]);
    const report = expectValidReport<AuditReport>(json.stdout);
    expect(report.errors, json.stderr).toEqual([]);
    const tokens = report.findings.filter((f) => f.rule === 'token-in-web-storage');
    expect(tokens.map((f) => f.severity)).toEqual(['high', 'high']);
    const messages = tokens.map((f) => f.message).sort();
    expect(messages[0]).toMatch(/^localStorage "access_token" of https:\/\/spa\.test:\d+ holds an OAuth access token, a JWT with a subject \(sub\)/);
    expect(messages[1]).toMatch(/^localStorage "refresh_token" of https:\/\/spa\.test:\d+ holds a refresh token/);
    expect(report.storage?.find((i) => i.key === 'access_token')).toMatchObject({ area: 'local', format: 'jwt', credential: { kind: 'access-token' } });
    const sarif = await cli(['audit', demo.url('spa.test'), '--login', login, '--format', 'sarif', ...HOSTS]);
    const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; level: string; message: { text: string } }[];
    const own = results.filter((r) => r.ruleId.startsWith('token-in-web-storage'));
    expect(own.map((r) => r.level)).toEqual(['error', 'error']);
    expect(own.map((r) => r.message.text).join('\n')).toContain('"access_token"');
  });
});
