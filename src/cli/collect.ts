/// <reference types="chrome" />
import type { Page } from 'puppeteer-core';
import type { Report } from '../core/analyzed';
import { hostOf, isSameSite } from '../core/site';
import type { ExtensionBrowser } from './extension-browser';
import { POPUP_PATH, poll } from './extension-browser';

/** The browser's tab id for a page (the extension's reports are per tab). */
export async function tabIdOf(session: ExtensionBrowser, page: Page): Promise<number> {
  const worker = await session.worker();
  const url = page.url();
  return poll(() =>
    worker.evaluate(
      async (u) => (await chrome.tabs.query({})).find((t) => t.url === u && t.active)?.id ?? (await chrome.tabs.query({})).find((t) => t.url === u)?.id,
      url,
    ),
  );
}

/**
 * The tab id of a new page, asked once from inside it: the tab opens one of the extension's own pages, which
 * knows its tab (tabs.getCurrent). A tab keeps its id for its life, so pages audited in parallel each know
 * their tab without looking it up by URL — which two tabs may share (two links that redirect to one login).
 */
export async function markTab(session: ExtensionBrowser, page: Page): Promise<number> {
  await page.goto(`chrome-extension://${session.extensionId}${POPUP_PATH}#tab-id`);
  const id = await page.evaluate(async () => (await chrome.tabs.getCurrent())?.id);
  if (id === undefined) throw new Error('The audit tab does not know its tab id.');
  await page.goto('about:blank');
  return id;
}

/**
 * The extension's report for the page as it is now: its cookies (all frames, partitions), findings and rejected
 * headers — from the extension's own log of the tab's responses, so the command reports exactly what the
 * extension shows. The page's frames are added to the URLs the worker saw (a frame from cache sends none).
 */
export async function pageReportOf(session: ExtensionBrowser, page: Page, knownTabId?: number): Promise<Report> {
  const tabId = knownTabId ?? (await tabIdOf(session, page));
  const urls = page
    .frames()
    .map((f) => f.url())
    .filter((u) => /^https?:/.test(u));
  const result = await session.request('getReport', { tabId, urls, storage: 'read' });
  if (!result.report) throw new Error(result.unsupported ?? `No report for ${page.url()}`);
  return result.report;
}

/** Same-site links of the page, without fragments and without the ones that would log the user out. */
export async function sameSiteLinks(page: Page): Promise<string[]> {
  const base = page.url();
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  const out = new Set<string>();
  for (const href of hrefs) {
    try {
      const u = new URL(href, base);
      u.hash = '';
      if (/^https?:$/.test(u.protocol) && isSameSite(hostOf(u.href), hostOf(base)) && !/log.?out|sign.?out/i.test(u.pathname)) out.add(u.href);
    } catch {
      // not a URL
    }
  }
  return [...out];
}

/** The page URLs of a sitemap (following a sitemap index one level), read through the browser. */
export async function sitemapUrls(session: ExtensionBrowser, url: string, timeout: number): Promise<string[]> {
  const page = await session.browser.newPage();
  try {
    const read = async (u: string) => {
      const response = await page.goto(u, { waitUntil: 'load', timeout });
      if (!response || response.status() >= 400) throw new Error(`HTTP ${response?.status() ?? 'no response'} for ${u}`);
      const text = await response.text();
      return { index: /<sitemapindex[\s>]/.test(text), locs: [...text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&')) };
    };
    const first = await read(url);
    if (!first.index) return first.locs;
    const all: string[] = [];
    for (const child of first.locs) all.push(...(await read(child)).locs);
    return all;
  } finally {
    await page.close().catch(() => undefined);
  }
}
