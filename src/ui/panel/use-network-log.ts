import { useEffect, useState } from 'preact/hooks';
import { setCookieLines } from '../../core/header-text';
import type { DevtoolsApi, HarEntry } from './devtools-api';

export interface SetCookieSeen {
  url: string;
  header: string;
  /** ms since the epoch the request started. */
  time: number;
  status?: number;
}

/** Every Set-Cookie header in one HAR entry (each header line is one cookie). */
export function setCookiesOf(entry: HarEntry): SetCookieSeen[] {
  const time = Date.parse(entry.startedDateTime) || 0;
  // HAR gives each header byte as one character: setCookieLines reads the bytes as UTF-8, as the Network panel shows them.
  return setCookieLines(entry.response.headers).map((header) => ({ url: entry.request.url, header, time, status: entry.response.status }));
}

/**
 * The Set-Cookie headers of the inspected page: what DevTools already captured, then live. A navigation
 * starts a new log, like the Network panel without "Preserve log".
 */
export function useNetworkLog(api: DevtoolsApi): SetCookieSeen[] {
  const [log, setLog] = useState<SetCookieSeen[]>([]);
  useEffect(() => {
    let alive = true;
    // Responses come in bursts (thousands on a busy page): they are added together, ten times a second.
    let queued: SetCookieSeen[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = queued;
      queued = [];
      if (alive && batch.length) setLog((current) => [...current, ...batch]);
    };
    void api.getHar().then((entries) => {
      if (alive) setLog((current) => [...entries.flatMap(setCookiesOf), ...current]);
    });
    const offRequest = api.onRequestFinished((entry) => {
      const seen = setCookiesOf(entry);
      if (!seen.length) return;
      queued.push(...seen);
      timer ??= setTimeout(flush, 100);
    });
    // The new document's own response can finish before the navigation is reported: keep it.
    const offNavigated = api.onNavigated((url) => {
      flush();
      setLog((current) => current.filter((s) => s.url === url));
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      offRequest();
      offNavigated();
    };
  }, [api]);
  return log;
}
