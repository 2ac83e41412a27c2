import { useEffect, useState } from 'preact/hooks';
import { onEvent, type PageReport, request } from '../messages';

export interface PageReportState {
  page?: PageReport;
  error?: string;
  loading: boolean;
}

/**
 * Loads the report of a tab and reloads it, debounced, whenever the worker records a cookie change
 * or `reloadKey` changes (a navigation). `urls` supplies the frame and resource URLs to include.
 */
export function usePageReport(tabId: number | undefined, urls: () => Promise<string[]>, reloadKey = 0): PageReportState {
  const [state, setState] = useState<PageReportState>({ loading: true });
  useEffect(() => {
    if (tabId === undefined) return undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const page = await request('getReport', { tabId, urls: await urls() });
        if (!cancelled) setState({ page, loading: false });
      } catch (error) {
        if (!cancelled) setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error), loading: false }));
      }
    };
    void load();
    const off = onEvent('timelineAppended', () => {
      clearTimeout(timer);
      timer = setTimeout(load, 150);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      off();
    };
  }, [tabId, reloadKey]);
  return state;
}
