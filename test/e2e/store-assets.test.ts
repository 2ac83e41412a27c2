// The store listing images, made from the real extension on the demo shop: screenshots at 1280×800 (the
// size the Chrome Web Store and addons.mozilla.org take) of the panel and the popup, and the 440×280 promo tile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { DIST, extensionPage, launch, type Session, tabIdOf } from './harness';
import { STORE, screenshot } from './screenshots';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** The extension page at a store size, the page's own styles untouched but for a backdrop around a narrow page. */
async function atStoreSize(page: Page, backdrop: boolean): Promise<void> {
  await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
  // The extension's CSP forbids style elements; styles set from script (CSSOM) are allowed.
  if (backdrop)
    await page.evaluate(() => {
      document.documentElement.style.background = '#e8eef6';
      Object.assign(document.body.style, { margin: '48px auto', boxShadow: '0 8px 32px #0003', borderRadius: '8px' });
    });
}

describe('store listing images', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let session: Session;
  let tabId: number;

  beforeAll(async () => {
    demo = await startDemo();
    session = await launch();
    const shop = await session.browser.newPage();
    await shop.goto(demo.url('shop.test'), { waitUntil: 'load' });
    tabId = await tabIdOf(session, demo.url('shop.test'));
  });
  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  it('the panel at 1280×800: the shop’s cookies, one selected with its details', async () => {
    const panel = await extensionPage(session);
    await panel.goto(`chrome-extension://${session.extensionId}/src/devtools/panel.html?tabId=${tabId}`);
    await atStoreSize(panel, false);
    await (await panel.waitForSelector('.grid-row[data-cookie="connect.sid"]'))?.click();
    await panel.waitForSelector('.detail');
    expect(pngSize(await screenshot(panel, 'store-panel-1280x800', STORE))).toEqual([1280, 800]);
  });

  it('the popup at 1280×800: grade and findings, one explained with its fix', async () => {
    const popup = await extensionPage(session);
    await popup.goto(`chrome-extension://${session.extensionId}/src/popup/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('.finding');
    await popup.click('[data-rule="weak-secret"] summary');
    await popup.waitForSelector('[data-rule="weak-secret"] .fix-code');
    await atStoreSize(popup, true);
    expect(pngSize(await screenshot(popup, 'store-popup-1280x800', STORE))).toEqual([1280, 800]);
  });

  it('the promo tile at 440×280: the icon, the name and what it does', async () => {
    const tile = await session.browser.newPage();
    await tile.setViewport({ width: 440, height: 280, deviceScaleFactor: 1 });
    const icon = readFileSync(join(DIST, 'icons/icon-128.png')).toString('base64');
    await tile.setContent(`<!doctype html><html><body style="margin:0;width:440px;height:280px;display:flex;align-items:center;gap:24px;padding:0 32px;box-sizing:border-box;background:linear-gradient(135deg,#1d3557,#3a6ea5);font-family:system-ui,sans-serif;color:#fff">
      <img src="data:image/png;base64,${icon}" width="112" height="112" alt="">
      <div><div style="font-size:34px;font-weight:700">Cookie Lens</div>
      <div style="font-size:17px;line-height:1.35;margin-top:8px">Every cookie and session of the site you are on: what it is for, what is wrong with it, how to fix it.</div></div></body></html>`);
    expect(pngSize(await screenshot(tile, 'store-promo-440x280', STORE))).toEqual([440, 280]);
  });
});
