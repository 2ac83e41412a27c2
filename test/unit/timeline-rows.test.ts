import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/core/timeline';
import { groupRepeats, TimelineRows, timelineRows } from '../../src/core/timeline-view';
import { makeCookie } from '../helpers';

const CAUSES = ['explicit', 'overwrite', 'expired', 'expired_overwrite', 'evicted'] as const;

/** Entries as a browser reports them: sets and removals of a few cookies, Firefox-style "explicit" overwrites among them. */
const entries = fc
  .array(
    fc.record({
      name: fc.constantFrom('a', 'b', 'c'),
      removed: fc.boolean(),
      cause: fc.constantFrom(...CAUSES),
      value: fc.constantFrom('1', '2', '3'),
      gap: fc.constantFrom(0, 1, 2000),
    }),
    {
      maxLength: 60,
    },
  )
  .map((list) => {
    const times: number[] = [];
    for (const x of list) times.push((times.at(-1) ?? 1000) + x.gap);
    return list.map(
      (x, seq): TimelineEntry => ({
        seq,
        time: times[seq],
        removed: x.removed,
        cause: x.removed ? x.cause : 'explicit',
        cookie: makeCookie({ name: x.name, value: x.value }),
      }),
    );
  });

/** Cut points splitting a list into batches, as a view receives it. */
const cuts = fc.array(fc.nat(60), { maxLength: 8 });

const plain = (rows: ReturnType<typeof timelineRows>) => rows.map((r) => [r.seq, r.kind, r.name, r.oldValue, r.newValue, r.changes]);

describe('timeline rows built as entries arrive', () => {
  it('are the rows of the whole list, however the list is cut into batches (property)', () => {
    fc.assert(
      fc.property(entries, cuts, (list, at) => {
        const groups = (r: ReturnType<typeof timelineRows>) => groupRepeats([...r].reverse()).map((g) => g.rows.map((x) => x.seq));
        const rows = new TimelineRows();
        let from = 0;
        for (const cut of [...new Set(at)].sort((x, y) => x - y)) {
          rows.append(list.slice(from, Math.max(from, cut)));
          from = Math.max(from, cut);
          // A view groups after every batch: what it caches per row must follow the rows that change later.
          groups(rows.rows);
        }
        rows.append(list.slice(from));
        expect(plain(rows.rows)).toEqual(plain(timelineRows(list)));
        expect(groups(rows.rows)).toEqual(groups(timelineRows(list)));
      }),
      { numRuns: 1000 },
    );
  });

  it('an explicit removal at the end of one batch becomes an overwrite when the next batch sets the same cookie (Firefox)', () => {
    const rows = new TimelineRows();
    rows.append([
      { seq: 0, time: 1, removed: false, cause: 'explicit', cookie: makeCookie({ name: 'a', value: '1' }) },
      { seq: 1, time: 2, removed: true, cause: 'explicit', cookie: makeCookie({ name: 'a', value: '1' }) },
    ]);
    expect(rows.rows.map((r) => r.kind)).toEqual(['created', 'removed']);
    rows.append([{ seq: 2, time: 3, removed: false, cause: 'explicit', cookie: makeCookie({ name: 'a', value: '2' }) }]);
    expect(rows.rows.map((r) => [r.kind, r.oldValue, r.newValue])).toEqual([
      ['created', undefined, '1'],
      ['overwritten', '1', '2'],
    ]);
  });

  it('groups a renewal whose two halves came in different batches with the renewals after it', () => {
    const e = (seq: number, removed: boolean): TimelineEntry => ({
      seq,
      time: seq,
      removed,
      cause: removed ? 'overwrite' : 'explicit',
      cookie: makeCookie({ name: 'a', value: '1' }),
    });
    const rows = new TimelineRows();
    rows.append([e(0, true)]);
    // The view groups what it has: the first renewal is still half known.
    expect(groupRepeats(rows.rows)).toHaveLength(1);
    rows.append([e(1, false), e(2, true), e(3, false)]);
    expect(groupRepeats([...rows.rows].reverse()).map((g) => g.rows.length)).toEqual([2]);
  });

  it('drops the rows of entries the view no longer keeps', () => {
    const rows = new TimelineRows();
    rows.append(
      Array.from({ length: 10 }, (_, seq): TimelineEntry => ({ seq, time: seq, removed: false, cause: 'explicit', cookie: makeCookie({ name: `c${seq}` }) })),
    );
    rows.dropBefore(7);
    expect(rows.rows.map((r) => r.seq)).toEqual([7, 8, 9]);
  });
});
