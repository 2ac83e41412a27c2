import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TimelineStore } from '../../src/background/timeline-store';
import type { CookieChange } from '../../src/core/timeline';
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

  it('batches a storm into few writes instead of one per change', async () => {
    const store = new TimelineStore(area, { capacity: 10_000, chunkSize: 250, maxBytes: 1e9 });
    for (let i = 0; i < 1000; i++) store.record(change(i));
    await store.flush();
    expect((await store.read()).entries).toHaveLength(1000);
    expect(area.writes).toBeLessThan(20);
  });

  it('is a ring: beyond capacity the oldest chunk goes and the drop is counted', async () => {
    const store = new TimelineStore(area, { capacity: 30, chunkSize: 10, maxBytes: 1e9 });
    for (let i = 0; i < 45; i++) {
      store.record(change(i));
      await store.flush();
    }
    const page = await store.read();
    expect(page.dropped).toBe(20);
    expect(page.entries).toHaveLength(25);
    expect(page.entries[0].seq).toBe(20);
    expect(page.dropped + page.entries.length).toBe(45);
    // Dropped chunks are deleted from storage, not left behind.
    expect([...area.data.keys()].filter((k) => k.startsWith('timeline.chunk.'))).toHaveLength(3);
  });

  it('bounds bytes too, so 4 KB values cannot blow the storage quota', async () => {
    const store = new TimelineStore(area, { capacity: 10_000, chunkSize: 10, maxBytes: 100_000 });
    for (let i = 0; i < 200; i++) store.record(change(i, 'x'.repeat(4000)));
    const page = await store.read();
    expect(area.bytesInUse()).toBeLessThan(160_000);
    expect(page.dropped + page.entries.length).toBe(200);
    expect(page.dropped).toBeGreaterThan(0);
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

  it('reports each written batch with its seq numbers and the drop count', async () => {
    const written: number[][] = [];
    const store = new TimelineStore(area, { capacity: 100, chunkSize: 10, maxBytes: 1e9 }, (entries) => written.push(entries.map((e) => e.seq)));
    store.record(change(0));
    await store.flush();
    store.record(change(1));
    store.record(change(2));
    await store.flush();
    expect(written.flat()).toEqual([0, 1, 2]);
  });
});
