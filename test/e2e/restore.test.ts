// "Restore this value" in the real DevTools panel (issue 18, part 5): on the Express store that only clears the
// browser's cookie at logout (fixed.shop.test), restoring the logged-in connect.sid from the timeline logs the
// browser in again — the server never ended the session, and a developer sees it by hand.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { findChromium } from '../../src/cli/chromium';
import { launch, openPanel, poll, type Session } from './harness';

describe('restoring a logged-out session from the timeline, in the real panel', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let session: Session;
  let page: Page;
  let panel: Frame;
  const downloads = mkdtempSync(join(tmpdir(), 'cookie-lens-state-'));

  beforeAll(async () => {
    demo = await startDemo();
    session = await launch();
    page = await session.browser.newPage();
    ({ panel } = await openPanel(session, page));
    const cdp = await session.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  const signedIn = async () => {
    await page.goto(demo.url('fixed.shop.test', '/account'), { waitUntil: 'load' });
    return page.$eval('p', (p) => p.textContent ?? '');
  };

  it('brings the logged-out express-session back: the account page says "Signed in as" again', async () => {
    await page.goto(demo.url('fixed.shop.test', '/login'), { waitUntil: 'load' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#login')]);
    expect(await signedIn()).toBe('Signed in as ada');
    await page.goto(demo.url('fixed.shop.test', '/logout'), { waitUntil: 'load' });
    expect(await signedIn()).toMatch(/^Not signed in/);

    await (await panel.waitForSelector('[role="tab"][data-view="timeline"]'))?.click();
    // The newest change of connect.sid is the logout's: its row restores the logged-in cookie.
    const button = await poll(async () => (await panel.$$('.timeline-table tr[data-cookie="connect.sid"] [data-testid="restore"]'))[0]);
    await button.click();
    await poll(async () => /Restored "connect\.sid"/.test((await panel.$eval('.toast', (t) => t.textContent).catch(() => '')) ?? ''));
    expect(await signedIn()).toBe('Signed in as ada');
  });

  it('the panel’s Playwright storageState export is a session Playwright itself loads, logged in', async () => {
    await page.goto(demo.url('fixed.shop.test', '/account'), { waitUntil: 'load' });
    await (await panel.waitForSelector('[role="tab"][data-view="cookies"]'))?.click();
    await poll(async () => (await panel.$$('.grid-row[data-cookie="connect.sid"]')).length > 0);
    await panel.$eval('details.menu', (d) => ((d as HTMLDetailsElement).open = true));
    await (await panel.waitForSelector('[data-export="storage-state-file"]'))?.click();
    const file = join(downloads, 'storage-state.json');
    const state = await poll(() => {
      try {
        return JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return undefined;
      }
    });
    expect(state.cookies.some((c: { name: string }) => c.name === 'connect.sid')).toBe(true);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--host-resolver-rules=MAP *.test 127.0.0.1'] });
    try {
      const context = await browser.newContext({ storageState: file, ignoreHTTPSErrors: true });
      const p = await context.newPage();
      await p.goto(demo.url('fixed.shop.test', '/account'));
      expect(await p.textContent('p')).toBe('Signed in as ada');
    } finally {
      await browser.close();
    }
  });
});
