import { type Cookie, refKey, sameSiteLabel } from './cookie';
import { globMatch } from './pattern';
import type { TimelineEntry, TimelinePage } from './timeline';

/** What happened to a cookie, in the words of the panel's timeline. */
export type ChangeKind = 'created' | 'overwritten' | 'expired' | 'evicted' | 'removed';

export interface TimelineRow {
  seq: number;
  time: number;
  kind: ChangeKind;
  name: string;
  domain: string;
  path: string;
  oldValue?: string;
  newValue?: string;
  /** For overwrites: the attributes that changed besides the value ("expiry renewed", "Secure added"…). */
  changes?: string[];
  /** Seen only when the worker started again: the time is when it was noticed. */
  missed: boolean;
  entry: TimelineEntry;
  /** The cookie as it was before this change (removed, expired, evicted, overwritten): what "Restore" writes back. */
  before?: Cookie;
  /** Its value was stored cut (too long), so it cannot be written back exactly. */
  beforeCut?: boolean;
}

/** What a row says, computed once per row (a view groups the same rows again at every refresh). */
const sayings = new WeakMap<TimelineRow, string>();
const saying = (r: TimelineRow) => {
  let said = sayings.get(r);
  if (said === undefined) {
    said = [refKey(r.entry.cookie), r.entry.cookie.storeId ?? '', r.kind, r.oldValue ?? '', r.newValue ?? '', (r.changes ?? []).join(','), r.missed].join(
      '\u0000',
    );
    sayings.set(r, said);
  }
  return said;
};

/** Firefox reports every removal as `explicit`; an update then shows as a removal and an add in a row. */
function replacedNext(entries: readonly TimelineEntry[], i: number, key: string): boolean {
  const e = entries[i];
  const next = entries[i + 1];
  return e.removed && e.cause === 'explicit' && next !== undefined && !next.removed && refKey(next.cookie) === key && next.time - e.time <= 1000;
}

/**
 * Turns raw onChanged events into rows: an `overwrite` removal followed by the new cookie becomes one
 * "overwritten" row with the old and new values; removals are told apart by their cause — or, where the
 * browser says only "explicit" (Firefox), by what they look like: followed at once by the same cookie
 * (an overwrite) or past their expiry date (expired).
 */
export function timelineRows(entries: readonly TimelineEntry[], formatTime: (ms: number) => string = utcMinute): TimelineRow[] {
  return new TimelineRows(formatTime).append(entries).rows;
}

/**
 * timelineRows built as entries arrive (oldest first): each entry is looked at once, so a view that
 * appends a storm's changes a batch at a time does no work over what it already has.
 */
export class TimelineRows {
  /** Oldest first. */
  rows: TimelineRow[] = [];
  private readonly pendingOverwrite = new Map<string, TimelineRow>();
  /** The last entry, when its row depends on the entry after it (an "explicit" removal: Firefox's overwrites). */
  private undecided: TimelineEntry | undefined;

  constructor(private readonly formatTime: (ms: number) => string = utcMinute) {}

  append(fresh: readonly TimelineEntry[]): this {
    if (!fresh.length) return this;
    let entries = fresh;
    if (this.undecided) {
      // Its row was a guess ("removed") made without the next entry: made again now that it is here.
      this.rows.pop();
      entries = [this.undecided, ...fresh];
    }
    for (const [i, e] of entries.entries()) this.add(entries, i, e);
    const last = entries[entries.length - 1];
    this.undecided = last.removed && last.cause === 'explicit' ? last : undefined;
    return this;
  }

  /** Forgets the rows of entries before `seq` (the view keeps only the newest entries). */
  dropBefore(seq: number): void {
    let n = 0;
    while (n < this.rows.length && this.rows[n].seq < seq) n++;
    if (n) this.rows = this.rows.slice(n);
  }

  private add(entries: readonly TimelineEntry[], i: number, e: TimelineEntry): void {
    const { rows, pendingOverwrite } = this;
    const key = refKey(e.cookie);
    const base = { seq: e.seq, time: e.time, name: e.cookie.name, domain: e.cookie.domain, path: e.cookie.path, missed: e.missed === true, entry: e };
    if (e.removed && (e.cause === 'overwrite' || replacedNext(entries, i, key))) {
      const row: TimelineRow = { ...base, kind: 'overwritten', oldValue: e.cookie.value, before: e.cookie, beforeCut: e.truncated !== undefined };
      pendingOverwrite.set(key, row);
      rows.push(row);
      return;
    }
    if (!e.removed) {
      const overwritten = pendingOverwrite.get(key);
      if (overwritten) {
        pendingOverwrite.delete(key);
        overwritten.newValue = e.cookie.value;
        overwritten.changes = attributeChanges(overwritten.entry.cookie, e.cookie, this.formatTime);
        overwritten.entry = e;
        sayings.delete(overwritten);
        return;
      }
      rows.push({ ...base, kind: 'created', newValue: e.cookie.value });
      return;
    }
    const pastExpiry = e.cookie.expirationDate !== undefined && e.cookie.expirationDate * 1000 <= e.time + 1000;
    const kind: ChangeKind =
      e.cause === 'expired' || e.cause === 'expired_overwrite' || (e.cause === 'explicit' && pastExpiry)
        ? 'expired'
        : e.cause === 'evicted'
          ? 'evicted'
          : 'removed';
    rows.push({ ...base, kind, oldValue: e.cookie.value, before: e.cookie, beforeCut: e.truncated !== undefined });
  }
}

