import { errorMessage } from '../core/browser-errors';
import type { Cookie } from '../core/cookie';
import { refKey } from '../core/cookie';
import type { CookieChange, TimelineEntry, TimelinePage } from '../core/timeline';
import { decodeEntry, type EncodedEntry, encodeEntry, stateDigest } from '../core/timeline-codec';
import { StoreDigest, type StoredDigest } from '../core/timeline-digest';
import { chunkKey, DIGEST_KEY, itemBytes, META_KEY, pack, RING_BYTES, SHARES, type StorageArea, unpack } from './storage-budget';

import { migrateV1 } from './timeline-migrate';

export interface TimelineOptions {
  /** Entries kept; older ones are dropped a chunk at a time and counted. */
  capacity: number;
  /** Entries of a full chunk: trailing small chunks are merged into one once they add up to this. */
  chunkSize: number;
  /** Bytes the ring may use in storage (chunks and meta), as the quota counts them. */
  maxBytes: number;
  /** Changes arriving within this many ms are written together (at least STORM_DELAY after a storm-sized batch). */
  flushDelay?: number;
  /** Changes held in memory while storage fails; beyond it the oldest are merged, one per cookie, and marked. */
  maxPending?: number;
  /** How often the digest of the store is saved while cookies change (ms). */
  digestInterval?: number;
  /** Received changes are announced at once, then at most once per this many ms while they keep coming. */
  announceInterval?: number;
}

/** Changes received since the last announcement: seq in [firstSeq, nextSeq), written or still queued. */
export interface Received {
  firstSeq: number;
  nextSeq: number;
  dropped: number;
  cookies: Cookie[];
}

/** [seq of the first entry, entries, bytes, time of the first entry] */
type ChunkInfo = [seq: number, count: number, bytes: number, time: number];

interface Meta {
  version: 2;
  nextSeq: number;
  dropped: number;
  lost: number;
  chunks: ChunkInfo[];
  /** Chunk keys replaced by a merged chunk, still to be removed (after a stop between the two writes). */
  garbage?: string[];
}

/**
 * Changes are written 250 ms after they arrive: open views hear of them at once (announce), so the wait only
 * batches writes. A second was tried (fewer writes per page load): a CDP worker stop right after a page load then
 * lost that page's changes to *missed* entries — in the e2e tests, and for anyone who stops the worker by hand.
 */
export const DEFAULT_TIMELINE: TimelineOptions = { capacity: 10_000, chunkSize: 100, maxBytes: RING_BYTES, flushDelay: 250 };
const STORM_BATCH = 100;
/** During a storm, writes wait this long, so each writes a few hundred changes at once. */
const STORM_DELAY = 250;
const MAX_BATCH = 500;
const SMALL_RUN = 8;
const RETRY = [250, 1000, 4000, 15_000];

/**
 * The cookie change timeline, a ring persisted in append-only chunks: each write adds one chunk with the
 * new entries (and the small meta record); trailing small chunks are merged once there are enough of them,
 * so the meta stays small and no chunk is rewritten as it grows.
 *
 * Nothing is lost without a mark. Changes are written within `flushDelay` (bounded) and on suspend; room is
 * made before the write that needs it, inside a byte budget (storage-budget.ts) that leaves the rest of
 * the quota to the extension's other data; a failed write is retried with back-off while new changes keep
 * coming, and if storage stays unusable the oldest queued changes are merged into one per cookie, marked
 * `missed`. What a stopped worker never wrote is found at the next start: the digest of the store saved
 * with its timeline position (always before the ring drops an entry after it) is replayed and compared
 * with the real store, and every difference is recorded as missed.
 */
