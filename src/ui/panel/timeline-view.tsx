import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ContainerInfo } from '../../core/analyzed';
import { errorLine, explainError } from '../../core/browser-errors';
import { cookieHost } from '../../core/cookie';
import { siteOf } from '../../core/site';
import { diffText, groupRepeats, nameFilter, showWhole, TimelineFeed, type TimelineRow, TimelineRows } from '../../core/timeline-view';
import { onEvent, request } from '../../messages';
import { ContainerBadge } from '../badges';
import { coalesce } from '../coalesce';
import { localDateTime } from '../format';
import { retentionText, type TimelineStatus } from '../timeline-status';

/** Rows rendered at first, and per "show more": the DOM stays small however long the history. */
const PAGE_ROWS = 200;

const KIND_LABEL: Record<TimelineRow['kind'], string> = {
  created: 'created',
  overwritten: 'overwritten',
  expired: 'expired',
  evicted: 'evicted',
  removed: 'removed',
};

function Diff({ row }: { row: TimelineRow }) {
  if (row.kind === 'overwritten' && row.oldValue !== undefined && row.newValue !== undefined) {
    const d = diffText(row.oldValue, row.newValue);
    const changes = row.changes?.length ? ` (${row.changes.join(', ')})` : '';
    if (d.removed === '' && d.added === '') return <span class="diff-same">{`${row.newValue} — same value${changes || ', set again'}`}</span>;
    if (showWhole(row.oldValue, row.newValue))
      return (
        <span class="diff whole">
          <del>{row.oldValue}</del> → <ins>{row.newValue}</ins>
          {changes && <span class="muted">{changes}</span>}
        </span>
      );
    return (
      <span class="diff">
        {d.prefix}
        <del>{d.removed}</del>
        <ins>{d.added}</ins>
        {d.suffix}
        {changes && <span class="muted">{changes}</span>}
      </span>
    );
  }
  return <span class="diff">{row.newValue ?? row.oldValue ?? ''}</span>;
}

/**
 * The worker's persisted change history, newest first: changes from before the panel opened are
 * there, and new ones arrive live. Filter by cookie name and by the inspected page's sites.
 */
