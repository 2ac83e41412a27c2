/// <reference types="chrome" />
import { resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { type ExtensionBrowser, launchWithExtension, PANEL_PATH, POPUP_PATH, poll, workerOf } from '../../src/cli/extension-browser';

export { poll };
export const DIST = resolve(import.meta.dirname, '../../dist/chrome');

export type Session = ExtensionBrowser;

/** Chromium with the built extension, *.test mapped to loopback and the test certificate accepted. */
export function launch(options: { thirdPartyCookies?: boolean; headless?: boolean } = {}): Promise<Session> {
  return launchWithExtension({ extensionDir: DIST, hostResolverRules: 'MAP *.test 127.0.0.1', ignoreHttpsErrors: true, ...options });
}

/** Opens the real DevTools for a page and shows the Cookie Lens panel; returns the panel's frame. */
export async function openPanel(session: Session, page: Page): Promise<{ devtools: Page; panel: Frame }> {
  const devtools = await page.openDevTools();
  await devtools.waitForFunction(
    () => typeof (globalThis as unknown as { InspectorFrontendAPI?: { showPanel?: unknown } }).InspectorFrontendAPI?.showPanel === 'function',
    { timeout: 20_000 },
  );
  // DevTools names an extension panel by origin + title with the spaces removed.
  const panelId = `chrome-extension://${session.extensionId}CookieLens`;
  const panel = await poll(async () => {
    await devtools.evaluate(
      (id) => (globalThis as unknown as { InspectorFrontendAPI: { showPanel(id: string): void } }).InspectorFrontendAPI.showPanel(id),
      panelId,
    );
    return devtools.frames().find((f) => f.url().endsWith(PANEL_PATH));
  });
  await panel.waitForSelector('main.panel-app');
  return { devtools, panel };
}

/** Brings a page to the front and waits until the extension sees it as the active tab of its window. */
export async function activate(session: Session, page: Page): Promise<void> {
  await page.bringToFront();
  // The popup reads the active tab of its window: wait until the browser reports this page active.
  const worker = await workerOf(session.browser);
  if (/^https?:/.test(page.url())) {
    await poll(() => worker.evaluate(async (url) => (await chrome.tabs.query({})).some((t) => t.url === url && t.active), page.url()));
  } else {
    // The extension cannot see the address of browser pages: wait for any tab switch to settle instead.
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Clicks the toolbar button over the active page; returns the popup it opened (not yet rendered) and when it was clicked. */
export async function clickToolbarButton(session: Session, page: Page): Promise<{ popup: Page; clickedAt: number }> {
  const extension = (await session.browser.extensions()).get(session.extensionId);
  if (!extension) throw new Error('extension not installed');
  // The popup HTML may also be open as a tab (extensionPage): only a target created by the click counts.
  const before = new Set(session.browser.targets());
  const clickedAt = Date.now();
  await page.triggerExtensionAction(extension);
  const target = await session.browser.waitForTarget((t) => t.url().endsWith(POPUP_PATH) && !before.has(t), { timeout: 10_000 });
  return { popup: (await target.asPage()) as Page, clickedAt };
}

/** Clicks the toolbar button for a page; returns the real popup. */
export async function openPopup(session: Session, page: Page): Promise<Page> {
  await activate(session, page);
  const { popup } = await clickToolbarButton(session, page);
  await popup.waitForSelector('main.popup-app, .empty, .error');
  return popup;
}

/** The id of the tab showing this address (or one starting with it), as the extension knows it. */
export async function tabIdOf(session: Session, url: string): Promise<number> {
  const worker = await session.worker();
  const id = await worker.evaluate(async (url) => (await chrome.tabs.query({ url: `${url}*` }))[0]?.id, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The extension's service worker target as puppeteer lists it. */
export function workerTarget(session: Session) {
  const target = session.browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${session.extensionId}/`));
  if (!target) throw new Error('no running worker');
  return target;
}

/** Opens an extension page as a tab (the popup HTML), to talk to the worker or probe the CSP from. */
export async function extensionPage(session: Session): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(`chrome-extension://${session.extensionId}${POPUP_PATH}`);
  return page;
}

export interface NetworkLog {
  /** Requests from the extension's own contexts to anything but the extension itself. */
  requests: string[];
  /** Connections the CSP refused: a request was attempted even if none left. */
  refused: string[];
}

/**
 * Watches every context of the extension — worker, popup, panel, extension tabs — for requests that
 * leave the extension. Pages are watched per frame, so the panel inside DevTools is covered too.
 */
export function watchExtensionNetwork(session: Session): NetworkLog {
  const log: NetworkLog = { requests: [], refused: [] };
  const origin = `chrome-extension://${session.extensionId}`;
  const local = (url: string) => url.startsWith(origin) || url.startsWith('data:') || url.startsWith(`blob:${origin}`);
  const watched = new WeakSet<object>();
  const watch = async (target: import('puppeteer-core').Target) => {
    if (watched.has(target)) return;
    watched.add(target);
    if (target.type() === 'service_worker' && target.url().startsWith(origin)) {
      // Reuse puppeteer's own session: a second CDP session on a worker target detaches the worker.
      const worker = await target.worker().catch(() => null);
      if (!worker) return;
      worker.client.on('Network.requestWillBeSent', (e) => {
        if (!local(e.request.url)) log.requests.push(`worker: ${e.request.url}`);
      });
      await worker.client.send('Network.enable').catch(() => undefined);
      return;
    }
    if (target.type() !== 'page' && target.type() !== 'other') return;
    const page = await target.asPage().catch(() => null);
    if (!page) return;
    page.on('request', (req) => {
      const frameUrl = req.frame()?.url() ?? '';
      if (frameUrl.startsWith(origin) && !local(req.url())) log.requests.push(`${frameUrl}: ${req.url()}`);
    });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (connect|load)/.test(m.text()) && page.url().startsWith(origin)) log.refused.push(m.text());
    });
  };
  for (const t of session.browser.targets()) void watch(t);
  session.browser.on('targetcreated', (t) => void watch(t));
  return log;
}

/** Service worker targets of the browser as CDP reports them now (puppeteer's own list can lag). */
export async function runningWorkers(session: Session): Promise<string[]> {
  const cdp = await session.browser.target().createCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(session.extensionId)).map((t) => t.targetId);
  } finally {
    await cdp.detach();
  }
}