export class TimelineStore {
  private meta: Meta | null = null;
  private loading: Promise<Meta> | null = null;
  /** Entries of the trailing small chunks, by chunk seq (merged when the run is long enough). */
  private tail = new Map<number, EncodedEntry[]>();
  private pending: CookieChange[] = [];
  /** Queued changes that did not fit while storage failed: the latest one per cookie. */
  private merged = new Map<string, CookieChange>();
  private mergedCount = 0;
  private inFlight: CookieChange[] = [];
  private writing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryAt = 0;
  private attempts = 0;
  private lastBatch = 0;
  private lastError: string | undefined;
  /** Why the digest could not be saved (the next start then marks more changes as missed, never fewer). */
  private digestError: string | undefined;
  private ready: Promise<void> = Promise.resolve();
  /** The store as the written timeline says it is; undefined until start(). */
  private digest: StoreDigest | undefined;
  /** The store as every change received says it is (written or not), to check each new change against. */
  private live: StoreDigest | undefined;
  private digestSeq = 0;
  private digestDue = false;
  private digestTimer: ReturnType<typeof setTimeout> | undefined;
  private ringBytes: number;
  /** Cookies of the changes not yet announced, and the position the last announcement ended at. */
  private unannounced: Cookie[] = [];
  private announcedSeq: number | undefined;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private lastAnnounce = Number.NEGATIVE_INFINITY;
  private readonly opts: Required<TimelineOptions>;
  /** This run of the worker (TimelinePage.epoch). */
  private readonly epoch = crypto.randomUUID();

  constructor(
    private readonly area: StorageArea,
    options: TimelineOptions = DEFAULT_TIMELINE,
    private readonly onReceived: (received: Received) => void = () => undefined,
  ) {
    this.opts = { flushDelay: 0, maxPending: 5000, digestInterval: 10_000, announceInterval: 50, ...options };
    this.ringBytes = this.opts.maxBytes;
  }

  /**
   * Call once when the worker starts: compares the store with what the timeline last wrote and records
   * the differences as missed changes, before any new change is written. Resolves to how many.
   */
  start(readStore: () => Promise<Cookie[]>, now = Date.now()): Promise<number> {
    let found = 0;
    this.ready = this.reconcile(readStore, now).then(
      (n) => {
        found = n;
        if (n) this.announce(this.pending.filter((c) => c.missed).map((c) => c.cookie));
      },
      (error: unknown) => {
        this.lastError = `Could not compare the store with the timeline: ${errorMessage(error)}`;
      },
    );
    this.schedule();
    return this.ready.then(() => found);
  }

  record(change: CookieChange): void {
    if (this.live) this.checkAgainstLive(change, this.pending);
    else this.pending.push(change);
    if (this.pending.length > this.opts.maxPending) this.mergeOldest();
    this.schedule();
    this.announce([change.cookie]);
  }

  /**
   * Open views hear of a change when it arrives, not when it is written: what is queued is read with the
   * seq it will get, so writing can wait for bigger batches without the views waiting for it. The first
   * change after a quiet spell is announced at once; during a storm, at most once per announceInterval.
   */
  private announce(cookies: Cookie[]): void {
    this.unannounced.push(...cookies);
    if (this.announceTimer) return;
    const delay = Math.max(0, this.lastAnnounce + this.opts.announceInterval - Date.now());
    this.announceTimer = setTimeout(() => void this.announceNow(), delay);
  }

  private async announceNow(): Promise<void> {
    const nextSeq = await this.position().catch(() => undefined);
    this.announceTimer = undefined;
    this.lastAnnounce = Date.now();
    const cookies = this.unannounced;
    this.unannounced = [];
    if (nextSeq === undefined || !cookies.length) return;
    const firstSeq = Math.min(this.announcedSeq ?? 0, nextSeq);
    this.announcedSeq = nextSeq;
    this.onReceived({ firstSeq, nextSeq, dropped: this.meta?.dropped ?? 0, cookies });
  }