/** A time as "2026-12-01 10:26 UTC"; the UI passes the reader's local time instead. */
const utcMinute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** What changed between two versions of a cookie, apart from the value. */
export function attributeChanges(before: Cookie, after: Cookie, formatTime: (ms: number) => string = utcMinute): string[] {
  const out: string[] = [];
  if (before.session !== after.session) out.push(after.session ? 'now a session cookie' : 'now persistent');
  else if (before.expirationDate !== after.expirationDate && after.expirationDate !== undefined) {
    out.push(`expiry ${after.expirationDate > (before.expirationDate ?? 0) ? 'extended' : 'shortened'} to ${formatTime(after.expirationDate * 1000)}`);
  }
  for (const flag of ['secure', 'httpOnly'] as const) {
    if (before[flag] !== after[flag]) out.push(`${flag === 'secure' ? 'Secure' : 'HttpOnly'} ${after[flag] ? 'added' : 'removed'}`);
  }
  if (before.sameSite !== after.sameSite) out.push(`SameSite ${sameSiteLabel(before.sameSite) || 'unset'} → ${sameSiteLabel(after.sameSite) || 'unset'}`);
  return out;
}

export interface TextDiff {
  prefix: string;
  removed: string;
  added: string;
  suffix: string;
}

/** Old → new with the common start and end kept apart, so the changed middle stands out. */
export function diffText(before: string, after: string): TextDiff {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return {
    prefix: before.slice(0, start),
    removed: before.slice(start, before.length - end),
    added: after.slice(start, after.length - end),
    suffix: before.slice(before.length - end),
  };
}

/** Values this short are shown whole, old → new: a character diff of "263" → "264" reads as noise. */
export const WHOLE_VALUE_CHARS = 32;

/** Show the whole old and new values rather than a character diff. */
export const showWhole = (before: string, after: string) => before.length <= WHOLE_VALUE_CHARS && after.length <= WHOLE_VALUE_CHARS;

export interface RowGroup {
  /** The newest row of the run (rows are newest first). */
  row: TimelineRow;
  /** The run, newest first; one row when nothing repeats. */
  rows: TimelineRow[];
}

/**
 * Runs of consecutive rows that say the same thing about the same cookie (a script renewing an expiry every
 * second: "same value, expiry extended to 10:26" 60 times) become one group with a count.
 */
export function groupRepeats(rows: readonly TimelineRow[]): RowGroup[] {
  const groups: RowGroup[] = [];
  let last = '';
  for (const row of rows) {
    const key = saying(row);
    if (groups.length && key === last) groups[groups.length - 1].rows.push(row);
    else groups.push({ row, rows: [row] });
    last = key;
  }
  return groups;
}

/**
 * The timeline's name filter: words match a part of the name (globs with * or ? the whole name); a word
 * starting with "-" hides what it matches (a cookie changed every second). A row shows when it matches one
 * of the plain words (or there are none) and none of the hidden ones.
 */
export function nameFilter(text: string): (name: string) => boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const match = (word: string) => (/[*?]/.test(word) ? (name: string) => globMatch(word, name) : (name: string) => name.includes(word));
  const shown = words.filter((w) => !w.startsWith('-')).map(match);
  const hidden = words.filter((w) => w.startsWith('-') && w.length > 1).map((w) => match(w.slice(1)));
  return (name) => {
    const n = name.toLowerCase();
    return (shown.length === 0 || shown.some((m) => m(n))) && !hidden.some((m) => m(n));
  };
}

/**
 * Reads the worker's timeline as it grows: each read asks only for entries after the last one read. When the
 * worker answering is a new run (`epoch`), entries the last run showed before writing them may be gone or
 * numbered anew, so the feed reads everything again and says so: the reader starts its rows over.
 */
export class TimelineFeed {
  private last = -1;
  private epoch: string | undefined;

  constructor(private readonly read: (afterSeq: number) => Promise<TimelinePage>) {}

  async next(): Promise<{ page: TimelinePage; restarted: boolean }> {
    let page = await this.read(this.last);
    const restarted = this.epoch !== undefined && page.epoch !== this.epoch;
    if (restarted) page = await this.read(-1);
    this.epoch = page.epoch;
    if (restarted) this.last = -1;
    if (page.entries.length) this.last = page.entries[page.entries.length - 1].seq;
    return { page, restarted };
  }
}
