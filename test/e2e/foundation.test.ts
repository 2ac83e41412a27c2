/// <reference types="chrome" />
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopSite } from '../../demo/shop-site.mjs';
import type { Cookie } from '../../src/core/cookie';
import type { TimelinePage } from '../../src/core/timeline';
import {
  awaitWorkerRestart,
  extensionPage,
  launch,
  type NetworkLog,
  openPanel,
  openPopup,
  poll,
  type Session,
  stopWorker,
  watchExtensionNetwork,
} from './harness';
import { screenshot } from './screenshots';

describe('Cookie Lens in Chromium, end to end', () => {
  let site: Awaited<ReturnType<typeof startShopSite>>;
  let session: Session;
  let network: NetworkLog;
  let page: Page;

  beforeAll(async () => {
    site = await startShopSite();
    session = await launch();
    network = watchExtensionNetwork(session);
    page = await session.browser.newPage();
    await page.goto(site.url('shop.test'), { waitUntil: 'load' });
  });

  afterAll(async () => {
    await session?.close();
    await site?.close();
  });

  const timeline = (): Promise<TimelinePage> => session.request('getTimeline', {});
  const recorded = async (name: string) => (await timeline()).entries.filter((e) => e.cookie.name === name && !e.removed).at(-1)?.cookie;

  it('the worker records the site cookies with their real flags, domain cookies and partitions included', async () => {
    const byName = await poll(async () => {
      const entries = (await timeline()).entries;
      const map = new Map<string, Cookie>(entries.map((e) => [e.cookie.name, e.cookie]));
      return map.size >= 6 ? map : undefined;
    });
    expect(byName.get('sessionid')).toMatchObject({ httpOnly: true, secure: false, sameSite: 'lax', hostOnly: true, domain: 'shop.test', session: true });
    expect(byName.get('__Host-csrf')).toMatchObject({ httpOnly: false, secure: true, sameSite: 'strict', path: '/' });
    expect(byName.get('lang')).toMatchObject({ domain: '.shop.test', hostOnly: false, secure: true, session: false });
    expect(byName.get('theme')?.sameSite).toBe('unspecified');
    expect(byName.get('auth_token')).toMatchObject({ sameSite: 'no_restriction', secure: true });
    expect(byName.get('widget_state')).toMatchObject({
      domain: 'widget.test',
      partitionKey: { topLevelSite: 'https://shop.test', hasCrossSiteAncestor: true },
    });
  });

  it('the real DevTools panel lists every cookie with type badges and warnings', async () => {
    const { panel, devtools } = await openPanel(session, page);
    const rows = await poll(async () => {
      const r = await panel.$$eval('.grid-row[data-cookie]', (trs) =>
        trs.map((tr) => ({
          name: tr.getAttribute('data-cookie'),
          badges: [...tr.querySelectorAll('.badge')].map((b) => b.textContent),
          worst: tr.querySelector('.issue')?.getAttribute('data-rule') ?? null,
          text: tr.textContent ?? '',
        })),
      );
      return r.length >= 6 ? r : undefined;
    });
    const row = (name: string) => rows.find((r) => r.name === name);
    expect(rows.map((r) => r.name).sort()).toEqual(['__Host-csrf', 'auth_token', 'lang', 'sessionid', 'theme', 'widget_state']);
    expect(row('sessionid')?.badges).toEqual(['Session', 'HttpOnly']);
    expect(row('sessionid')?.worst).toBe('missing-secure');
    expect(row('theme')?.badges).toEqual(['Persistent']);
    expect(row('lang')?.badges).toEqual(['Persistent', 'Secure']);
    expect(row('widget_state')?.badges).toEqual(['Session', 'Secure', 'Partitioned', 'Third-party']);
    expect(row('widget_state')?.text).toContain('https://shop.test');
    expect(row('__Host-csrf')?.worst).toBeNull();
    expect(devtools).toBeTruthy();

    // The page changes a cookie; the panel follows without a reload.
    await page.evaluate(() => {
      document.cookie = 'theme=light; path=/; max-age=600; secure; samesite=lax';
    });
    await poll(() => panel.$eval('.grid-row[data-cookie="theme"]', (tr) => (tr.textContent ?? '').includes('light') && tr.querySelector('.issue') === null));
    await page.evaluate(() => {
      document.cookie = 'added_later=1; path=/; secure';
    });
    await poll(() => panel.$('.grid-row[data-cookie="added_later"]'));
  });

  it('the real popup grades the site and explains each finding in one line', async () => {
    const popup = await openPopup(session, page);
    await popup.waitForSelector('.finding');
    const findings = await popup.$$eval('.finding', (lis) =>
      lis.map((li) => ({
        rule: li.getAttribute('data-rule'),
        message: li.querySelector('.finding-message')?.textContent,
        summary: li.querySelector('.finding-summary')?.textContent,
      })),
    );
    expect(await popup.$eval('.site', (e) => e.textContent)).toBe('shop.test');
    expect(findings[0]).toMatchObject({ rule: 'missing-secure', message: expect.stringContaining('sessionid') });
    expect(findings.every((f) => (f.summary ?? '').length > 10)).toBe(true);
    const counts = await popup.$$eval('.count', (els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-count'), Number(e.querySelector('dd')?.textContent)])),
    );
    expect(counts).toMatchObject({ session: expect.any(Number), persistent: expect.any(Number), 'third-party': 1 });
    expect(counts.session + counts.persistent).toBe(7);
    expect(await popup.$eval('.grade-letter', (e) => e.textContent)).toMatch(/^(A\+|[A-DF])$/);
    await screenshot(popup, 'popup');
    await popup.close();
  });

  it('the toolbar badge counts the high and medium findings of the tab', async () => {
    const worker = await session.worker();
    const tabId = await poll(() => worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://shop.test/*' }))[0]?.id));
    const text = await poll(() => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId));
    const page = await session.request('getReport', { tabId });
    expect(Number(text)).toBe((page.report?.findings ?? []).filter((f) => f.severity === 'high' || f.severity === 'medium').length);
  });

  it('after the worker is stopped and started again the timeline holds every earlier event and records new ones', async () => {
    const before = await timeline();
    expect(before.entries.length).toBeGreaterThanOrEqual(7);
    await stopWorker(session, page);

    // A cookie change wakes the worker again.
    await page.evaluate(() => {
      document.cookie = 'after_restart=yes; path=/; secure';
    });
    await awaitWorkerRestart(session);
    const after = await poll(async () => {
      const t = await timeline();
      return t.entries.some((e) => e.cookie.name === 'after_restart') ? t : undefined;
    });
    expect(after.entries.slice(0, before.entries.length).map((e) => [e.seq, e.cookie.name, e.cause, e.removed])).toEqual(
      before.entries.map((e) => [e.seq, e.cookie.name, e.cause, e.removed]),
    );
    expect(after.entries.at(-1)?.seq).toBe(before.nextSeq);
    // The restarted worker compared the store with its snapshot and found nothing it had missed.
    expect(after.entries.filter((e) => e.missed)).toEqual([]);
    expect((await recorded('after_restart'))?.value).toBe('yes');
  });

  it('the extension itself made no network request during the whole run', async () => {
    expect(network.requests).toEqual([]);
    expect(network.refused).toEqual([]);
    // The watcher does see a request an extension page tries to make (the CSP refuses it).
    const probe = await extensionPage(session);
    await probe.evaluate((url) => fetch(url).catch(() => undefined), site.url('shop.test', '/empty'));
    await poll(() => network.refused.length + network.requests.length > 0);
  });
});
