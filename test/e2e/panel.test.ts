/// <reference types="chrome" />
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, XSS_COOKIES } from '../../demo/express-app.mjs';
import { expectMultitoolClean, expectValidReport } from '../judges';
import { awaitWorkerRestart, launch, openPanel, poll, rowNames, type Session, setFilter, stopWorker } from './harness';
import { screenshot } from './screenshots';

/** Clicks the element with this text, waiting for it to appear (renders follow asynchronous answers). */
async function clickText(panel: Frame, selector: string, text: string) {
  const handle = await poll(async () => {
    for (const h of await panel.$$(selector)) if ((await h.evaluate((el) => el.textContent?.trim())) === text) return h;
    return undefined;
  });
  await handle.click();
}

describe('the DevTools panel in Chromium', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let session: Session;
  let page: Page;
  let devtools: Page;
  let panel: Frame;
  const dialogs: string[] = [];
  const downloads = mkdtempSync(join(tmpdir(), 'cookie-lens-downloads-'));
  /** The JSON of a file the panel downloaded, once it is there and whole. */
  const downloadedJson = (name: string) =>
    poll(() => {
      try {
        return JSON.parse(readFileSync(join(downloads, name), 'utf8'));
      } catch {
        return undefined;
      }
    });

  const storeValue = async (url: string, name: string) => {
    const worker = await session.worker();
    return worker.evaluate(async (u, n) => (await chrome.cookies.get({ url: u, name: n }))?.value ?? null, url, name);
  };

  beforeAll(async () => {
    demo = await startDemo();
    session = await launch();
    page = await session.browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // DevTools first, so its network log sees the page's responses.
    ({ devtools, panel } = await openPanel(session, page));
    devtools.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const cdp = await session.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.goto(demo.url('shop.test'), { waitUntil: 'load' });
  });

  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  it('lists the page cookies, and the filter syntax narrows them', async () => {
    // The partitioned widget cookie comes from an iframe, a moment after the page's own.
    const expected = ['connect.sid', 'theme', 'lang', '__Host-csrf', 'widget_state'];
    await poll(async () => {
      const names = await rowNames(panel);
      return expected.every((n) => names.includes(n));
    });
    await setFilter(panel, 'is:persistent -is:third-party');
    await poll(async () => JSON.stringify((await rowNames(panel)).sort()) === JSON.stringify(['lang', 'theme']));
    await setFilter(panel, 'severity:high');
    await poll(async () => JSON.stringify(await rowNames(panel)) === JSON.stringify(['connect.sid']));
    await setFilter(panel, 'is:partitioned');
    await poll(async () => JSON.stringify(await rowNames(panel)) === JSON.stringify(['widget_state']));
    await setFilter(panel, '');
  });

  it('shows the decoded express-session id with its known secret and the Set-Cookie that made it', async () => {
    await (await panel.waitForSelector('.grid-row[data-cookie="connect.sid"]'))?.click();
    await panel.waitForSelector('[data-testid="decoded"]');
    expect(await panel.$eval('[data-testid="decoded"]', (el) => el.textContent)).toMatch(/express-session signed id/);
    expect(await panel.$eval('.secret-warning', (el) => el.textContent)).toContain('"keyboard cat"');
    expect(await panel.$eval('[data-testid="set-by"]', (el) => el.textContent)).toContain(demo.url('shop.test'));
    const tabs = await panel.$$('.finding-detail[data-rule="weak-secret"] .fix-tablist button');
    for (const t of tabs) if ((await t.evaluate((el) => el.textContent)) === 'Express') await t.click();
    await poll(() => panel.$eval('.finding-detail[data-rule="weak-secret"] .fix-code', (el) => /process\.env\.SESSION_SECRET/.test(el.textContent ?? '')));
    await screenshot(devtools, 'panel');
  });

  it('reads a client-side session as a tree (cookie-session on app.shop.test)', async () => {
    await page.goto(demo.url('app.shop.test'), { waitUntil: 'load' });
    await poll(async () => (await rowNames(panel)).includes('session'));
    await (await panel.waitForSelector('.grid-row[data-cookie="session"]'))?.click();
    await panel.waitForSelector('.json-tree');
    const tree = await panel.$eval('.json-tree', (el) => el.textContent ?? '');
    expect(tree).toContain('ada@example.com');
    expect(tree).toContain('tea');
    expect(await panel.$eval('.secret-warning', (el) => el.textContent)).toContain('"keyboard cat"');
    await screenshot(devtools, 'panel-detail');
  });

  it('records a change the page makes in the timeline, old and new value', async () => {
    await page.goto(demo.url('shop.test'), { waitUntil: 'load' });
    await page.evaluate(() => {
      document.cookie = 'theme=light; path=/; max-age=600; secure; samesite=lax';
    });
    await clickText(panel, '[role="tab"]', 'Timeline');
    const row = await poll(async () => {
      const rows = await panel.$$eval('.timeline-table tr[data-kind="overwritten"][data-cookie="theme"]', (trs) =>
        trs.map((tr) => ({ del: tr.querySelector('del')?.textContent, ins: tr.querySelector('ins')?.textContent })),
      );
      return rows.find((r) => r.ins === 'light');
    });
    expect(row).toEqual({ del: 'dark', ins: 'light' });
    await screenshot(devtools, 'panel-timeline');

    await clickText(panel, '[role="tab"]', 'Cookies');
  });

  it('lists Set-Cookie headers the browser rejected, with the reason', async () => {
    await page.goto(demo.url('bad.test'), { waitUntil: 'load' });
    await panel.waitForSelector('[role="tab"]');
    await poll(async () => (await panel.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.textContent))).some((t) => /Network \([1-9]/.test(t ?? '')));
    // By its id: the label counts headers as they arrive, so its text can change between reading and clicking.
    await (await panel.waitForSelector('[role="tab"][data-view="network"]'))?.click();
    const rows = await poll(async () => {
      const r = await panel.$$eval('.network-table tbody tr', (trs) =>
        trs.map((tr) => ({
          status: tr.getAttribute('data-status'),
          header: tr.querySelector('.header-cell')?.textContent ?? '',
          reason: tr.querySelector('.reason-cell')?.textContent ?? '',
        })),
      );
      // The log's rows arrive as the worker writes them: wait for every header this test names.
      return ['ok', 'cross', '__Host-wrong', 'chips', 'shared'].every((n) => r.some((x) => x.header.startsWith(`${n}=`))) ? r : undefined;
    });
    const byName = (n: string) => rows.find((r) => r.header.startsWith(`${n}=`));
    expect(byName('ok')?.status).toBe('stored');
    expect(byName('cross')).toMatchObject({ status: 'rejected', reason: 'SameSite=None requires the Secure attribute.' });
    expect(byName('__Host-wrong')).toMatchObject({ status: 'rejected', reason: expect.stringContaining('__Host-') });
    expect(byName('chips')).toMatchObject({ status: 'rejected', reason: 'Partitioned requires the Secure attribute.' });
    expect(byName('shared')).toMatchObject({ status: 'rejected', reason: expect.stringContaining('public suffix') });
    // And the browser agrees: none of the rejected ones is in its store.
    for (const name of ['cross', '__Host-wrong', 'chips', 'shared']) expect(await storeValue(demo.url('bad.test'), name)).toBeNull();
    await screenshot(devtools, 'panel-network');
    await clickText(panel, '[role="tab"]', 'Cookies');
  });

  it('edits a cookie (value and SameSite) and the browser store changes', async () => {
    await page.goto(demo.url('shop.test'), { waitUntil: 'load' });
    await (await panel.waitForSelector('.grid-row[data-cookie="theme"]'))?.click();
    await clickText(panel, '.detail-actions button', 'Edit');
    await panel.waitForSelector('textarea[name="value"]');
    await panel.$eval('textarea[name="value"]', (el) => {
      const t = el as HTMLTextAreaElement;
      t.value = 'solarized';
      t.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await panel.select('select[name="sameSite"]', 'strict');
    await new Promise((r) => setTimeout(r, 100));
    await panel.click('.editor button[type="submit"]');
    await poll(async () => (await storeValue(demo.url('shop.test'), 'theme')) === 'solarized');
    const worker = await session.worker();
    expect(await worker.evaluate(async (u) => (await chrome.cookies.get({ url: u, name: 'theme' }))?.sameSite, demo.url('shop.test'))).toBe('strict');
    await poll(() => panel.$eval('.grid-row[data-cookie="theme"] .col-value', (el) => el.textContent === 'solarized'));
  });

  it('deletes with the Delete key and brings the cookie back with Undo', async () => {
    await (await panel.waitForSelector('.grid-row[data-cookie="lang"]'))?.click();
    await panel.focus('[role="grid"]');
    await devtools.keyboard.press('Delete');
    await poll(async () => (await storeValue(demo.url('shop.test'), 'lang')) === null);
    await clickText(panel, '.toast button', 'Undo');
    await poll(async () => (await storeValue(demo.url('shop.test'), 'lang')) === 'en');
  });

  it('exports the shown cookies to a file', async () => {
    await setFilter(panel, 'name:theme');
    await poll(async () => JSON.stringify(await rowNames(panel)) === JSON.stringify(['theme']));
    await panel.click('.menu summary');
    await panel.click('[data-export="json-file"]');
    const exported = await downloadedJson('cookies.json');
    expect(exported).toEqual([expect.objectContaining({ name: 'theme', value: 'solarized', sameSite: 'strict', domain: 'shop.test', hostOnly: true })]);
    await setFilter(panel, '');
    // The page's report, as the audit command would write it.
    await panel.click('.menu summary');
    await panel.click('[data-report="sarif"]');
    const sarif = await downloadedJson('cookie-lens-report.sarif');
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('weak-secret/high');
    expectMultitoolClean(JSON.stringify(sarif));
    // The JSON report matches the published schema, like the audit's.
    await panel.click('.menu summary');
    await panel.click('[data-report="json"]');
    const json = await downloadedJson('cookie-lens-report.json');
    expectValidReport(json);
    expect(json.cookies.map((c: { name: string }) => c.name)).toContain('connect.sid');
  });

  it('shows cookies carrying HTML and script as text: no dialog, no injected element', async () => {
    await page.goto(demo.url('xss.test'), { waitUntil: 'load' });
    const want = JSON.stringify(XSS_COOKIES.map(([n]) => n).sort());
    await poll(async () => JSON.stringify((await rowNames(panel)).sort()) === want);
    const names = await rowNames(panel);
    expect(names.sort()).toEqual(XSS_COOKIES.map(([n]) => n).sort());
    await (await panel.$('.grid-row[data-cookie="xss_img"]'))?.click();
    await panel.waitForSelector('[data-testid="raw-value"]');
    expect(await panel.$eval('[data-testid="raw-value"]', (el) => el.textContent)).toBe('<img src=x onerror=alert(1)>');
    expect(await panel.$$eval('.grid img, .grid script, .grid svg, .detail img, .detail script, .detail svg', (els) => els.length)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(dialogs).toEqual([]);
  });

  // Last: puppeteer's handles to the worker do not survive its restart, so no test may come after this one.
  it('the open Timeline stays live across a worker stop: its event port reconnects to the worker a change wakes', async () => {
    await page.goto(demo.url('shop.test'), { waitUntil: 'load' });
    await clickText(panel, '[role="tab"]', 'Timeline');
    await panel.waitForSelector('.timeline-table');
    // The worker stops (idle, or killed): the panel's event port closes; a change from the page wakes a new
    // worker, and the open Timeline shows it live — the panel reconnected, nothing reloaded.
    await stopWorker(session, page);
    await page.evaluate(() => {
      document.cookie = 'theme=sepia; path=/; max-age=600; secure; samesite=lax';
    });
    // (Puppeteer holds a new worker at "waiting for debugger" until told to run.)
    await awaitWorkerRestart(session);
    const live = await poll(
      () => panel.$$eval('.timeline-table tr[data-kind="overwritten"][data-cookie="theme"] ins', (ins) => ins.map((i) => i.textContent).includes('sepia')),
      10_000,
    );
    expect(live).toBe(true);
  });
});
