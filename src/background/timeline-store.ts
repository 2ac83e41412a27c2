import type { CookieChange, TimelineEntry, TimelinePage } from '../core/timeline';
import { decodeEntry, type EncodedEntry, encodeEntry } from '../core/timeline-codec';

/** The part of `storage.local` the store needs; the fake browser and the real one both fit. */
export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface TimelineOptions {
  /** Entries kept; older ones are dropped a chunk at a time and counted. */
  capacity: number;
  chunkSize: number;
  /** Bytes of JSON kept, under the 10 MiB storage.local quota; 4 KB values make entries big. */
  maxBytes: number;
  /**
   * Changes arriving within this many ms are written together. A cookie-heavy page fires dozens of
   * events at once; one write for all of them keeps the worker from competing with the page for CPU.
   * After a big batch (a storm) the delay is five times longer: the same bytes in fewer, larger writes.
   */
  flushDelay?: number;
}

interface ChunkInfo {
  index: number;
  count: number;
  bytes: number;
}

interface Meta {
  version: 1;
  nextSeq: number;
  dropped: number;
  chunks: ChunkInfo[];
}

const META_KEY = 'timeline.meta';
const chunkKey = (index: number) => `timeline.chunk.${index}`;

export const DEFAULT_TIMELINE: TimelineOptions = { capacity: 10_000, chunkSize: 100, maxBytes: 8_000_000, flushDelay: 100 };
const STORM_BATCH = 100;

/**
 * The cookie change timeline: a ring persisted in chunks, so one write touches only the newest chunk
 * and the meta record. Changes are queued in memory and written in order, batched while a write is in
 * flight; a failed write keeps them queued and is retried, so nothing is dropped without being counted.
 */
export class TimelineStore {
  private meta: Meta | null = null;
  private current: EncodedEntry[] = [];
  private pending: CookieChange[] = [];
  private writing: Promise<void> | null = null;
  /** Changes taken from `pending` by a write that has not finished. */
  private inFlight = 0;
  private lastBatch = 0;
  private lastError: string | undefined;

  constructor(
    private readonly area: StorageArea,
    private readonly options: TimelineOptions = DEFAULT_TIMELINE,
    private readonly onWritten: (entries: TimelineEntry[], dropped: number) => void = () => undefined,
  ) {}

  record(change: CookieChange): void {
    this.pending.push(change);
    this.schedule();
  }

  /** The seq the next recorded change will get (written or still queued). */
  async position(): Promise<number> {
    const meta = await this.load();
    return meta.nextSeq + this.pending.length + this.inFlight;
  }

  /** Resolves once everything recorded so far is in storage (or has failed and been queued again). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async read(afterSeq = -1): Promise<TimelinePage> {
    await this.flush();
    const meta = await this.load();
    const keys = meta.chunks.map((c) => chunkKey(c.index));
    const stored = keys.length ? await this.area.get(keys) : {};
    const entries: TimelineEntry[] = [];
    for (const key of keys) {
      for (const e of (stored[key] as EncodedEntry[] | undefined) ?? []) if (e[0] > afterSeq) entries.push(decodeEntry(e));
    }
    for (const [i, change] of this.pending.entries()) entries.push({ ...change, seq: meta.nextSeq + i });
    return { entries, dropped: meta.dropped, nextSeq: meta.nextSeq, capacity: this.options.capacity, lastError: this.lastError };
  }

  private schedule(): void {
    if (this.writing) return;
    const delay = (this.options.flushDelay ?? 0) * (this.lastBatch >= STORM_BATCH ? 5 : 1);
    const wait = delay > 0 ? new Promise((resolve) => setTimeout(resolve, delay)) : Promise.resolve();
    this.writing = wait
      .then(() => this.drain())
      .finally(() => {
        this.writing = null;
        if (this.pending.length && !this.lastError) this.schedule();
      });
  }

  private async drain(): Promise<void> {
    await this.load();
    while (this.pending.length) {
      const batch = this.pending.splice(0);
      this.inFlight = batch.length;
      this.lastBatch = batch.length;
      try {
        const written = await this.persist(batch);
        this.inFlight = 0;
        this.lastError = undefined;
        this.onWritten(written, this.meta?.dropped ?? 0);
      } catch (error) {
        this.inFlight = 0;
        this.pending.unshift(...batch);
        this.lastError = error instanceof Error ? error.message : String(error);
        if (/quota/i.test(this.lastError)) await this.dropOldestChunk();
        setTimeout(() => {
          this.lastError = undefined;
          this.schedule();
        }, 1000);
        return;
      }
    }
  }

  private async load(): Promise<Meta> {
    if (this.meta) return this.meta;
    const stored = await this.area.get(META_KEY);
    const meta = (stored[META_KEY] as Meta | undefined) ?? { version: 1, nextSeq: 0, dropped: 0, chunks: [] };
    const last = meta.chunks.at(-1);
    if (last) {
      const chunk = await this.area.get(chunkKey(last.index));
      this.current = (chunk[chunkKey(last.index)] as EncodedEntry[] | undefined) ?? [];
    }
    this.meta ??= meta;
    return this.meta;
  }

  private async persist(batch: CookieChange[]): Promise<TimelineEntry[]> {
    const meta = structuredClone(await this.load());
    let current = [...this.current];
    const items: Record<string, unknown> = {};
    const written: TimelineEntry[] = [];
    let chunk = meta.chunks.at(-1);
    for (const change of batch) {
      if (!chunk || chunk.count >= this.options.chunkSize) {
        if (chunk) items[chunkKey(chunk.index)] = current;
        chunk = { index: chunk ? chunk.index + 1 : 0, count: 0, bytes: 0 };
        meta.chunks.push(chunk);
        current = [];
      }
      const entry: TimelineEntry = { ...change, seq: meta.nextSeq++ };
      const encoded = encodeEntry(entry);
      current.push(encoded);
      written.push(entry);
      chunk.count++;
      chunk.bytes += JSON.stringify(encoded).length;
    }
    if (chunk) items[chunkKey(chunk.index)] = current;
    const evicted = this.evict(meta);
    items[META_KEY] = meta;
    for (const c of evicted) delete items[chunkKey(c.index)];
    await this.area.set(items);
    if (evicted.length) await this.area.remove(evicted.map((c) => chunkKey(c.index)));
    this.meta = meta;
    this.current = current;
    return written;
  }

  /** Out of quota: make room by dropping the oldest chunk, counted like any other eviction. */
  private async dropOldestChunk(): Promise<void> {
    const meta = this.meta;
    if (!meta || meta.chunks.length < 2) return;
    const oldest = meta.chunks.shift() as ChunkInfo;
    meta.dropped += oldest.count;
    await this.area.remove(chunkKey(oldest.index)).catch(() => undefined);
    await this.area.set({ [META_KEY]: meta }).catch(() => undefined);
  }

  /** Drops the oldest chunks while the ring is over its entry or byte budget; keeps the newest chunk. */
  private evict(meta: Meta): ChunkInfo[] {
    const evicted: ChunkInfo[] = [];
    const total = () => meta.chunks.reduce((n, c) => n + c.count, 0);
    const bytes = () => meta.chunks.reduce((n, c) => n + c.bytes, 0);
    while (meta.chunks.length > 1 && (total() > this.options.capacity || bytes() > this.options.maxBytes)) {
      const oldest = meta.chunks.shift() as ChunkInfo;
      meta.dropped += oldest.count;
      evicted.push(oldest);
    }
    return evicted;
  }
}
