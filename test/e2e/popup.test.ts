/// <reference types="chrome" />
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { POPUP_PATH } from '../../src/cli/extension-browser';
import { launch, openPopup, poll, type Session } from './harness';
import { screenshot } from './screenshots';

describe('the popup in Chromium, on the demo shop', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let session: Session;
  let page: Page;
  let popup: Page;

  beforeAll(async () => {
    demo = await startDemo();
    session = await launch();
    page = await session.browser.newPage();
    await page.goto(demo.url('shop.test'), { waitUntil: 'load' });
    popup = await openPopup(session, page);
    await popup.waitForSelector('.finding');
  });

  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  it('grades the site and lists its findings worst first', async () => {
    expect(await popup.$eval('.site', (e) => e.textContent)).toBe('shop.test');
    const grade = await popup.$eval('.grade-letter', (e) => e.textContent);
    const score = Number((await popup.$eval('.grade-score', (e) => e.textContent))?.replace(/^score /, ''));
    // connect.sid without Secure and signed with "keyboard cat": two high findings, so no better than C.
    expect(['C', 'D', 'F']).toContain(grade);
    expect(score).toBeLessThan(80);
    // Labelled, with what it means for this site: "F" alone reads like the tool failed.
    expect(await popup.$eval('.grade-label', (e) => e.textContent)).toBe('Cookie grade');
    expect(await popup.$eval('[data-testid="grade-meaning"]', (e) => e.textContent)).toMatch(
      /\d+ high-risk problems?.*Start with the high-risk ones\..*not Cookie Lens/,
    );
    const findings = await popup.$$eval('.finding', (lis) =>
      lis.map((li) => ({ rule: li.getAttribute('data-rule'), severity: li.querySelector('.severity')?.textContent })),
    );
    expect(findings.slice(0, 2).every((f) => f.severity === 'High')).toBe(true);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['missing-secure', 'weak-secret', 'default-session-name']));
    const counts = await popup.$$eval('.count', (els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-count'), Number(e.querySelector('dd')?.textContent)])),
    );
    expect(counts).toMatchObject({ session: 3, persistent: 2 });
  });

  it('explains a finding: what was seen, what it means, the attack, the fix per framework', async () => {
    await popup.click('[data-rule="weak-secret"] summary');
    const text = await popup.$eval('[data-rule="weak-secret"]', (el) => el.textContent ?? '');
    expect(text).toMatch(/What we saw\. "connect\.sid": host shop\.test/);
    expect(text).toMatch(/What it means\..*keyboard cat/s);
    expect(text).toMatch(/Why it matters\..*account takeover/s);
    const tabs = await popup.$$('[data-rule="weak-secret"] .fix-tablist button');
    for (const t of tabs) if ((await t.evaluate((e) => e.textContent)) === 'Express') await t.click();
    await poll(() => popup.$eval('[data-rule="weak-secret"] .fix-code', (e) => (e.textContent ?? '').includes('process.env.SESSION_SECRET')));
    await screenshot(popup, 'popup');
  });

  it('"would this cookie be sent?" gives the jar model\'s answer for the real cookies', async () => {
    await popup.click('[data-tab="send"]');
    await popup.waitForSelector('[data-testid="send-verdict"]');
    const options = await popup.$$eval('select[name="cookie"] option', (os) => os.map((o) => [o.value, o.textContent ?? '']));
    const pick = async (name: string) => {
      const value = options.find(([, label]) => label.startsWith(`${name} —`))?.[0];
      await popup.select('select[name="cookie"]', value ?? '');
    };
    await pick('__Host-csrf');
    await popup.select('select[name="method"]', 'GET');
    await poll(async () => /is not sent.*SameSite=Strict/s.test(await popup.$eval('[data-testid="send-verdict"]', (e) => e.textContent ?? '')));
    await pick('connect.sid');
    await poll(async () => /✓ "connect\.sid" is sent/.test(await popup.$eval('[data-testid="send-verdict"]', (e) => e.textContent ?? '')));
    await popup.select('select[name="method"]', 'POST');
    await poll(async () => /✗ "connect\.sid" is not sent.*Lax/s.test(await popup.$eval('[data-testid="send-verdict"]', (e) => e.textContent ?? '')));
    await screenshot(popup, 'popup-send');
    await popup.click('[data-tab="learn"]');
    await popup.waitForSelector('.lesson');
    await screenshot(popup, 'popup-learn');
  });

  it('lists the Set-Cookie headers the browser refused, with why, and folds a 5 KB one', async () => {
    const bad = await session.browser.newPage();
    await bad.goto(demo.url('bad.test', '/long'), { waitUntil: 'load' });
    const shown = await openPopup(session, bad);
    await (await shown.waitForSelector('[role="tab"][data-tab="cookies"]'))?.click();
    const item = await shown.waitForSelector('[data-testid="rejected"][data-name="huge"]');
    expect(await item?.$eval('.rejected-header', (c) => c.textContent?.length)).toBe(161);
    expect(await item?.evaluate((li) => li.textContent)).toMatch(
      /Name and value are 5004 bytes; browsers ignore cookies over 4096\. From https:\/\/bad\.test:\d+\/long/,
    );
    await (await item?.$('button'))?.click();
    await poll(
      async () => (await item?.$eval('.rejected-header', (c) => c.textContent?.length)) === 'huge='.length + 5000 + '; Path=/long; SameSite=None'.length,
    );
    // The popup stays as wide as its window: the long header wraps.
    expect(await shown.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shown.close();
    await bad.close();
  });

  it('says plainly when the tab shows a browser page', async () => {
    const blank = await session.browser.newPage();
    await blank.goto('chrome://version');
    const p = await openPopup(session, blank);
    await p.waitForSelector('.empty');
    expect(await p.$eval('.empty', (e) => e.textContent)).toMatch(/browser page|chrome: page/);
    await p.close();
    await blank.close();
  });

  it('fits a 360-pixel-wide window without horizontal scrolling', async () => {
    const tab = await session.browser.newPage();
    await tab.setViewport({ width: 360, height: 640 });
    // The popup page opened as a tab reads the active tab, which is itself: give it the shop page instead.
    await page.bringToFront();
    await tab.goto(`chrome-extension://${session.extensionId}${POPUP_PATH}`);
    await tab.waitForSelector('main, .empty');
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await tab.close();
  });

  it('opens the full cookie table for the page in a tab, without DevTools', async () => {
    const fresh = await openPopup(session, page);
    await fresh.waitForSelector('.popup-footer button');
    await fresh.click('.popup-footer button');
    const target = await session.browser.waitForTarget((t) => /\/src\/devtools\/panel\.html\?tabId=\d+$/.test(t.url()), { timeout: 10_000 });
    const table = (await target.asPage()) as Page;
    await poll(async () => {
      const names = await table.$$eval('.grid-row[data-cookie]', (rows) => rows.map((r) => r.getAttribute('data-cookie')));
      return ['connect.sid', '__Host-csrf', 'theme'].every((n) => names.includes(n));
    });
    expect(await table.$eval('[data-testid="summary"]', (e) => e.textContent)).toMatch(/^shop\.test/);
    await table.close();
  });
});
