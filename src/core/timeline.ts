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
}

export interface TimelineEntry extends CookieChange {
  /** Increases by one per recorded change, never reused: gaps mean dropped entries. */
  seq: number;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Entries pushed out of the ring since it was created. */
  dropped: number;
  /** The seq the next entry will get. */
  nextSeq: number;
  capacity: number;
  /** Set when the last write to storage failed; the entries stay queued and are retried. */
  lastError?: string;
}
