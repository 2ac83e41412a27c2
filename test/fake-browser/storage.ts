import { FakeEvent } from './events';

/** storage.local as a Map; values are deep-copied like the real one, and writes can be made to fail. */
export class FakeStorageArea {
  readonly data = new Map<string, unknown>();
  readonly onChanged = new FakeEvent<[Record<string, { oldValue?: unknown; newValue?: unknown }>]>();
  /** Tests set this to make the next writes throw (quota, I/O). */
  failWrites: Error | null = null;
  writes = 0;

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys == null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const k of wanted) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failWrites) throw this.failWrites;
    this.writes++;
    const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
    for (const [k, v] of Object.entries(items)) {
      changes[k] = { oldValue: this.data.get(k), newValue: v };
      this.data.set(k, structuredClone(v));
    }
    this.onChanged.trigger(changes);
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }

  async clear(): Promise<void> {
    this.data.clear();
  }

  /** Bytes as Chrome counts them for the quota: key + JSON of the value. */
  bytesInUse(): number {
    let n = 0;
    for (const [k, v] of this.data) n += k.length + JSON.stringify(v).length;
    return n;
  }

  reset(): void {
    this.data.clear();
    this.failWrites = null;
    this.writes = 0;
    this.onChanged.clear();
  }
}