  /**
   * A removal carries the cookie as it was: if the timeline does not know it in that state, a change was
   * missed (a stopped worker's unwritten queue, a lost event) — record it, marked, before the removal.
   * A cookie set over one the timeline knows always comes after that one's removal (an overwrite is a
   * removal and a set): without it, the removal was lost, and what was between — record that, marked.
   */
  private checkAgainstLive(change: CookieChange, into: CookieChange[]): void {
    const live = this.live as StoreDigest;
    const add = (c: CookieChange) => {
      into.push(c);
      live.apply(c);
    };
    if (!change.missed) {
      if (change.removed && !live.holds(change.cookie)) add({ time: change.time, cause: 'explicit', removed: false, cookie: change.cookie, missed: true });
      // The digest keeps no values: the removed cookie is shown without its value.
      const before = change.removed ? undefined : live.cookieAt(change.cookie);
      if (before) add({ time: change.time, cause: 'overwrite', removed: true, cookie: before, missed: true });
    }
    add(change);
  }

  /** The seq the next recorded change will get (written or still queued). */
  async position(): Promise<number> {
    const meta = await this.load();
    return meta.nextSeq + this.inFlight.length + this.merged.size + this.pending.length;
  }

  /** Resolves once everything recorded so far is written, or the writes failed and wait for a retry. */
  async flush(): Promise<void> {
    if (this.timer && !this.writing) this.writeNow();
    while (this.writing) await this.writing;
  }

  /** The browser is about to stop the worker: write what is queued and the digest, now. */
  async suspend(): Promise<void> {
    this.digestDue = this.digest !== undefined;
    this.writeNow();
    await this.flush();
  }

  async read(afterSeq = -1): Promise<TimelinePage> {
    await this.ready;
    await this.load();
    // Taken in one go, so a write finishing meanwhile cannot shift the numbering of what is queued.
    const meta = this.meta as Meta;
    const chunks = meta.chunks.filter(([seq, count]) => seq + count - 1 > afterSeq);
    const queued = [...this.inFlight, ...this.merged.values(), ...this.pending];
    const base = meta.nextSeq;
    const retention = {
      entries: meta.chunks.reduce((n, c) => n + c[1], 0),
      bytes: meta.chunks.reduce((n, c) => n + c[2], 0),
      maxEntries: this.opts.capacity,
      maxBytes: this.ringBytes,
      ...(meta.chunks[0] ? { oldest: meta.chunks[0][3] } : {}),
    };
    const tail = new Map(this.tail);
    const stored = chunks.length ? await this.area.get(chunks.map(([seq]) => chunkKey(seq))) : {};
    const entries: TimelineEntry[] = [];
    for (const [seq] of chunks) {
      for (const e of unpack<EncodedEntry[]>(stored[chunkKey(seq)]) ?? tail.get(seq) ?? []) if (e[0] > afterSeq && e[0] < base) entries.push(decodeEntry(e));
    }
    // What is received but not yet written, with the seq numbers it will get.
    for (const [i, change] of queued.entries()) if (base + i > afterSeq) entries.push({ ...change, seq: base + i });
    const error = this.lastError ?? this.digestError;
    return {
      entries,
      dropped: meta.dropped,
      lost: meta.lost,
      nextSeq: base,
      capacity: this.opts.capacity,
      retention,
      pending: queued.length,
      epoch: this.epoch,
      ...(error ? { lastError: error } : {}),
    };
  }

  private mergeOldest(): void {
    while (this.pending.length > this.opts.maxPending) {
      const change = this.pending.shift() as CookieChange;
      this.mergedCount++;
      const key = refKey(change.cookie);
      // Delete first so the Map keeps the merged changes in the order of their latest change.
      this.merged.delete(key);
      this.merged.set(key, { ...change, missed: true });
    }
  }

  private schedule(): void {
    if (this.writing || this.timer) return;
    const now = Date.now();
    const delay = Math.max(this.retryAt - now, this.lastBatch >= STORM_BATCH ? STORM_DELAY : this.opts.flushDelay);
    this.timer = setTimeout(() => this.writeNow(), delay);
  }

