import browser from 'webextension-polyfill';
import type { Report } from '../core/analyzed';
import { errorLine, explainError } from '../core/browser-errors';
import { type Cookie, cookieHost } from '../core/cookie';
import { hostOf, siteOf } from '../core/site';
import { pageReport } from './page-report';

export const BADGE_COLOR = { high: '#c5221f', medium: '#e37400' } as const;

/** The badge counts high and medium findings, coloured by the worst of them. */
export function badgeFor(report: Report | undefined): { text: string; color: string; title: string } {
  const serious = report?.findings.filter((f) => f.severity === 'high' || f.severity === 'medium') ?? [];
  const worst = serious.some((f) => f.severity === 'high') ? 'high' : 'medium';
  const storage = report?.storage ? ' (web storage as the popup or panel last read it)' : '';
  const title = report
    ? `Cookie Lens — grade ${report.grade}, ${report.cookies.length} cookies, ${serious.length} high/medium findings${storage}`
    : 'Cookie Lens';
  return { text: serious.length ? String(serious.length) : '', color: BADGE_COLOR[worst], title };
}

/** A badge that says the page could not be analysed: a blank badge would read as "no issues". */
export function failedBadge(error: unknown): { text: string; color: string; title: string } {
  return { text: '!', color: BADGE_COLOR.medium, title: `Cookie Lens could not analyse this page: ${errorLine(explainError(error))}` };
}

/** Recomputes one tab's badge; returns the site shown in the tab ('' for browser pages). */
export async function refreshBadge(tabId: number): Promise<string> {
  let badge: { text: string; color: string; title: string };
  let site = '';
  try {
    const page = await pageReport(tabId, {}, false);
    site = page.site;
    badge = badgeFor(page.report);
  } catch (error) {
    badge = failedBadge(error);
  }
  // The same badge again is not sent: each call is a trip to the browser, which redraws the button.
  const key = `${badge.text}\u0000${badge.color}\u0000${badge.title}`;
  if (shown.get(tabId) !== key) {
    shown.set(tabId, key);
    try {
      await Promise.all([
        browser.action.setBadgeText({ tabId, text: badge.text }),
        browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
        browser.action.setTitle({ tabId, title: badge.title }),
      ]);
    } catch (error) {
      shown.delete(tabId);
      throw error;
    }
  }
  return site;
}

/** What each tab's button shows, as set last; forgotten when the tab starts loading (browsers may reset it). */
const shown = new Map<number, string>();

/** The tab navigates or closes: its next badge is sent whatever it was. */
export function forgetBadge(tabId: number): void {
  shown.delete(tabId);
}

export interface BadgePacing {
  /** Wait after the first trigger of a burst, and the least gap between refreshes. */
  delay?: number;
  /**
   * Largest share of the worker's time badge refreshes may take during a cookie storm: after a refresh
   * that took T ms the next one waits at least T / maxShare ms (a 40 ms analysis of a 2,000-cookie site
   * → 800 ms), so a busy page is not slowed by its own badge.
   */
  maxShare?: number;
  /** The longest the badge may lag behind a storm. */
  maxDelay?: number;
  clock?: () => number;
}

/**
 * Keeps the badges of the visible tabs live without re-analysing on every cookie event: refreshes run
 * `delay` ms after the first trigger of a burst and at most once per gap after that (longer when the
 * last refresh was slow, see `maxShare`), and cookie changes on sites no active tab shows are ignored.
 */
export class BadgeScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly tabs = new Set<number>();
  private activeTabs = false;
  /** Sites shown by active tabs, as of the last refresh; null until one has run. */
  private activeSites: Set<string> | null = null;

  /** Clock time before which the next refresh should not start (the last one's end + its gap). */
  private nextAllowed = 0;
  private readonly delay: number;
  private readonly maxShare: number;
  private readonly maxDelay: number;
  private readonly clock: () => number;

  constructor(pacing: BadgePacing = {}) {
    this.delay = pacing.delay ?? 500;
    this.maxShare = pacing.maxShare ?? 0.05;
    this.maxDelay = pacing.maxDelay ?? 3000;
    this.clock = pacing.clock ?? (() => performance.now());
  }

  /** A cookie changed: refresh the active tabs if it may concern one of them. */
  cookieChanged(cookie: Cookie): void {
    if (this.activeSites) {
      const partition = cookie.partitionKey?.topLevelSite;
      const relevant = this.activeSites.has(siteOf(cookieHost(cookie))) || (partition !== undefined && this.activeSites.has(siteOf(hostOf(partition))));
      if (!relevant) return;
    }
    this.activeTabs = true;
    this.arm();
  }

  /** Something changed every report (the policy): refresh the active tabs. */
  refreshActive(): void {
    this.activeTabs = true;
    this.arm();
  }

  /** A tab finished loading or was activated. */
  tabChanged(tabId: number): void {
    this.tabs.add(tabId);
    this.arm();
  }

  private arm(): void {
    this.timer ??= setTimeout(() => void this.run(), Math.max(this.delay, this.nextAllowed - this.clock()));
  }

  private async run(): Promise<void> {
    const started = this.clock();
    const ids = new Set(this.tabs);
    const all = this.activeTabs;
    this.tabs.clear();
    this.activeTabs = false;
    try {
      const active = await browser.tabs.query({ active: true });
      const sites = new Set<string>();
      for (const tab of active) {
        if (tab.id === undefined) continue;
        if (all) ids.add(tab.id);
        if (!ids.has(tab.id) && tab.url) sites.add(siteOf(hostOf(tab.url)));
      }
      for (const id of ids) {
        const site = await refreshBadge(id).catch(() => '');
        if (active.some((t) => t.id === id) && site) sites.add(site);
      }
      this.activeSites = sites;
    } finally {
      const ended = this.clock();
      this.nextAllowed = ended + Math.min(this.maxDelay, (ended - started) / this.maxShare);
      this.timer = undefined;
      if (this.tabs.size || this.activeTabs) this.arm();
    }
  }
}
