import { useEffect, useRef, useState } from 'preact/hooks';
import { errorLine, explainError } from '../core/browser-errors';
import { compactSites } from '../core/compact-report';
import { hostOf, siteOf, sitesOf } from '../core/site';
import type { FrameStorage } from '../core/web-storage';
import { onEvent, request } from '../messages';
import type { PageReport } from '../protocol';
import { coalesce } from './coalesce';

export interface PageReportState {
  page?: PageReport;
  error?: string;
  loading: boolean;
  /** Reloads now (after an edit, say). */
  reload: () => void;
}

export interface ReportInputs {
  urls: () => Promise<string[]>;
  setCookies?: { url: string; header: string }[];
  /** Changes on navigation, forcing a reload. */
  reloadKey?: number;
  /** The page's cookies in every cookie store (Firefox containers), not only the tab's. */
  allStores?: boolean;
  /** Ask for the popup's compact report. */
  compact?: boolean;
  /** Web storage too: 'read' (the worker reads it) or a reader of its own (the DevTools panel's inspectedWindow.eval). */
  storage?: 'read' | (() => Promise<FrameStorage[]>);
}

/** The sites a report shows: the page's, its frames', and every cookie's (a partitioned one's top-level too). */
export function shownSites(page: PageReport | undefined, urls: readonly string[]): Set<string> {
  const sites = new Set<string>(sitesOf(page?.report?.cookies ?? []));
  if (page?.compact) for (const site of compactSites(page.compact)) sites.add(site);
  if (page?.site) sites.add(page.site);
  for (const u of urls) sites.add(siteOf(hostOf(u)));
  return sites;
}

/** At most one reload per this many ms while cookies change, and never two at once. */
export const RELOAD_INTERVAL = 300;

/**
 * Loads the report of a tab and reloads it when the worker records a change that touches a site the
 * report shows (a storm elsewhere costs nothing), or when the inputs change — coalesced: one request in
 * flight at a time, at most one per RELOAD_INTERVAL. `urls` supplies the frame and resource URLs to include.
 */
export function usePageReport(tabId: number | undefined, inputs: ReportInputs): PageReportState {
  const [state, setState] = useState<Omit<PageReportState, 'reload'>>({ loading: true });
  const latest = useRef(inputs);
  latest.current = inputs;
  const loadRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    if (tabId === undefined) return undefined;
    let cancelled = false;
    let sites = new Set<string>();
    let known = false;
    const refresh = coalesce(async () => {
      const started = performance.now();
      try {
        const { storage } = latest.current;
        const [urls, frames] = await Promise.all([latest.current.urls(), typeof storage === 'function' ? storage() : storage]);
        const page = await request('getReport', {
          tabId,
          urls,
          setCookies: latest.current.setCookies,
          allStores: latest.current.allStores,
          compact: latest.current.compact,
          ...(frames ? { storage: frames } : {}),
        });
        // User Timing entries for `npm run bench`: the worker's answer, then (panel-app) the render.
        performance.measure('cookie-lens:report', { start: started, end: performance.now() });
        performance.mark('cookie-lens:report-received');
        sites = shownSites(page, urls);
        known = true;
        if (!cancelled) setState({ page, loading: false });
      } catch (error) {
        if (!cancelled) setState((s) => ({ ...s, error: errorLine(explainError(error)), loading: false }));
      }
    }, RELOAD_INTERVAL);
    loadRef.current = () => void refresh.run();
    void refresh.run();
    const offChanges = onEvent('timelineAppended', (e) => {
      // Before the first answer every change may matter; after it, only those on a site shown.
      if (!known || (e.sites ?? []).some((site) => sites.has(site))) refresh.soon();
    });
    const offPolicy = onEvent('policyChanged', refresh.soon);
    return () => {
      cancelled = true;
      refresh.stop();
      offChanges();
      offPolicy();
    };
  }, [tabId, inputs.reloadKey, inputs.setCookies?.length, inputs.allStores]);
  return { ...state, reload: () => loadRef.current() };
}