export function TimelineView({
  pageSites,
  containers,
  onRestore,
}: {
  pageSites: ReadonlySet<string>;
  /** Firefox containers by cookie store id. */
  containers?: ReadonlyMap<string, ContainerInfo>;
  /** "Restore this value": writes the cookie as it was before the row's change back. */
  onRestore?: (row: TimelineRow) => void;
}) {
  // Rows are built as entries arrive, each entry once; `version` tells the memos below that there are more.
  const built = useRef<TimelineRows | undefined>(undefined);
  const freshRows = () => new TimelineRows((ms) => localDateTime(ms));
  built.current ??= freshRows();
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<TimelineStatus>();
  const [text, setText] = useState('');
  const [onlyPage, setOnlyPage] = useState(true);
  const [error, setError] = useState<string>();
  const [limit, setLimit] = useState(PAGE_ROWS);

  useEffect(() => {
    const feed = new TimelineFeed((afterSeq) => request('getTimeline', { afterSeq }));
    let alive = true;
    // Only what is new is fetched, one request at a time, at most seven a second during a storm.
    const refresh = coalesce(async () => {
      try {
        const {
          page: { entries: fresh, ...page },
          restarted,
        } = await feed.next();
        if (!alive) return;
        // A new worker: the rows are built again from what it has.
        if (restarted) built.current = freshRows();
        if (fresh.length) {
          const rows = built.current as TimelineRows;
          rows.append(fresh);
          // Keeps what the worker keeps (its capacity): the oldest entries go as new ones come.
          rows.dropBefore(fresh[fresh.length - 1].seq + 1 - page.capacity);
        }
        if (fresh.length || restarted) setVersion((v) => v + 1);
        setStatus(page);
        setError(page.lastError && errorLine(explainError(page.lastError)));
      } catch (e) {
        if (alive) setError(errorLine(explainError(e)));
      }
    }, 150);
    void refresh.run();
    const off = onEvent('timelineAppended', refresh.soon);
    return () => {
      alive = false;
      refresh.stop();
      off();
    };
  }, []);

  const wanted = useMemo(() => nameFilter(text), [text]);
  // siteOf memoizes per host: a storm's thousands of rows repeat the same few domains.
  const onPage = (r: TimelineRow) => pageSites.has(siteOf(cookieHost(r)));
  // `version` says the built rows grew (they grow in place).
  const { rows, shown } = useMemo(() => {
    const all = (built.current as TimelineRows).rows;
    const newestFirst: TimelineRow[] = [];
    for (let i = all.length - 1; i >= 0; i--) if ((!onlyPage || onPage(all[i])) && wanted(all[i].name)) newestFirst.push(all[i]);
    return { rows: all, shown: groupRepeats(newestFirst) };
  }, [version, onlyPage, pageSites, wanted]);
  const shownChanges = useMemo(() => shown.reduce((n, g) => n + g.rows.length, 0), [shown]);
  /** Groups of repeated changes the user opened, by their newest row's seq. */
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (seq: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  const visibleRows = shown
    .slice(0, limit)
    .flatMap((g) => (open.has(g.row.seq) ? g.rows.map((r, i) => ({ r, group: i === 0 ? g : undefined })) : [{ r: g.row, group: g }]));

  return (
    <section class="timeline" aria-label="Cookie change timeline">
      <div class="subbar">
        <input
          type="search"
          placeholder="Filter by cookie name (-name hides one, * and ? glob)"
          aria-label="Filter the timeline by cookie name"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <label>
          <input type="checkbox" checked={onlyPage} onChange={(e) => setOnlyPage((e.target as HTMLInputElement).checked)} /> Only this page's sites
        </label>
        <span
          class="muted"
          data-testid="timeline-count"
          title="A change is a row: the browser reports an overwrite as two events (the old value removed, the new one set)."
        >
          {shownChanges} of {rows.length} changes shown{status ? ` · ${retentionText(status)}` : ''}
        </span>
        {error && (
          <span class="error" role="alert">
            Timeline storage: {error}
          </span>
        )}
      </div>
      <div class="timeline-scroll">
        <table class="timeline-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Change</th>
              <th scope="col">Cookie</th>
              <th scope="col">Domain</th>
              <th scope="col">Value (old → new)</th>
              {onRestore && (
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {visibleRows.map(({ r, group }) => (
              <tr key={r.seq} data-kind={r.kind} data-cookie={r.name} class={r.missed ? 'missed' : ''}>
                <td class="nowrap">
                  {new Date(r.time).toLocaleTimeString()}
                  {group && group.rows.length > 1 && (
                    <button
                      type="button"
                      class="repeat"
                      data-testid="repeat-count"
                      aria-expanded={open.has(group.row.seq)}
                      title={`The same change ${group.rows.length} times in a row, since ${new Date(group.rows[group.rows.length - 1].time).toLocaleTimeString()}: ${open.has(group.row.seq) ? 'fold' : 'list'} them`}
                      onClick={() => toggle(group.row.seq)}
                    >
                      ×{group.rows.length.toLocaleString('en-US')}
                    </button>
                  )}
                </td>
                <td class={`kind kind-${r.kind}`}>
                  {KIND_LABEL[r.kind]}
                  {r.missed && <span title="Found when the worker started again: it happened while Cookie Lens was not running"> (missed)</span>}
                </td>
                <td class="nowrap">{r.name}</td>
                <td class="nowrap">
                  {r.domain}
                  {(() => {
                    const container = r.entry.cookie.storeId ? containers?.get(r.entry.cookie.storeId) : undefined;
                    return container && <ContainerBadge container={container} />;
                  })()}
                </td>
                <td class="value-cell">
                  <Diff row={r} />
                  {r.entry.truncated && (
                    <span class="muted" data-testid="value-cut">
                      {` (a ${r.entry.truncated.size.toLocaleString('en-US')}-character value, kept as its start and end)`}
                    </span>
                  )}
                </td>
                {onRestore && (
                  <td class="nowrap">
                    {r.before && (
                      <button
                        type="button"
                        class="restore"
                        data-testid="restore"
                        disabled={r.beforeCut}
                        title={
                          r.beforeCut
                            ? 'Its value was stored cut (too long): it cannot be written back exactly.'
                            : `Write "${r.name}" back as it was before this change (value, flags, expiry, partition); Undo in the toast`
                        }
                        onClick={() => onRestore(r)}
                      >
                        Restore this value
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length > limit && (
          <button type="button" class="more" onClick={() => setLimit((l) => l + PAGE_ROWS)}>
            Show {Math.min(PAGE_ROWS, shown.length - limit).toLocaleString('en-US')} older rows ({(shown.length - limit).toLocaleString('en-US')} not shown)
          </button>
        )}
        {shown.length === 0 && <p class="empty">No cookie changes recorded{onlyPage ? ' for this page' : ''} yet.</p>}
      </div>
    </section>
  );
}
