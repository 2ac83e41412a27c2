import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TimelineStore } from '../../src/background/timeline-store';
import type { CookieChange } from '../../src/core/timeline';
import { encodeCookie, encodeEntry } from '../../src/core/timeline-codec';
import { FakeStorageArea } from '../fake-browser/storage';
import { makeCookie } from '../helpers';

const change = (i: number, value = `v${i}`): CookieChange => ({
  time: 1000 + i,
  cause: 'explicit',
  removed: false,
  cookie: makeCookie({ name: `c${i}`, value }),
});

describe('timeline store', () => {
  let area: FakeStorageArea;
  beforeEach(() => {
    area = new FakeStorageArea();
  });

  it('keeps every change in order with increasing seq', async () => {
    const store = new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 });
    for (let i = 0; i < 25; i++) store.record(change(i));
    const page = await store.read();
    expect(page.entries.map((e) => e.seq)).toEqual([...Array(25).keys()]);
    expect(page.entries.map((e) => e.cookie.name)).toEqual([...Array(25).keys()].map((i) => `c${i}`));
    expect(page.dropped).toBe(0);
  });

  it('stores each item as one JSON string, and still reads items stored as plain values before', async () => {
    const store = new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 });
    for (let i = 0; i < 25; i++) store.record(change(i));
    await store.flush();
    const keys = [...area.data.keys()].filter((k) => k.startsWith('timeline.'));
    expect(keys.length).toBeGreaterThan(2);
    for (const k of keys) expect(typeof area.data.get(k)).toBe('string');
    // The same items as values (how the first v2 builds stored them): a new worker reads them alike.
    for (const k of keys) area.data.set(k, JSON.parse(area.data.get(k) as string));
    const again = await new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 }).read();
    expect(again.entries.map((e) => e.cookie.name)).toEqual([...Array(25).keys()].map((i) => `c${i}`));
  });

  it('migrates a timeline stored by 0.1 (rewritten chunks and a snapshot) into packed v2 items, and removes the old ones', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => encodeEntry({ ...change(i), seq: 10 + i }));
    area.data.set('timeline.meta', { version: 1, nextSeq: 15, dropped: 10, chunks: [{ index: 1, count: 5, bytes: 0 }] });
    area.data.set('timeline.chunk.1', entries);
    area.data.set('timeline.snapshot', { seq: 15, cookies: [encodeCookie(makeCookie({ name: 'c4', value: 'v4' }))] });
    const page = await new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 }).read();
    expect(page.entries.map((e) => [e.seq, e.cookie.name])).toEqual([...Array(5).keys()].map((i) => [10 + i, `c${i}`]));
    expect(page.dropped).toBe(10);
    expect([...area.data.keys()].sort()).toEqual(['timeline.c.10', 'timeline.digest', 'timeline.meta']);
    for (const v of area.data.values()) expect(typeof v).toBe('string');
  });

  it('batches a storm into few writes instead of one per change', async () => {
    const store = new TimelineStore(area, { capacity: 10_000, chunkSize: 250, maxBytes: 1e9 });
    for (let i = 0; i < 1000; i++) store.record(change(i));
    await store.flush();
    expect((await store.read()).entries).toHaveLength(1000);
    expect(area.writes).toBeLessThan(20);
  });

  it('is a ring: beyond capacity the oldest chunks go, the drop is counted, nothing is left behind in storage', async () => {
    const store = new TimelineStore(area, { capacity: 30, chunkSize: 10, maxBytes: 1e9 });
    for (let i = 0; i < 45; i++) {
      store.record(change(i));
      await store.flush();
    }
    const page = await store.read();
    expect(page.entries.length).toBeLessThanOrEqual(30);
    expect(page.dropped + page.entries.length).toBe(45);
    // The newest entries, without a gap.
    expect(page.entries.map((e) => e.seq)).toEqual(Array.from({ length: page.entries.length }, (_, i) => 45 - page.entries.length + i));
    expect(page.retention).toMatchObject({ entries: page.entries.length, maxEntries: 30 });
    // Dropped and merged chunks are deleted from storage, not left behind.
    const meta = JSON.parse(area.data.get('timeline.meta') as string) as { chunks: [number][] };
    expect([...area.data.keys()].filter((k) => k.startsWith('timeline.c.')).sort()).toEqual(meta.chunks.map(([seq]) => `timeline.c.${seq}`).sort());
  });

  it('stores long values cut short, with their size and hash, so 4 KB cookies cannot starve the ring', async () => {
    const store = new TimelineStore(area, { capacity: 10_000, chunkSize: 10, maxBytes: 1e9 });
    for (let i = 0; i < 200; i++) store.record(change(i, `${'x'.repeat(4000)}${i}`));
    await store.flush();
    const page = await new TimelineStore(area, { capacity: 10_000, chunkSize: 10, maxBytes: 1e9 }).read();
    expect(page.entries).toHaveLength(200);
    expect(page.entries[5].cookie.value).toBe(`${'x'.repeat(192)}…${'x'.repeat(63)}5`);
    expect(page.entries[5].truncated).toEqual({ size: 4001, hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(page.entries[5].truncated?.hash).not.toBe(page.entries[6].truncated?.hash);
    // 200 × 4 KB would be 800 KB; cut short it is under a tenth of that.
    expect(area.bytesInUse()).toBeLessThan(80_000);
  });

  it('bounds bytes: the ring stays inside its byte budget, counting what it drops', async () => {
    const store = new TimelineStore(area, { capacity: 10_000, chunkSize: 10, maxBytes: 20_000 });
    for (let i = 0; i < 500; i++) store.record(change(i, 'y'.repeat(900)));
    await store.flush();
    const page = await store.read();
    expect(area.bytesInUse()).toBeLessThanOrEqual(20_000);
    expect(page.retention.bytes).toBeLessThanOrEqual(20_000);
    expect(page.dropped + page.entries.length).toBe(500);
    expect(page.dropped).toBeGreaterThan(0);
  });

  it('writes append-only: each change is written about once, however the changes trickle in', async () => {
    const store = new TimelineStore(area, { capacity: 10_000, chunkSize: 100, maxBytes: 1e9 });
    for (let i = 0; i < 1000; i++) {
      store.record(change(i));
      await store.flush();
    }
    const stored = [...area.data.entries()].filter(([k]) => k.startsWith('timeline.c.')).reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);
    const meta = JSON.stringify(area.data.get('timeline.meta')).length;
    // Entries are written once in a small chunk and once more when small chunks are merged; plus the meta.
    expect(area.bytesWritten).toBeLessThan(3 * stored + 1000 * (meta + 40));
    expect(meta).toBeLessThan(4000);
  });

  it('reads only what is new: getTimeline({ afterSeq }) fetches the chunks after it', async () => {
    const store = new TimelineStore(area, { capacity: 10_000, chunkSize: 100, maxBytes: 1e9 });
    for (let i = 0; i < 5000; i++) store.record(change(i));
    await store.flush();
    const before = area.keysRead;
    const page = await store.read(4990);
    expect(page.entries.map((e) => e.seq)).toEqual([4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999]);
    expect(area.keysRead - before).toBe(1);
  });

  it('survives a restart: a new store on the same storage has every entry and continues the sequence', async () => {
    const first = new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 });
    for (let i = 0; i < 15; i++) first.record(change(i));
    await first.flush();
    const second = new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 });
    second.record(change(15));
    const page = await second.read();
    expect(page.entries.map((e) => e.seq)).toEqual([...Array(16).keys()]);
    expect(page.entries.at(-1)?.cookie.name).toBe('c15');
  });

  it('changes recorded before the stored state is loaded are not lost', async () => {
    const first = new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 });
    first.record(change(0));
    await first.flush();
    const second = new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 });
    second.record(change(1));
    second.record(change(2));
    expect((await second.read()).entries.map((e) => e.cookie.name)).toEqual(['c0', 'c1', 'c2']);
  });

  it('a failed write keeps the changes queued, reports the error, and retries', async () => {
    vi.useFakeTimers();
    try {
      const store = new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 });
      area.failWrites = new Error('IO error: disk busy');
      store.record(change(0));
      await store.flush();
      let page = await store.read();
      expect(page.lastError).toBe('IO error: disk busy');
      expect(page.entries.map((e) => e.cookie.name)).toEqual(['c0']);
      area.failWrites = null;
      store.record(change(1));
      await vi.advanceTimersByTimeAsync(1500);
      await store.flush();
      page = await new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 }).read();
      expect(page.entries.map((e) => e.cookie.name)).toEqual(['c0', 'c1']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('announces changes when they arrive, before they are written, with the seqs a read gives them', async () => {
    vi.useFakeTimers();
    try {
      const heard: Array<{ firstSeq: number; nextSeq: number; names: string[] }> = [];
      // Writing waits 5 s: the announcements must not wait for it.
      const store = new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9, flushDelay: 5000, announceInterval: 100 }, (r) =>
        heard.push({ firstSeq: r.firstSeq, nextSeq: r.nextSeq, names: r.cookies.map((c) => c.name) }),
      );
      store.record(change(0));
      await vi.advanceTimersByTimeAsync(1);
      // The first change after a quiet spell is announced at once.
      expect(heard).toEqual([{ firstSeq: 0, nextSeq: 1, names: ['c0'] }]);
      expect(area.writes).toBe(0);
      // A storm: announced at most once per interval, nothing skipped.
      for (let i = 1; i <= 30; i++) {
        store.record(change(i));
        await vi.advanceTimersByTimeAsync(10);
      }
      await vi.advanceTimersByTimeAsync(100);
      expect(heard.length).toBeGreaterThanOrEqual(3);
      expect(heard.length).toBeLessThanOrEqual(5);
      expect(heard.flatMap((h) => h.names)).toEqual(Array.from({ length: 31 }, (_, i) => `c${i}`));
      for (const [i, h] of heard.entries()) expect(h.firstSeq).toBe(i ? heard[i - 1].nextSeq : 0);
      // What a view reads on hearing it: every announced change, with the seq it keeps once written.
      const before = (await store.read(-1)).entries.map((e) => [e.seq, e.cookie.name]);
      expect(before).toHaveLength(31);
      expect(area.writes).toBe(0);
      await vi.advanceTimersByTimeAsync(6000);
      await store.flush();
      const after = (await new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 }).read(-1)).entries.map((e) => [e.seq, e.cookie.name]);
      expect(after).toEqual(before);
    } finally {
      vi.useRealTimers();
    }
  });
});
