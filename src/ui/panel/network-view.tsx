import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parseSetCookie, type SetCookieResult } from '../../core/set-cookie';
import { request } from '../../messages';
import type { SetCookieSeen } from './use-network-log';

export type Status = { kind: 'stored' } | { kind: 'deleted' } | { kind: 'rejected'; reason: string } | { kind: 'missing'; reason: string };

/**
 * What each Set-Cookie asked for against what the browser did: the engine's storage model says whether
 * it should be stored and why not; the browser's cookie store says whether it is there now.
 */
export function statusOf(verdict: SetCookieResult, inStore: boolean | undefined): Status {
  if (!verdict.accepted) return { kind: 'rejected', reason: verdict.reason };
  if (verdict.expired) return { kind: 'deleted' };
  if (inStore !== false) return { kind: 'stored' };
  return {
    kind: 'missing',
    reason: verdict.partitioned
      ? 'Valid, but not in the store: kept in another partition, or removed since.'
      : 'Valid by the cookie rules, but not in the store: blocked by the browser (third-party cookie blocking, user settings) or removed since.',
  };
}

const LABEL: Record<Status['kind'], string> = { stored: 'stored', deleted: 'deletes the cookie', rejected: 'rejected', missing: 'not stored' };

/** Rows rendered at first and per "show older": the DOM stays small at thousands of responses. */
const PAGE_ROWS = 300;

/**
 * Parses each header once (the log only grows) and asks the worker whether each cookie is in the store for
 * new rows only; all rows again, at most once a second, when the store changes (`version`).
 */
function useVerdicts(log: readonly SetCookieSeen[], storeId: string | undefined, version: number) {
  const parsed = useRef(new WeakMap<SetCookieSeen, SetCookieResult>());
  const verdicts = useMemo(
    () =>
      log.map((s) => {
        let v = parsed.current.get(s);
        if (!v) {
          v = parseSetCookie(s.header, s.url, s.time || Date.now());
          parsed.current.set(s, v);
        }
        return v;
      }),
    [log],
  );
  const [inStore, setInStore] = useState<Map<SetCookieSeen, boolean>>(new Map());
  const checked = useRef({ version: -1, at: 0 });
  useEffect(() => {
    let alive = true;
    const all = checked.current.version !== version;
    const rows = log.filter((s) => all || !inStore.has(s));
    if (!rows.length) return undefined;
    const wait = all ? Math.max(0, 1000 - (Date.now() - checked.current.at)) : 0;
    const timer = setTimeout(() => {
      checked.current = { version, at: Date.now() };
      const refs = rows.map((s) => {
        const v = parsed.current.get(s);
        return v?.accepted ? { name: v.cookie.name, domain: v.cookie.domain, path: v.cookie.path } : { name: '', domain: '', path: '' };
      });
      void request('findCookies', { refs, storeId }).then((found) => {
        if (!alive) return;
        setInStore((current) => {
          const next = new Map(current);
          for (const [i, s] of rows.entries()) next.set(s, found[i]);
          return next;
        });
      });
    }, wait);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [log, storeId, version]);
  return { verdicts, inStore };
}

export function NetworkView({ log, storeId, version, standalone }: { log: readonly SetCookieSeen[]; storeId?: string; version: number; standalone?: boolean }) {
  const { verdicts, inStore } = useVerdicts(log, storeId, version);
  const [limit, setLimit] = useState(PAGE_ROWS);

  if (standalone) {
    return <p class="empty">The network log comes from DevTools: open Cookie Lens in DevTools to see the Set-Cookie headers of each response.</p>;
  }
  if (log.length === 0) {
    return <p class="empty">No Set-Cookie headers seen yet. DevTools only records requests made while it is open: reload the page to see them.</p>;
  }
  // In the order they arrived, like the Network panel; the newest `limit` rows are rendered.
  const from = Math.max(0, log.length - limit);
  const order = log.map((_, i) => i).slice(from);
  return (
    <section class="network" aria-label="Set-Cookie headers received">
      <p class="muted" data-testid="network-count">
        {log.length.toLocaleString('en-US')} Set-Cookie headers{log.length > limit ? `, newest ${limit.toLocaleString('en-US')} shown` : ''}
      </p>
      {log.length > limit && (
        <button type="button" class="more" onClick={() => setLimit((l) => l + PAGE_ROWS)}>
          Show {Math.min(PAGE_ROWS, log.length - limit).toLocaleString('en-US')} older headers
        </button>
      )}
      <table class="network-table">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Response</th>
            <th scope="col">Set-Cookie</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {order.map((i) => {
            const s = log[i];
            const status = statusOf(verdicts[i], inStore.get(s));
            return (
              <tr key={`${i}:${s.url}`} data-status={status.kind} class={`status-${status.kind}`}>
                <td class="nowrap">{LABEL[status.kind]}</td>
                <td class="url-cell" title={s.url}>
                  {s.url}
                </td>
                <td class="header-cell">{s.header}</td>
                <td class="reason-cell">{'reason' in status ? status.reason : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
