// Judges a timeline against a ground-truth log of every cookie write: each write is recorded, or covered by a
// `missed` entry of its cookie after the last recorded change before it. Unit and end-to-end tests share it.
import { refKey } from '../src/core/cookie';
import type { TimelineEntry } from '../src/core/timeline';
import { cutValue, VALUE_LIMIT } from '../src/core/timeline-codec';

export interface Write {
  /** refKey of the cookie, or any key matched by `keyOf`. */
  key: string;
  value: string;
  removed: boolean;
}

export interface Accounting {
  writes: number;
  recorded: number;
  /** Writes not recorded, each covered by a missed entry. */
  covered: number;
  /** Writes neither recorded nor covered: must be none. */
  unaccounted: string[];
  missedEntries: number;
}

const stored = (value: string) => (value.length > VALUE_LIMIT ? cutValue(value) : value);

export function account(
  writes: readonly Write[],
  entries: readonly TimelineEntry[],
  keyOf: (e: TimelineEntry) => string = (e) => refKey(e.cookie),
): Accounting {
  const byKey = new Map<string, TimelineEntry[]>();
  for (const e of entries) byKey.set(keyOf(e), [...(byKey.get(keyOf(e)) ?? []), e]);
  const at = new Map<string, number>();
  const result: Accounting = { writes: writes.length, recorded: 0, covered: 0, unaccounted: [], missedEntries: entries.filter((e) => e.missed).length };
  for (const w of writes) {
    const list = byKey.get(w.key) ?? [];
    const from = at.get(w.key) ?? 0;
    const i = list.findIndex((e, j) => j >= from && !e.missed && e.removed === w.removed && (w.removed || e.cookie.value === stored(w.value)));
    if (i >= 0) {
      at.set(w.key, i + 1);
      result.recorded++;
    } else if (list.slice(from).some((e) => e.missed)) result.covered++;
    else result.unaccounted.push(`${w.key} ${w.removed ? 'removed' : `= ${w.value.slice(0, 40)}`}`);
  }
  return result;
}
