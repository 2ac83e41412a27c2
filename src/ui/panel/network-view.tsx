import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parseSetCookie, type SetCookieResult } from '../../core/set-cookie';
import { request } from '../../messages';
import type { TabResponses } from '../../protocol';
import { FoldedText } from '../folded-text';
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
/** Header characters shown before "show all". */
const FOLD = 300;

/** One row: a Set-Cookie line, or a document response that set none (so a redirect chain reads in order). */
export interface NetworkRow {
  key: string;
  url: string;
  status?: number;
  time: number;
  header?: string;
  /** Seen only in DevTools' log (before the worker saw this tab, or a request it could not observe). */
  devtoolsOnly?: boolean;
}

/**
 * The worker's log of the tab — from the current page's first response (its redirect chain included), or
 * all of it with "Preserve log" — and what DevTools' log adds. Each (URL, header) once.
 */
export function networkRows(log: TabResponses | undefined, har: readonly SetCookieSeen[], preserve: boolean): NetworkRow[] {
  const rows: NetworkRow[] = [];
  const seen = new Set<string>();
  const responses = log ? log.responses.slice(preserve ? 0 : log.pageStart) : [];
  for (const [i, r] of responses.entries()) {
    if (r.setCookies.length === 0) rows.push({ key: `w${i}`, url: r.url, status: r.status, time: r.time });
    for (const [j, header] of r.setCookies.entries()) {
      seen.add(`${r.url}\n${header}`);
      rows.push({ key: `w${i}.${j}`, url: r.url, status: r.status, time: r.time, header });
    }
  }
  for (const [i, h] of har.entries())
    if (!seen.has(`${h.url}\n${h.header}`)) rows.push({ key: `h${i}`, url: h.url, status: h.status, time: h.time, header: h.header, devtoolsOnly: true });
  return rows;
}

/**
 * Parses each header once and asks the worker whether each cookie is in the store for new rows only; all rows
 * again, at most once a second, when the store changes (`version`).
 */
function useVerdicts(rows: readonly NetworkRow[], storeId: string | undefined, version: number) {
  const parsed = useRef(new Map<string, SetCookieResult>());
  const verdicts = useMemo(
    () =>
      rows.map((r) => {
        if (r.header === undefined) return undefined;
        const id = `${r.url}\n${r.header}`;
        let v = parsed.current.get(id);
        if (!v) {
          v = parseSetCookie(r.header, r.url, r.time || Date.now());
          parsed.current.set(id, v);
        }
        return v;
      }),
    [rows],
  );
  const [inStore, setInStore] = useState<Map<string, boolean>>(new Map());
  const checked = useRef({ version: -1, at: 0 });
  useEffect(() => {
    let alive = true;
    const all = checked.current.version !== version;
    const todo = rows.map((r, i) => [r, verdicts[i]] as const).filter(([r, v]) => v && (all || !inStore.has(r.key)));
    if (!todo.length) return undefined;
    const wait = all ? Math.max(0, 1000 - (Date.now() - checked.current.at)) : 0;
    const timer = setTimeout(() => {
      checked.current = { version, at: Date.now() };
      const refs = todo.map(([, v]) =>
        v?.accepted ? { name: v.cookie.name, domain: v.cookie.domain, path: v.cookie.path } : { name: '', domain: '', path: '' },
      );
      void request('findCookies', { refs, storeId }).then((found) => {
        if (!alive) return;
        setInStore((current) => {
          const next = new Map(current);
          for (const [i, [r]] of todo.entries()) next.set(r.key, found[i]);
          return next;
        });
      });
    }, wait);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [rows, verdicts, storeId, version]);
  return { verdicts, inStore };
}

function HeaderCell({ header }: { header: string }) {
  return (
    <td class="header-cell">
      <FoldedText text={header} limit={FOLD} />
    </td>
  );
}

interface Props {
  log?: TabResponses;
  har: readonly SetCookieSeen[];
  storeId?: string;
  version: number;
  /** Shows the cookie a row set in the Cookies view (by name, domain and path). */
  onShowCookie?(cookie: { name: string; domain: string; path: string }): void;
}

export function NetworkView({ log, har, storeId, version, onShowCookie }: Props) {
  const [preserve, setPreserve] = useState(false);
  const [text, setText] = useState('');
  const all = useMemo(() => networkRows(log, har, preserve), [log, har, preserve]);
  const needle = text.trim().toLowerCase();
  const rows = useMemo(
    () => (needle ? all.filter((r) => r.url.toLowerCase().includes(needle) || (r.header ?? '').toLowerCase().includes(needle)) : all),
    [all, needle],
  );
  const { verdicts, inStore } = useVerdicts(rows, storeId, version);
  const [limit, setLimit] = useState(PAGE_ROWS);
  const headers = rows.filter((r) => r.header !== undefined).length;

  // In the order they arrived, like the Network panel; the newest `limit` rows are rendered.
  const from = Math.max(0, rows.length - limit);
  return (
    <section class="network" aria-label="Set-Cookie headers received">
      <div class="subbar">
        <input
          type="search"
          class="filter"
          placeholder="Filter by URL or cookie name"
          aria-label="Filter responses"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <label class="check">
          <input type="checkbox" checked={preserve} onChange={(e) => setPreserve((e.target as HTMLInputElement).checked)} /> Preserve log
        </label>
        <span class="muted" data-testid="network-count">
          {headers.toLocaleString('en-US')} Set-Cookie headers{rows.length > limit ? `, newest ${limit.toLocaleString('en-US')} rows shown` : ''}
          {log?.dropped ? ` · ${log.dropped.toLocaleString('en-US')} older responses with cookies dropped (the log keeps the last 1,000 per tab)` : ''}
        </span>
      </div>
      {all.length === 0 && <p class="empty">No response of this page has set a cookie yet.</p>}
      {rows.length > limit && (
        <button type="button" class="more" onClick={() => setLimit((l) => l + PAGE_ROWS)}>
          Show {Math.min(PAGE_ROWS, rows.length - limit).toLocaleString('en-US')} older rows
        </button>
      )}
      {rows.length > 0 && (
        <table class="network-table">
          <thead>
            <tr>
              <th scope="col">Cookie</th>
              <th scope="col">HTTP</th>
              <th scope="col">Response</th>
              <th scope="col">Set-Cookie</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(from).map((r, k) => {
              const verdict = verdicts[from + k];
              const status = verdict ? statusOf(verdict, inStore.get(r.key)) : undefined;
              const cookie = verdict?.accepted ? verdict.cookie : undefined;
              return (
                <tr key={r.key} data-status={status?.kind ?? 'document'} class={status ? `status-${status.kind}` : 'status-document'}>
                  <td class="nowrap">
                    {status ? LABEL[status.kind] : '—'}
                    {cookie && status?.kind === 'stored' && onShowCookie && (
                      <>
                        {' '}
                        <button type="button" class="link" data-show-cookie={cookie.name} onClick={() => onShowCookie(cookie)}>
                          show
                        </button>
                      </>
                    )}
                  </td>
                  <td class="nowrap" data-testid="http-status">
                    {r.status ?? ''}
                  </td>
                  <td class="url-cell" title={r.url}>
                    {r.url}
                    {r.devtoolsOnly && <span class="muted"> (DevTools)</span>}
                  </td>
                  {r.header === undefined ? <td class="header-cell muted">no Set-Cookie</td> : <HeaderCell header={r.header} />}
                  <td class="reason-cell">{status && 'reason' in status ? status.reason : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
