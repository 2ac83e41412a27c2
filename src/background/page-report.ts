import browser from 'webextension-polyfill';
import { gradeOf, scoreOf } from '../core/grade';
import { applyPolicy } from '../core/policy';
import { analyze } from '../core/report';
import { hostOf, siteOf } from '../core/site';
import type { PageReport } from '../messages';
import { collectPageCookies, storeIdOf } from './collect';
import { currentPolicy } from './policy-store';

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
  const { policy } = await currentPolicy();
  if (!policy) return { tabId, url, site: siteOf(hostOf(url)), storeId, report };
  const applied = applyPolicy(report, policy);
  const score = scoreOf(applied.findings);
  return {
    tabId,
    url,
    site: siteOf(hostOf(url)),
    storeId,
    report: { ...report, findings: applied.findings, score, grade: gradeOf(score, applied.findings) },
    policy: { name: policy.name, violations: applied.violations, errors: applied.errors, passed: applied.passed },
  };
}
