import type { Cookie } from './cookie';

/** chrome.cookies.OnChangedCause; Firefox reports every deletion as `explicit`. */
export type ChangeCause = 'explicit' | 'overwrite' | 'expired' | 'expired_overwrite' | 'evicted';

export interface CookieChange {
  /** ms since the epoch, when the worker received the event. */
  time: number;
  cause: ChangeCause;
  removed: boolean;
  cookie: Cookie;
  /**
   * Set on changes found when the worker started again: the store differed from what the timeline had
   * recorded (the browser was closed, or the worker was stopped before it could write). `time` is then
   * when the difference was noticed, not when it happened.
   */
  missed?: true;
  /** The stored value is the start of a longer one: its full size and hash (see timeline-codec VALUE_LIMIT). */
  truncated?: { size: number; hash: string };
}

export interface TimelineEntry extends CookieChange {
  /** Increases by one per recorded change, never reused: gaps mean dropped entries. */
  seq: number;
}

/** What the ring holds and may hold: the real retention, in entries and bytes. */
export interface Retention {
  /** Entries stored now, and their bytes. */
  entries: number;
  bytes: number;
  /** The ring's limits: whichever is reached first pushes the oldest entries out. */
  maxEntries: number;
  maxBytes: number;
  /** Time of the oldest entry kept. */
  oldest?: number;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Entries pushed out of the ring since it was created (to make room, or lost to failed writes). */
  dropped: number;
  /**
   * Changes that never reached storage because it failed for long: while it did, queued changes were merged
   * into the latest one per cookie, written as `missed` entries. This many intermediate states are gone.
   */
  lost: number;
  /** The seq the next entry will get. */
  nextSeq: number;
  capacity: number;
  retention: Retention;
  /** Changes received but not yet in storage. */
  pending: number;
  /** Set while writes to storage fail; the changes stay queued (up to a bound) and are retried. */
  lastError?: string;
  /**
   * Which run of the worker answered. Entries not yet written carry the seq they will get from this run; a
   * worker stopped before writing them loses them (the next run marks them missed) and numbers anew from the
   * last written seq, so a reader that saw them must read everything again when this changes (TimelineFeed).
   */
  epoch: string;
}
