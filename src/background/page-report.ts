import browser from 'webextension-polyfill';
import { AnalysisCache } from '../core/analysis-cache';
import type { ContainerInfo, Report } from '../core/analyzed';
import { explainError } from '../core/browser-errors';
import { compactReport } from '../core/compact-report';
import { type Cookie, cookieHost } from '../core/cookie';
import { rated } from '../core/grade';
import { applyPolicy } from '../core/policy';
import { analyze } from '../core/report';
import type { AnalysisFailure } from '../core/rule';
import { hostOf, siteOf } from '../core/site';
import type { FrameStorage } from '../core/web-storage';
import type { PageReport, ReportRequest, ResponseRecord } from '../protocol';
import { collectPageCookies, storeIdOf } from './collect';
import { containersByStore } from './containers';
import { currentPolicy } from './policy-store';
import { listProfiles } from './profile-store';
import { responseLog } from './responses';
import { StoreIndex } from './store-index';
import { readTabStorage } from './web-storage';

/** The worker's index of the cookie stores by site (worker.ts feeds it every change). */
export const storeIndex = new StoreIndex(browser.cookies);

/** Every cookie of a site in a store: its domain is the site's, on every path, partitioned ones included. */
export async function siteCookies(site: string, storeId: string): Promise<Cookie[]> {
  return (await storeIndex.all(storeId)).filter((c) => siteOf(cookieHost(c)) === site);
}

export function unsupportedReason(url: string): string | undefined {
  if (/^https?:/i.test(url)) return undefined;
  if (url === '') return 'This tab shows a browser page. Browser pages have no cookies.';
  const scheme = url.split(':')[0];
  return `This tab shows a ${scheme}: page. Only http and https pages have cookies.`;
}

/**
 * The page's cookies, in the tab's own store or in all of them. A store that cannot be read (a container
 * removed meanwhile) is a failure of that store only: it is reported, and the others are analysed.
 */
async function pageCookies(
  url: string,
  urls: readonly string[],
  storeId: string | undefined,
  allStores: boolean,
  containers: ReadonlyMap<string, ContainerInfo>,
): Promise<{ cookies: Cookie[]; failures: AnalysisFailure[] }> {
  if (!allStores) return { cookies: await collectPageCookies(browser.cookies, url, urls, storeId, storeIndex), failures: [] };
  // getAllCookieStores lists only stores with an open tab; a container without one still keeps cookies.
  const ids = new Set([...(await browser.cookies.getAllCookieStores()).map((s) => s.id), ...containers.keys()]);
  const failures: AnalysisFailure[] = [];
  const batches = await Promise.all(
    [...ids].map((id) =>
      collectPageCookies(browser.cookies, url, urls, id, storeIndex).catch((error: unknown) => {
        failures.push({ cookie: null, stage: `reading the cookies of ${containers.get(id)?.name ?? `store ${id}`}`, message: explainError(error).message });
        return [];
      }),
    ),
  );
  return { cookies: batches.flat(), failures };
}

function withPolicy(report: Report, policy: Awaited<ReturnType<typeof currentPolicy>>['policy']): Pick<PageReport, 'report' | 'policy'> {
  if (!policy) return { report };
  const applied = applyPolicy(report, policy);
  return {
    report: { ...report, findings: applied.findings, ...rated(applied.findings) },
    policy: { name: policy.name, violations: applied.violations, errors: applied.errors, passed: applied.passed },
  };
}

/** Set-Cookie headers of these responses, oldest first, then those only DevTools saw; each (URL, header) once. */
function mergeSetCookies(responses: readonly ResponseRecord[], fromDevtools: readonly { url: string; header: string }[]): { url: string; header: string }[] {
  const all = [...responses.flatMap((r) => r.setCookies.map((header) => ({ url: r.url, header }))), ...fromDevtools];
  const keys = new Set<string>();
  return all.filter(({ url, header }) => !keys.has(`${url}\n${header}`) && Boolean(keys.add(`${url}\n${header}`)));
}

/**
 * Each tab's web storage as a view (or the audit) last read it, for its page: the badge, which never reads the
 * page itself (that would cost every page load a script injection), counts its findings too once a view has.
 */
