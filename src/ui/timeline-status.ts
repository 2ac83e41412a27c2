import { useEffect, useState } from 'preact/hooks';
import { errorLine, explainError } from '../core/browser-errors';
import type { TimelinePage } from '../core/timeline';
import { onEvent, request } from '../messages';
import { coalesce } from './coalesce';
import { localDateTime } from './format';

const n = (x: number) => x.toLocaleString('en-US');
/** "1 change", "12,000 changes". */
const count = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;
/** "7.0 MB", "12 KB", "800 B": a small timeline read "0.00 MB", as if it held nothing. */
const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${n(bytes)} B`;

export type TimelineStatus = Pick<TimelinePage, 'nextSeq' | 'dropped' | 'lost' | 'pending' | 'retention' | 'lastError'>;

/** What the timeline keeps and has lost, in words: the real retention, in entries and bytes. */
export function retentionText(t: TimelineStatus): string {
  const r = t.retention;
  const parts = [
    // Events, not rows: an overwrite is two (the old value's removal and the new one), which the Timeline shows as
    // one change. Events still queued are recorded too (the Timeline lists them), as are those waiting for their write.
    `${count(t.nextSeq + t.pending, 'cookie event')} recorded`,
    `keeps the last ${n(r.maxEntries)} or ${size(r.maxBytes)} (now ${n(r.entries)}, ${size(r.bytes)}${r.oldest ? `, since ${localDateTime(r.oldest)}` : ''})`,
  ];
  if (t.dropped) parts.push(`${count(t.dropped, 'older event')} dropped`);
  if (t.pending) parts.push(`${n(t.pending)} of them not yet written to storage`);
  if (t.lost) parts.push(`${n(t.lost)} merged into the latest event of their cookie while storage failed`);
  if (t.lastError) parts.push(`storage: ${errorLine(explainError(t.lastError))}`);
  return parts.join(' · ');
}

/**
 * The timeline's status: refreshed when changes come in — at once after a quiet spell, then at most four times a
 * second (a read of the counts alone: no entries). Once a second left it a second behind the Timeline view above it.
 */
export function useTimelineStatus(): TimelineStatus | undefined {
  const [status, setStatus] = useState<TimelineStatus>();
  useEffect(() => {
    let alive = true;
    // (It used to wait a second after every change, so it said "1 cookie event recorded" under a page that had just set two.)
    const refresh = coalesce(
      () =>
        request('getTimeline', { afterSeq: Number.MAX_SAFE_INTEGER }).then(
          ({ entries: _, ...t }) => {
            if (alive) setStatus(t);
          },
          () => undefined,
        ),
      250,
    );
    void refresh.run();
    const off = onEvent('timelineAppended', refresh.soon);
    return () => {
      alive = false;
      refresh.stop();
      off();
    };
  }, []);
  return status;
}