/**
 * Stops the extension's worker the way the browser does when it idles (CDP ServiceWorker.stopAllWorkers);
 * waits until Chrome says it stopped (or none runs), unless `waitStopped` is false (mid-storm the next event starts a new one at once).
 */
export async function stopWorker(session: Session, page: Page, { waitStopped = true } = {}): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    // Waits for Chrome to say the extension's worker stopped: an open popup or panel reconnecting may wake a
    // new one a second later, so "no worker running" is a moment a poll can miss under load.
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: { scriptURL: string; runningStatus: string }[] }) => {
        if (versions.some((v) => v.scriptURL.includes(session.extensionId) && v.runningStatus === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    if (waitStopped) {
      const none = poll(async () => (await runningWorkers(session)).length === 0);
      // Settled by the event first, the poll may still time out later: that is no failure.
      none.catch(() => undefined);
      await Promise.race([stopped, none]);
    }
  } finally {
    await cdp.detach();
  }
}

/** Lets a service worker run that puppeteer's auto-attach holds at "waiting for debugger". */
export async function runWorker(session: Session, targetId: string): Promise<void> {
  const cdp = await session.browser.target().createCDPSession();
  try {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    const worker = cdp.connection()?.session(sessionId);
    await worker?.send('Runtime.runIfWaitingForDebugger');
    await worker?.send('Target.detachFromTarget' as never).catch(() => undefined);
  } finally {
    await cdp.detach();
  }
}

/** The whole timeline (entries after `afterSeq`) once the worker has written everything it holds. */
export async function settledTimeline(session: Session, { afterSeq = -1, timeout = 30_000, interval = 500 } = {}) {
  let last = -1;
  return poll(
    async () => {
      const t = await session.request('getTimeline', { afterSeq });
      const stable = t.pending === 0 && t.nextSeq === last;
      last = t.nextSeq;
      return stable ? t : undefined;
    },
    timeout,
    interval,
  );
}

/**
 * Waits for the worker to be started again (by an event) and lets it run: puppeteer's auto-attach holds
 * a restarted service worker at "waiting for debugger" and does not resume it by itself.
 */
export async function awaitWorkerRestart(session: Session): Promise<void> {
  const [targetId] = await poll(async () => {
    const ids = await runningWorkers(session);
    return ids.length ? ids : undefined;
  });
  await runWorker(session, targetId);
}

/** Names of the grid rows the panel shows (in DevTools a Frame, as a tab a Page). */
export const rowNames = (panel: Page | Frame) => panel.$$eval('.grid-row[data-cookie]', (rows) => rows.map((r) => r.getAttribute('data-cookie')));

/** Types into the panel's filter box as a user would (one input event with the whole text). */
export async function setFilter(panel: Page | Frame, text: string): Promise<void> {
  await panel.$eval(
    'input.filter',
    (el, value) => {
      const input = el as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}