const lastRead = new Map<number, { url: string; frames: FrameStorage[] }>();
const lastStorage = (tabId: number, url: string) => {
  const read = lastRead.get(tabId);
  return read && read.url === url ? read.frames : undefined;
};
/** The tab closed: its storage read goes. */
export function forgetTabStorage(tabId: number): void {
  lastRead.delete(tabId);
}

/** The badge's per-cookie analysis, kept between its runs (the views, opened now and then, keep none). */
const badgeCache = new AnalysisCache();

/** When each cookie was first created, from the timeline (worker.ts provides it): for the "before consent" mark. */
let firstSeen: ((keys: ReadonlySet<string>) => Promise<Map<string, number>>) | undefined;
export function provideFirstSeen(fn: (keys: ReadonlySet<string>) => Promise<Map<string, number>>): void {
  firstSeen = fn;
}

/**
 * Analyses the cookies a tab's page uses; the policy, when one is set, adjusts the findings. `marks`: also
 * read the timeline for the "set before consent" mark (the popup and the panel; not the badge).
 */
export async function pageReport(tabId: number, request: ReportRequest = {}, marks = true): Promise<PageReport> {
  const tab = await browser.tabs.get(tabId);
  const url = tab.url ?? '';
  const unsupported = unsupportedReason(url);
  if (unsupported) return { tabId, url, site: '', unsupported };
  const [storeId, containers, { policy }, seen, profiles] = await Promise.all([
    storeIdOf(browser.cookies, tabId),
    containersByStore(),
    currentPolicy(),
    responseLog.forTab(tabId),
    marks ? listProfiles(siteOf(hostOf(url))) : undefined,
  ]);
  // What the worker saw the tab fetch and receive, with what DevTools adds (its HAR) where it is open.
  const urls = [...new Set([...(request.urls ?? []), ...seen.urls])];
  // This page's responses (its redirect chain included) are judged; earlier pages' only say who set a cookie.
  const setCookies = mergeSetCookies(seen.responses.slice(seen.pageStart), request.setCookies ?? []);
  // Earlier pages' headers only say who set a cookie ("set by"), which no finding depends on: the badge skips them
  // (on a site of 600 cookies, parsing them was a quarter of the badge's analysis).
  const earlierSetCookies = marks ? mergeSetCookies(seen.responses.slice(0, seen.pageStart), []) : [];
  const [{ cookies, failures }, storage] = await Promise.all([
    pageCookies(url, urls, storeId, request.allStores ?? false, containers),
    request.storage ? readTabStorage(tabId, url, request.storage === 'read' ? undefined : request.storage) : lastStorage(tabId, url),
  ]);
  if (request.storage && storage) lastRead.set(tabId, { url, frames: storage });
  // The timeline is read only for a page with a consent cookie and a tracking cookie (analyze asks then).
  const report = await analyze(cookies, {
    url,
    pageUrls: urls,
    setCookies,
    earlierSetCookies,
    failures,
    storage,
    ...(marks && firstSeen ? { firstSeen } : {}),
    // The badge counts findings: it needs no description (the worker keeps none until a view asks). It runs on
    // every page load, mostly over cookies it saw last time: what it worked out for each is kept.
    ...(marks ? {} : { descriptions: false, cache: badgeCache }),
  });
  // A copy per use: Firefox's message cloning turns a second reference to one object into null.
  const container = (id: string | undefined) => {
    const info = id ? containers.get(id) : undefined;
    return info && { ...info };
  };
  if (containers.size) for (const c of report.cookies) c.container = container(c.storeId);
  const judged = withPolicy(report, policy);
  return {
    tabId,
    url,
    site: siteOf(hostOf(url)),
    storeId,
    ...(profiles?.active ? { profile: profiles.active } : {}),
    ...(storeId && containers.has(storeId) ? { container: container(storeId) } : {}),
    ...(containers.size ? { containers: [...containers.keys()].map((id) => ({ ...(container(id) as ContainerInfo), storeId: id })) } : {}),
    ...(request.compact && judged.report ? { compact: compactReport(judged.report), policy: judged.policy } : judged),
  };
}
