import { itemBytes, QUOTA_BYTES } from '../../src/background/storage-budget';
import { FakeEvent } from './events';

/**
 * storage.local as a Map, with Chrome's quota arithmetic: an item counts its key plus the JSON of its value
 * in UTF-8 bytes, the area holds QUOTA_BYTES (10 MiB), and a write that would go over fails whole with
 * Chrome's message, writing nothing. Values are deep-copied like the real one; writes can be made to fail.
 */
export class FakeStorageArea {
  readonly data = new Map<string, unknown>();
  private readonly sizes = new Map<string, number>();
  private used = 0;
  readonly onChanged = new FakeEvent<[Record<string, { oldValue?: unknown; newValue?: unknown }>]>();
  /** Tests set this to make the next writes throw (quota, I/O). */
  failWrites: Error | null = null;
  quotaBytes = QUOTA_BYTES;
  /** Per-item limit (storage.sync has one; local has none in Chrome). */
  maxItemBytes = Number.POSITIVE_INFINITY;
  writes = 0;
  /** Bytes written in all, as the quota counts them. */
  bytesWritten = 0;
  /** Keys read in all (get calls with explicit keys). */
  keysRead = 0;

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys == null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    this.keysRead += wanted.length;
    const out: Record<string, unknown> = {};
    for (const k of wanted) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failWrites) throw this.failWrites;
    let total = this.used;
    const sizes: [string, number][] = [];
    for (const [k, v] of Object.entries(items)) {
      const size = itemBytes(k, v);
      if (size > this.maxItemBytes) throw new Error('Resource::kQuotaBytesPerItem quota exceeded');
      total += size - (this.sizes.get(k) ?? 0);
      sizes.push([k, size]);
    }
    if (total > this.quotaBytes) throw new Error('Resource::kQuotaBytes quota exceeded');
    this.writes++;
    const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
    for (const [k, size] of sizes) {
      const v = items[k];
      changes[k] = { oldValue: this.data.get(k), newValue: v };
      this.data.set(k, structuredClone(v));
      this.sizes.set(k, size);
      this.bytesWritten += size;
    }
    this.used = total;
    this.onChanged.trigger(changes);
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) {
      this.used -= this.sizes.get(k) ?? 0;
      this.sizes.delete(k);
      this.data.delete(k);
    }
  }

  async clear(): Promise<void> {
    this.data.clear();
    this.sizes.clear();
    this.used = 0;
  }

  async getBytesInUse(): Promise<number> {
    return this.used;
  }

  /** Bytes as Chrome counts them for the quota: key + JSON of the value, UTF-8. */
  bytesInUse(): number {
    return this.used;
  }

  reset(): void {
    this.clear();
    this.failWrites = null;
    this.quotaBytes = QUOTA_BYTES;
    this.maxItemBytes = Number.POSITIVE_INFINITY;
    this.writes = 0;
    this.bytesWritten = 0;
    this.keysRead = 0;
    this.onChanged.clear();
  }
}

/**
 * The storage area as one worker lifetime sees it: once `kill()`ed, every call from it never settles — the
 * worker is gone, and its timers and queued writes with it — while the area itself lives on.
 */
export function workerView(area: FakeStorageArea) {
  let dead = false;
  const never = new Promise<never>(() => undefined);
  return {
    area: {
      get: (keys: string | string[]) => (dead ? never : area.get(keys)),
      set: (items: Record<string, unknown>) => (dead ? never : area.set(items)),
      remove: (keys: string | string[]) => (dead ? never : area.remove(keys)),
    },
    kill: () => {
      dead = true;
    },
  };
}
