// The worker's own response log (webRequest), in real Chromium: third-party cookies of a page's frames and
// which response set each reach the popup without DevTools, and the log survives the worker being stopped.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { launch, openPopup, poll, type Session, stopWorker, tabIdOf } from './harness';
import { screenshot } from './screenshots';

describe('responses the worker sees itself', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    demo = await startDemo();
    session = await launch({ thirdPartyCookies: true });
    page = await session.browser.newPage();
    await page.goto(demo.url('shop.test'), { waitUntil: 'load' });
  });
  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  it("the popup lists the tracker iframe's unpartitioned cookie, with its finding and the response that set it", async () => {
    const popup = await openPopup(session, page);
    await popup.waitForSelector('.finding');
    await popup.click('[role="tab"][data-tab="cookies"]');
    await poll(() => popup.$$eval('.cookie-pick-name', (els) => els.some((e) => e.textContent === '_tid')));
    const item = await popup.$$eval('.cookie-list li', (lis) =>
      lis.map((li) => ({ name: li.querySelector('.cookie-pick-name')?.textContent, setBy: li.querySelector('[data-testid="set-by"]')?.textContent })),
    );
    const tid = item.find((i) => i.name === '_tid');
    expect(tid?.setBy).toMatch(/^Set by https:\/\/tracker\.test:\d+\/pixel$/);
    expect(item.find((i) => i.name === 'connect.sid')?.setBy).toMatch(/^Set by https:\/\/shop\.test:\d+\//);
    await popup.click('[role="tab"][data-tab="findings"]');
    const findings = await popup.$$eval('.finding', (els) => els.map((e) => e.textContent ?? ''));
    expect(findings.some((t) => t.includes('_tid'))).toBe(true);
    await popup.click('[role="tab"][data-tab="cookies"]');
    await popup.setViewport({ width: 380, height: 760 });
    await screenshot(popup, 'popup-cookies-set-by');
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await screenshot(popup, 'popup-cookies-set-by-dark');
    await popup.close();
  });

  it('a stopped worker loses no recorded response: the new one reads the log back from storage.session', async () => {
    const tabId = await tabIdOf(session, demo.url('shop.test'));
    await stopWorker(session, page);
    const report = await session.request('getReport', { tabId });
    const setBy = Object.fromEntries((report.report?.cookies ?? []).map((c) => [c.name, c.setBy?.url ?? '']));
    // The tracker's frame and its Set-Cookie were seen by the worker that was stopped; a new one answers now.
    expect(setBy._tid).toMatch(/^https:\/\/tracker\.test:\d+\/pixel$/);
    expect(setBy['connect.sid']).toMatch(/^https:\/\/shop\.test:\d+\//);
  });
});
