import type { Cookie } from '../core/cookie';
import { applyChange, missedChanges, stateOf } from '../core/snapshot';
import { decodeCookie, type EncodedCookie, encodeCookie } from '../core/timeline-codec';
import type { StorageArea, TimelineStore } from './timeline-store';

const KEY = 'timeline.snapshot';

interface StoredSnapshot {
  /** The store as it was when the timeline's next seq was `seq`. */
  seq: number;
  cookies: EncodedCookie[];
}

/**
 * Makes lost changes visible. Every `interval` ms while cookies change, the worker saves the whole store
 * with the timeline position it corresponds to. When the worker starts, it replays the timeline from
 * that snapshot and compares the result with the real store: whatever differs happened while nobody was
 * listening (browser closed, worker stopped before it could write) and goes into the timeline, marked.
 */
export class SnapshotKeeper {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly area: StorageArea,
    private readonly timeline: TimelineStore,
    private readonly readStore: () => Promise<Cookie[]>,
    private readonly interval = 10_000,
  ) {}

  /** Call once when the worker starts; records the changes it finds missing. Resolves to how many. */
  start(now = Date.now()): Promise<number> {
    let found = 0;
    this.ready = this.reconcile(now).then((n) => {
      found = n;
    });
    return this.ready.then(() => found);
  }

  /** A change was recorded: a fresh snapshot is due within `interval` ms. */
  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.interval);
  }

  /** Writes the snapshot now (tests, and the worker's own timer). */
  async save(): Promise<void> {
    await this.ready;
    const { seq, cookies } = await this.consistentRead();
    await this.area.set({ [KEY]: { seq, cookies: cookies.map(encodeCookie) } satisfies StoredSnapshot });
  }

  /** Reads the store while no change is recorded, so the snapshot matches one timeline position. */
  private async consistentRead(): Promise<{ seq: number; cookies: Cookie[] }> {
    for (let attempt = 0; ; attempt++) {
      const before = await this.timeline.position();
      const cookies = await this.readStore();
      const after = await this.timeline.position();
      if (before === after || attempt >= 4) return { seq: before, cookies };
    }
  }

  private async reconcile(now: number): Promise<number> {
    const stored = (await this.area.get(KEY))[KEY] as StoredSnapshot | undefined;
    const { seq, cookies: actual } = await this.consistentRead();
    if (!stored) {
      await this.area.set({ [KEY]: { seq, cookies: actual.map(encodeCookie) } satisfies StoredSnapshot });
      return 0;
    }
    const page = await this.timeline.read(stored.seq - 1);
    const entries = page.entries.filter((e) => e.seq < seq);
    // The ring dropped entries the replay needs: the expected state is unknown, so only re-baseline.
    const complete = stored.seq >= seq || entries[0]?.seq === stored.seq;
    let missed = 0;
    if (complete) {
      const expected = stateOf(stored.cookies.map(decodeCookie));
      for (const e of entries) applyChange(expected, e);
      const changes = missedChanges(expected, actual, now);
      for (const change of changes) this.timeline.record(change);
      missed = changes.length;
    }
    await this.area.set({ [KEY]: { seq: seq + missed, cookies: actual.map(encodeCookie) } satisfies StoredSnapshot });
    return missed;
  }
}