  private writeNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing) return;
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.pending.length || this.merged.size || this.digestDue) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    await this.ready;
    await this.load();
    for (;;) {
      if (!this.pending.length && !this.merged.size) {
        if (this.digestDue) await this.saveDigest().catch((e: unknown) => this.digestFailed(e));
        return;
      }
      const merged = [...this.merged.values()];
      this.merged.clear();
      // Changes merged into one per cookie: their intermediate states are gone, and counted.
      const mergedAway = this.mergedCount - merged.length;
      this.mergedCount = 0;
      const batch = [...merged, ...this.pending.splice(0, Math.max(0, MAX_BATCH - merged.length))];
      this.inFlight = batch;
      this.lastBatch = batch.length;
      try {
        await this.persist(batch, mergedAway);
        this.inFlight = [];
        this.attempts = 0;
        this.retryAt = 0;
        this.lastError = undefined;
      } catch (error) {
        this.inFlight = [];
        this.pending.unshift(...batch.slice(merged.length));
        for (const m of merged) if (!this.merged.has(refKey(m.cookie))) this.merged.set(refKey(m.cookie), m);
        this.mergedCount += mergedAway + merged.length;
        if (this.pending.length > this.opts.maxPending) this.mergeOldest();
        this.failed(error);
        if (/quota/i.test(this.lastError ?? '')) this.ringBytes = Math.max(64 * 1024, Math.floor(this.ringBytes * 0.8));
        this.retryAt = Date.now() + RETRY[Math.min(this.attempts++, RETRY.length - 1)];
        return;
      }
    }
  }

  private failed(error: unknown): void {
    this.lastError = errorMessage(error);
  }

  private load(): Promise<Meta> {
    if (this.meta) return Promise.resolve(this.meta);
    this.loading ??= (async () => {
      const stored = unpack<Meta | { version: 1 }>((await this.area.get(META_KEY))[META_KEY]);
      const meta: Meta =
        stored?.version === 1
          ? await migrateV1(this.area, stored as never)
          : ((stored as Meta | undefined) ?? { version: 2, nextSeq: 0, dropped: 0, lost: 0, chunks: [] });
      meta.lost ??= 0;
      if (meta.garbage?.length) {
        await this.area.remove(meta.garbage).catch(() => undefined);
        meta.garbage = [];
      }
      // The trailing small chunks, kept in memory to be merged without reading them back.
      const run = this.smallRun(meta);
      if (run.length) {
        const got = await this.area.get(run.map(([seq]) => chunkKey(seq)));
        for (const [seq, count] of run) {
          const entries = unpack<EncodedEntry[]>(got[chunkKey(seq)]);
          if (entries) this.tail.set(seq, entries);
          else this.dropMissing(meta, seq, count);
        }
      }
      this.meta = meta;
      this.announcedSeq ??= meta.nextSeq;
      return meta;
    })();
    return this.loading;
  }

  /** A chunk the meta lists is gone (the worker stopped between removing it and writing the meta): count it dropped. */
  private dropMissing(meta: Meta, seq: number, count: number): void {
    meta.chunks = meta.chunks.filter((c) => c[0] !== seq);
    meta.dropped += count;
  }

  private smallRun(meta: Meta): ChunkInfo[] {
    const run: ChunkInfo[] = [];
    for (let i = meta.chunks.length - 1; i >= 0 && meta.chunks[i][1] < this.opts.chunkSize / 2; i--) run.unshift(meta.chunks[i]);
    return run;
  }

  private async persist(batch: CookieChange[], mergedAway = 0): Promise<void> {
    const before = await this.load();
    // A copy to change: chunk entries are never changed in place, so copying the list is enough.
    const meta: Meta = { ...before, chunks: [...before.chunks] };
    meta.lost += Math.max(0, mergedAway);
    const written: TimelineEntry[] = [];
    const items: Record<string, unknown> = {};
    const added: ChunkInfo[] = [];
    let lastEncoded: EncodedEntry[] = [];
    for (let i = 0; i < batch.length; i += this.opts.chunkSize) {
      const entries = batch.slice(i, i + this.opts.chunkSize).map((change) => ({ ...change, seq: meta.nextSeq++ }));
      const encoded = entries.map(encodeEntry);
      const key = chunkKey(entries[0].seq);
      const text = pack(encoded);
      items[key] = text;
      lastEncoded = encoded;
      added.push([entries[0].seq, encoded.length, itemBytes(key, text), entries[0].time]);
      written.push(...entries);
    }
    const newBytes = added.reduce((n, c) => n + c[2], 0);
    // Room first: the oldest chunks go before the write that needs their space.
    const evicted: ChunkInfo[] = [];
    const total = () => meta.chunks.reduce((n, c) => n + c[1], 0) + written.length;
    // The meta only shrinks while chunks are evicted: its size now bounds it (plus the new chunks' lines).
    const metaBytes = itemBytes(META_KEY, pack(meta)) + 64 * added.length;
    const bytes = () => meta.chunks.reduce((n, c) => n + c[2], 0) + newBytes + metaBytes;
    while (meta.chunks.length && (total() > this.opts.capacity || bytes() > this.ringBytes)) {
      const oldest = meta.chunks.shift() as ChunkInfo;
      meta.dropped += oldest[1];
      evicted.push(oldest);
    }
    // A batch bigger than the whole ring keeps only its newest chunks (the others are counted dropped).
    let over = newBytes + metaBytes - this.ringBytes;
    while (over > 0 && added.length > 1) {
      const first = added.shift() as ChunkInfo;
      delete items[chunkKey(first[0])];
      meta.dropped += first[1];
      over -= first[2];
    }
    if (evicted.length) {
      // Entries after the saved digest are what a restart replays: save a newer digest before they go.
      const last = evicted[evicted.length - 1];
      if (this.digest && last[0] + last[1] > this.digestSeq) await this.saveDigest().catch((e: unknown) => this.digestFailed(e));
      await this.area.remove(evicted.map(([seq]) => chunkKey(seq)));
      for (const [seq] of evicted) this.tail.delete(seq);
      // Until the next meta is written the stored one still lists them; a stop here makes the load count them dropped.
      const gone = new Set(evicted.map(([seq]) => seq));
      this.meta = { ...before, dropped: meta.dropped, chunks: before.chunks.filter(([seq]) => !gone.has(seq)) };
    }
    meta.chunks.push(...added);
    items[META_KEY] = pack(meta);
    await this.area.set(items);
    this.meta = meta;
    const lastAdded = added[added.length - 1];
    if (lastAdded[1] < this.opts.chunkSize / 2) this.tail.set(lastAdded[0], lastEncoded);
    else this.tail.clear();
    if (this.digest) {
      for (const e of written) this.digest.apply(e);
      this.digestChanged();
    }
    await this.mergeTail();
  }

  private digestFailed(error: unknown): void {
    this.digestError = errorMessage(error);
  }

  /** Merges the trailing run of small chunks into one once it is long enough: the meta stays short. */
  private async mergeTail(): Promise<void> {
    const meta = this.meta as Meta;
    const run = this.smallRun(meta).filter(([seq]) => this.tail.has(seq));
    const entries = run.reduce((n, c) => n + c[1], 0);
    if (run.length < 2 || (run.length < SMALL_RUN && entries < this.opts.chunkSize / 2)) return;
    const merged = run.flatMap(([seq]) => this.tail.get(seq) as EncodedEntry[]);
    const first = run[0][0];
    const key = chunkKey(first);
    const garbage = run.slice(1).map(([seq]) => chunkKey(seq));
    const next: Meta = { ...meta };
    const text = pack(merged);
    next.chunks = [...meta.chunks.slice(0, meta.chunks.length - run.length), [first, merged.length, itemBytes(key, text), run[0][3]]];
    next.garbage = garbage;
    await this.area.set({ [key]: text, [META_KEY]: pack(next) });
    await this.area.remove(garbage);
    next.garbage = [];
    this.meta = next;
    for (const [seq] of run) this.tail.delete(seq);
    if (merged.length < this.opts.chunkSize / 2) this.tail.set(first, merged);
  }

  private digestChanged(): void {
    this.digestTimer ??= setTimeout(() => {
      this.digestTimer = undefined;
      this.digestDue = true;
      this.schedule();
    }, this.opts.digestInterval);
  }

  /** Saves the digest of the store as the written timeline leaves it, at the written position. */
  private async saveDigest(): Promise<void> {
    if (!this.digest || !this.meta) return;
    this.digestDue = false;
    const stored = this.digest.toStored(this.meta.nextSeq);
    const text = pack(stored);
    if (itemBytes(DIGEST_KEY, text) > SHARES.digest) throw new Error(`The digest of ${this.digest.size} cookies is over its storage share.`);
    await this.area.set({ [DIGEST_KEY]: text });
    this.digestSeq = stored.seq;
    this.digestError = undefined;
  }

  /**
   * Reads the store and sorts the changes received so far: those before the read (and those during it that
   * the read shows) are in it; the others happened after it. The changes after are checked as they go live.
   */
  private async readAround(readStore: () => Promise<Cookie[]>): Promise<{ actual: Cookie[]; inRead: CookieChange[]; after: CookieChange[] }> {
    const before = this.pending.length;
    const actual = await readStore();
    const byKey = new Map(actual.map((c) => [refKey(c), c]));
    const shows = (e: CookieChange) => {
      const now = byKey.get(refKey(e.cookie));
      return e.removed ? !now || stateDigest(now) !== stateDigest(e.cookie) : now !== undefined && stateDigest(now) === stateDigest(e.cookie);
    };
    const received = this.pending.splice(0);
    const inRead: CookieChange[] = [];
    const after: CookieChange[] = [];
    for (const [i, e] of received.entries()) (after.length === 0 && (i < before || shows(e)) ? inRead : after).push(e);
    return { actual, inRead, after };
  }

  /** From now on each change is checked against the store as the changes received say it is. */
  private goLive(live: StoreDigest, after: CookieChange[]): void {
    this.live = live;
    for (const change of after) this.checkAgainstLive(change, this.pending);
  }

  private async reconcile(readStore: () => Promise<Cookie[]>, now: number): Promise<number> {
    const meta = await this.load();
    const stored = unpack<StoredDigest>((await this.area.get(DIGEST_KEY))[DIGEST_KEY]);
    if (stored?.version !== 2) {
      // First start (or a digest from before): the store as it is now is the baseline.
      const { actual, inRead, after } = await this.readAround(readStore);
      this.pending.push(...inRead);
      this.digest = StoreDigest.of(actual);
      this.goLive(this.digest.clone(), after);
      await this.saveDigest();
      return 0;
    }
    const digest = StoreDigest.fromStored(stored);
    // Replay what was written after the digest. Should the ring have lost some of it, the expected state
    // is older and more differences are marked: a change is marked twice rather than not at all.
    const replay = meta.chunks.filter(([seq, count]) => seq + count > stored.seq);
    const known = new Map<string, Cookie>();
    if (replay.length) {
      const got = await this.area.get(replay.map(([seq]) => chunkKey(seq)));
      for (const [seq, count] of replay) {
        const chunk = unpack<EncodedEntry[]>(got[chunkKey(seq)]) ?? this.tail.get(seq);
        if (!chunk) this.dropMissing(meta, seq, count);
        for (const e of chunk ?? []) if (e[0] >= stored.seq) digest.apply(decodeEntry(e), known);
      }
    }
    this.digest = digest;
    this.digestSeq = stored.seq;
    // The changes received since the start (the one that woke the worker, say) are in the store the read
    // shows: they count as known, each checked like any other; only what is still different was missed.
    const { actual, inRead, after } = await this.readAround(readStore);
    const expected = digest.clone();
    const received: CookieChange[] = [];
    this.live = expected;
    for (const change of inRead) this.checkAgainstLive(change, received);
    const missed = expected.missedChanges(actual, now, known);
    this.pending.push(...missed, ...received);
    this.goLive(StoreDigest.of(actual), after);
    this.digestDue = true;
    return missed.length + received.filter((c) => c.missed).length;
  }
}
