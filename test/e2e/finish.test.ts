// The panel and popup where layout, keyboard and theme matter (issue 17, points 1–3), in real Chromium:
// the table's header follows sideways scrolling and its first columns fit a 900 px panel; every control is
// reachable and usable by keyboard; one theme source per context, and every badge and severity colour
// reaches WCAG AA contrast (4.5:1 for text) in both themes.
import type { CDPSession, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { launch, openPanel, poll, type Session, tabIdOf } from './harness';

/** Every badge and severity class the UI uses, with a sample of its text. */
const SAMPLES = [
  ...['session', 'persistent', 'secure', 'httponly', 'partitioned', 'third-party', 'before-consent'].map((t) => `badge badge-${t}`),
  ...['high', 'medium', 'low', 'info'].map((s) => `severity severity-${s}`),
  'policy-pass',
  'policy-fail',
];

/**
 * Adds one element per sample class to the page and measures the WCAG contrast of its text against the
 * background it is drawn on (the first opaque one up the tree, translucent ones blended over it).
 */
function contrasts(target: Page | Frame, classes: readonly string[]) {
  return target.evaluate((list: string[]) => {
    const rgba = (css: string) => {
      const parts = (css.match(/rgba?\(([^)]*)\)/)?.[1] ?? '0 0 0 0')
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return { r: parts[0], g: parts[1], b: parts[2], a: parts[3] ?? 1 };
    };
    const over = (top: ReturnType<typeof rgba>, under: ReturnType<typeof rgba>) => ({
      r: top.r * top.a + under.r * (1 - top.a),
      g: top.g * top.a + under.g * (1 - top.a),
      b: top.b * top.a + under.b * (1 - top.a),
      a: 1,
    });
    const luminance = ({ r, g, b }: ReturnType<typeof rgba>) => {
      const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const backdrop = (el: Element | null): ReturnType<typeof rgba> => {
      if (!el) return { r: 255, g: 255, b: 255, a: 1 };
      const own = rgba(getComputedStyle(el).backgroundColor);
      if (own.a >= 1) return own;
      const below = backdrop(el.parentElement);
      return own.a === 0 ? below : over(own, below);
    };
    const host = document.createElement('div');
    host.className = 'contrast-samples';
    document.querySelector('main')?.append(host);
    const result = list.map((cls) => {
      const el = document.createElement('span');
      el.className = cls;
      el.textContent = 'Sample';
      host.append(el);
      const bg = backdrop(el);
      const fg = over(rgba(getComputedStyle(el).color), bg);
      const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      return { cls, ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100, bg: getComputedStyle(el).backgroundColor };
    });
    host.remove();
    return result;
  }, classes as string[]);
}

const failing = (results: { cls: string; ratio: number }[]) => results.filter((r) => r.ratio < 4.5);

describe('finish of the panel and the popup (layout, keyboard, theme) in Chromium', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let session: Session;
  let tabId: number;
  const url = () => demo.url('shop.test');

  /** The panel as a tab for the shop, at this width, in the system theme given. */
  async function panelPage(width: number, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const panel = await session.browser.newPage();
    await panel.setViewport({ width, height: 700, deviceScaleFactor: 1 });
    await panel.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await panel.goto(`chrome-extension://${session.extensionId}/src/devtools/panel.html?tabId=${tabId}`);
    await panel.waitForSelector('.grid-row[data-cookie="connect.sid"]');
    return panel;
  }

  async function popupPage(scheme: 'light' | 'dark'): Promise<Page> {
    const popup = await session.browser.newPage();
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await popup.goto(`chrome-extension://${session.extensionId}/src/popup/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('.finding');
    return popup;
  }

  beforeAll(async () => {
    demo = await startDemo();
    session = await launch();
    const shop = await session.browser.newPage();
    await shop.goto(url(), { waitUntil: 'load' });
    tabId = await tabIdOf(session, url());
  });
  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  it('at 900 px the name, worst issue and purpose columns are in view, and the header scrolls sideways with the rows', async () => {
    const panel = await panelPage(900);
    const box = (sel: string) => panel.$eval(sel, (el) => ({ left: el.getBoundingClientRect().left, right: el.getBoundingClientRect().right }));
    for (const column of ['name', 'issue', 'purpose']) expect((await box(`.grid-th[data-column="${column}"]`)).right).toBeLessThanOrEqual(900);
    // A mouse wheel sideways over the rows, as a user scrolls to the right-hand columns.
    const body = await panel.$('.grid-body');
    const area = await body?.boundingBox();
    if (!area) throw new Error('no grid body');
    await panel.mouse.move(area.x + 200, area.y + 60);
    await panel.mouse.wheel({ deltaX: 700 });
    await poll(() => panel.$eval('.grid-body', (el) => el.scrollLeft > 0));
    for (const column of ['domain', 'sameSite', 'type']) {
      const head = await box(`.grid-th[data-column="${column}"]`);
      const cell = await box(`.grid-row[data-cookie="connect.sid"] .col-${column}`);
      expect(Math.abs(head.left - cell.left)).toBeLessThan(1);
    }
    await panel.close();
  });

  it('sorts by keyboard: a column header takes focus, Enter and Space cycle its sort', async () => {
    const panel = await panelPage(1400);
    await panel.focus('input.filter');
    // Tab from the filter box reaches "Import…" (a button now) before the table.
    const reached: string[] = [];
    for (let i = 0; i < 25 && !reached.includes('column:name'); i++) {
      await panel.keyboard.press('Tab');
      reached.push(
        await panel.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el?.dataset.column ? `column:${el.dataset.column}` : (el?.textContent?.trim() ?? '');
        }),
      );
    }
    expect(reached).toContain('Import…');
    expect(reached).toContain('column:name');
    const sortOf = () => panel.$eval('.grid-th[data-column="name"]', (el) => el.getAttribute('aria-sort'));
    await panel.keyboard.press('Enter');
    expect(await sortOf()).toBe('ascending');
    const names = await panel.$$eval('.grid-row[data-cookie]', (rows) => rows.map((r) => r.getAttribute('data-cookie') ?? ''));
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    await panel.keyboard.press(' ');
    expect(await sortOf()).toBe('descending');
    await panel.close();
  });

  it('the popup’s and the panel’s tabs follow the WAI-ARIA tabs pattern (arrow keys, Home, End, one Tab stop)', async () => {
    const popup = await popupPage('light');
    const state = () =>
      popup.evaluate(() => ({
        selected: document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-tab'),
        focused: (document.activeElement as HTMLElement | null)?.dataset.tab,
        stops: [...document.querySelectorAll('[role="tab"]')].filter((t) => (t as HTMLElement).tabIndex === 0).length,
      }));
    await popup.focus('[role="tab"][data-tab="findings"]');
    expect((await state()).stops).toBe(1);
    await popup.keyboard.press('ArrowRight');
    await poll(async () => (await state()).focused === 'cookies');
    expect(await state()).toEqual({ selected: 'cookies', focused: 'cookies', stops: 1 });
    await popup.keyboard.press('End');
    await poll(async () => (await state()).focused === 'send');
    await popup.keyboard.press('ArrowRight');
    await poll(async () => (await state()).focused === 'findings');
    expect((await state()).selected).toBe('findings');
    await popup.close();

    const panel = await panelPage(1400);
    await panel.focus('[role="tab"][data-view="cookies"]');
    await panel.keyboard.press('ArrowRight');
    await poll(() => panel.$eval('[role="tab"][aria-selected="true"]', (t) => (t as HTMLElement).dataset.view !== 'cookies' && t === document.activeElement));
    await panel.close();
  });

  it('every badge and severity colour reaches 4.5:1 in the popup and the panel, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await popupPage(scheme);
      expect(await popup.evaluate(() => document.documentElement.classList.contains('theme-dark'))).toBe(scheme === 'dark');
      expect(failing(await contrasts(popup, SAMPLES))).toEqual([]);
      await popup.close();
      const panel = await panelPage(1400, scheme);
      expect(failing(await contrasts(panel, SAMPLES))).toEqual([]);
      await panel.close();
    }
  });

  it('in DevTools the panel takes DevTools’ theme, not the system’s: a light DevTools on a dark system stays light and readable', async () => {
    const page = await session.browser.newPage();
    const { panel } = await openPanel(session, page);
    await page.goto(url(), { waitUntil: 'load' });
    await panel.waitForSelector('.grid-row[data-cookie="connect.sid"]');
    // The system goes dark for the panel's own frame; headless DevTools itself stays on its light theme.
    const frameSession = (panel as unknown as { client: CDPSession }).client;
    await frameSession.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    expect(await panel.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect(await panel.evaluate(() => document.documentElement.classList.contains('theme-dark'))).toBe(false);
    const results = await contrasts(panel, SAMPLES);
    expect(failing(results)).toEqual([]);
    // The light palette, not the dark one: the session badge keeps its green tint.
    expect(results.find((r) => r.cls === 'badge badge-session')?.bg).toBe('rgb(230, 244, 234)');
    await page.close();
  });
});
