/// <reference types="chrome" />
// The real popup at 3,300 cookies — 150 of the site and 3,150 partitioned under it on 18 widget domains (CHIPS
// keeps at most 180 cookies per embedded site and partition): findings grouped, the compact report small,
// the DOM a few hundred elements, the cookies of a group listed on demand. Times are `npm run bench -- popup`.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHttps } from '../../demo/tls.mjs';
import { launchWithExtension } from '../../src/cli/extension-browser';
import { DIST, openPopup, type Session, tabIdOf } from './harness';
import { fillJar, PER_WIDGET, SITE_COOKIES, WIDGETS } from './jar';
import { screenshot } from './screenshots';

describe('the popup at 3,300 cookies', () => {
  let site: Awaited<ReturnType<typeof serveHttps>>;
  let session: Session;
  let page: Page;
  beforeAll(async () => {
    site = await serveHttps((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>shop</title><p>shop</p>');
    });
    session = await launchWithExtension({ extensionDir: DIST, hostResolverRules: 'MAP *.test 127.0.0.1', ignoreHttpsErrors: true });
    await fillJar(session);
    page = await session.browser.newPage();
    await page.goto(site.url('shop.test'), { waitUntil: 'load' });
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await site?.close();
  });

  it('the compact report of all 3,300 cookies stays under 300 KB', async () => {
    const tabId = await tabIdOf(session, site.url('shop.test'));
    const reply = await session.request('getReport', { tabId, compact: true });
    expect(reply.compact?.cookies.length).toBe(SITE_COOKIES + WIDGETS * PER_WIDGET);
    expect(reply.report).toBeUndefined();
    const bytes = JSON.stringify(reply).length;
    console.log(`compact report of ${reply.compact?.cookies.length} cookies: ${bytes} bytes`);
    expect(bytes).toBeLessThan(300 * 1024);
  });

  it('findings are grouped, partitioned cookies are no samesite-none finding, and the DOM stays small', async () => {
    const popup = await openPopup(session, page);
    await popup.waitForSelector('.finding-group');
    const counts = await popup.$$eval('.counts .count', (els) => els.map((e) => e.textContent));
    const groups = await popup.$$eval('.finding', (els) => els.map((e) => ({ rule: e.getAttribute('data-rule'), count: e.getAttribute('data-count') })));
    expect(groups.some((g) => g.rule === 'samesite-none')).toBe(false);
    // 50 session cookies share each of their findings: one item each, its cookies listed when opened.
    const group = groups.find((g) => Number(g.count) === SITE_COOKIES / 3);
    expect(group).toBeDefined();
    const item = `.finding-group[data-rule="${group?.rule}"]`;
    expect(await popup.$(`${item} .group-cookies`)).toBeNull();
    await screenshot(popup, 'popup-3300');
    await popup.click(`${item} summary`);
    expect(await popup.$$eval(`${item} .group-cookies li`, (li) => li.length)).toBe(SITE_COOKIES / 3);
    // However many cookies share a finding, it is one item.
    expect(groups.length).toBeLessThan(30);
    const elements = await popup.evaluate(() => document.querySelectorAll('*').length);
    console.log(`popup at 3,300 cookies: ${groups.length} finding items, ${elements} elements; ${JSON.stringify(counts)}`);
    expect(elements).toBeLessThan(1500);
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await screenshot(popup, 'popup-3300-group-dark');
    await popup.close();
  });

  it('the cookies list is paged: 3,300 cookies, a few hundred rows, more on demand', async () => {
    const popup = await openPopup(session, page);
    await (await popup.waitForSelector('[role="tab"][data-tab="cookies"]'))?.click();
    await popup.waitForSelector('.cookie-list li');
    const before = await popup.$$eval('.cookie-list li', (li) => li.length);
    expect(before).toBeLessThan(400);
    const more = await popup.$('.cookie-group .more');
    expect(more).not.toBeNull();
    await more?.click();
    await popup.waitForFunction((n) => document.querySelectorAll('.cookie-list li').length > n, {}, before);
    await popup.close();
  });
});
