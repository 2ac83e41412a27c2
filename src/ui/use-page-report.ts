import { useEffect, useRef, useState } from 'preact/hooks';
import { errorLine, explainError } from '../core/browser-errors';
import { onEvent, type PageReport, request } from '../messages';

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
}

/**
 * Loads the report of a tab and reloads it, debounced, whenever the worker records a cookie change
 * or the inputs change. `urls` supplies the frame and resource URLs to include.
 */
export function usePageReport(tabId: number | undefined, inputs: ReportInputs): PageReportState {
  const [state, setState] = useState<Omit<PageReportState, 'reload'>>({ loading: true });
  const latest = useRef(inputs);
  latest.current = inputs;
  const loadRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    if (tabId === undefined) return undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;
    const load = async () => {
      const mine = ++generation;
      try {
        const started = performance.now();
        const page = await request('getReport', {
          tabId,
          urls: await latest.current.urls(),
          setCookies: latest.current.setCookies,
          allStores: latest.current.allStores,
        });
        // User Timing entries for `npm run bench`: the worker's answer, then (panel-app) the render.
        performance.measure('cookie-lens:report', { start: started, end: performance.now() });
        performance.mark('cookie-lens:report-received');
        // A slower, older answer must not overwrite a newer one.
        if (!cancelled && mine === generation) setState({ page, loading: false });
      } catch (error) {
        if (!cancelled) setState((s) => ({ ...s, error: errorLine(explainError(error)), loading: false }));
      }
    };
    loadRef.current = () => void load();
    void load();
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(load, 150);
    };
    const offChanges = onEvent('timelineAppended', later);
    const offPolicy = onEvent('policyChanged', later);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      offChanges();
      offPolicy();
    };
  }, [tabId, inputs.reloadKey, inputs.setCookies?.length, inputs.allStores]);
  return { ...state, reload: () => loadRef.current() };
}
