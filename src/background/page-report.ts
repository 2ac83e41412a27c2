import browser from 'webextension-polyfill';
import { analyze } from '../core/report';
import { hostOf, siteOf } from '../core/site';
import type { PageReport } from '../messages';
import { collectPageCookies, storeIdOf } from './collect';

export function unsupportedReason(url: string): string | undefined {
  if (/^https?:/i.test(url)) return undefined;
  if (url === '') return 'This tab shows a browser page. Browser pages have no cookies.';
  const scheme = url.split(':')[0];
  return `This tab shows a ${scheme}: page. Only http and https pages have cookies.`;
}

/** Analyses the cookies a tab's page uses; `urls` adds the frames and resources DevTools sees. */
export async function pageReport(tabId: number, urls: readonly string[] = [], setCookies: { url: string; header: string }[] = []): Promise<PageReport> {
  const tab = await browser.tabs.get(tabId);
  const url = tab.url ?? '';
  const unsupported = unsupportedReason(url);
  if (unsupported) return { tabId, url, site: '', unsupported };
  const storeId = await storeIdOf(browser.cookies, tabId);
  const cookies = await collectPageCookies(browser.cookies, url, urls, storeId);
  const report = await analyze(cookies, { url, pageUrls: [...urls], setCookies });
  return { tabId, url, site: siteOf(hostOf(url)), storeId, report };
}
