// Nothing recorded is lost quietly: worker stops mid-storm, restarts, ring drops, jars bigger than the quota,
// and storage that fails or fills — each checked against a ground-truth log of every write.
import { beforeEach, describe, expect, it } from 'vitest';
import { RING_BYTES } from '../../src/background/storage-budget';
import { type TimelineOptions, TimelineStore } from '../../src/background/timeline-store';
import { type Cookie, refKey } from '../../src/core/cookie';
import type { TimelineEntry } from '../../src/core/timeline';
import { StoreDigest } from '../../src/core/timeline-digest';
import { TimelineFeed } from '../../src/core/timeline-view';
import { FakeCookies } from '../fake-browser/cookies';
import { FakeStorageArea, workerView } from '../fake-browser/storage';
import { makeCookie } from '../helpers';

const OPTIONS: TimelineOptions = { capacity: 1000, chunkSize: 10, maxBytes: 1e9, digestInterval: 60_000 };

/** One worker lifetime on shared storage, fed by the jar's events; `stop()` kills it, losing its memory. */
function startWorker(area: FakeStorageArea, jar: FakeCookies, options = OPTIONS) {
  const view = workerView(area);
  const timeline = new TimelineStore(view.area, options);
  const listener = (info: { removed: boolean; cookie: Cookie; cause: TimelineEntry['cause'] }) => timeline.record({ time: Date.now(), ...info });
  jar.onChanged.addListener(listener);
  const stop = () => {
    jar.onChanged.removeListener(listener);
    view.kill();
  };
  return { timeline, started: timeline.start(async () => [...jar.jar.values()], 5_000), stop };
}

/** Every write the jar took, in order: the ground truth. */
function groundTruth(jar: FakeCookies) {
  const writes: { key: string; value: string; removed: boolean }[] = [];
  jar.onChanged.addListener(({ cookie, removed }) => writes.push({ key: refKey(cookie), value: cookie.value, removed }));
  return writes;
}

/**
 * Every write is in the timeline, or its cookie has a missed entry after the last recorded change before
 * it: the timeline never shows a cookie's history as complete when a write of it is missing.
 */
function expectAccounted(writes: readonly { key: string; value: string; removed: boolean }[], entries: readonly TimelineEntry[]) {
  const recorded = new Map<string, TimelineEntry[]>();
  for (const e of entries) recorded.set(refKey(e.cookie), [...(recorded.get(refKey(e.cookie)) ?? []), e]);
  const unaccounted: string[] = [];
  const seen = new Map<string, number>();
  for (const w of writes) {
    const list = recorded.get(w.key) ?? [];
    const from = seen.get(w.key) ?? 0;
    const i = list.findIndex((e, j) => j >= from && !e.missed && e.removed === w.removed && (w.removed || e.cookie.value === w.value));
    if (i >= 0) {
      seen.set(w.key, i + 1);
      continue;
    }
    if (!list.slice(from).some((e) => e.missed)) unaccounted.push(`${w.key.split('\u0000')[1]} ${w.removed ? 'removed' : `= ${w.value}`}`);
  }
  expect(unaccounted).toEqual([]);
}

const set = (jar: FakeCookies, name: string, value: string) => jar.set({ url: 'https://shop.example/', name, value });

describe('the store digest', () => {
  it('finds what differs between the known and the real store: added, removed, changed, expired', () => {
    const kept = makeCookie({ name: 'kept' });
    const changed = makeCookie({ name: 'changed', value: 'old' });
    const gone = makeCookie({ name: 'gone' });
    const expired = makeCookie({ name: 'expired', session: false, expirationDate: 1 });
    const added = makeCookie({ name: 'added' });
    const digest = StoreDigest.of([kept, changed, gone, expired]);
    const changes = digest.missedChanges([kept, { ...changed, value: 'new' }, added], 5_000, new Map([[refKey(changed), changed]]));
    expect(changes.map((c) => [c.cookie.name, c.removed, c.cause, c.cookie.value, c.missed])).toEqual([
      ['changed', true, 'overwrite', 'old', true],
      ['changed', false, 'explicit', 'new', true],
      ['gone', true, 'explicit', '', true],
      ['expired', true, 'expired', '', true],
      ['added', false, 'explicit', 'v', true],
    ]);
  });

  it('stays small for big values: 3,000 cookies of 4 KB take ~100 bytes each, not 12 MB', () => {
    const jar = Array.from({ length: 3000 }, (_, i) => makeCookie({ name: `big${i}`, value: 'x'.repeat(4000) + i }));
    const size = JSON.stringify(StoreDigest.of(jar).toStored(0)).length;
    expect(size).toBeLessThan(3000 * 120);
    // and still tells two long values apart
    const changed = StoreDigest.of(jar).missedChanges([...jar.slice(1), { ...jar[0], value: `${jar[0].value}!` }], 0);
    expect(changed.map((c) => [c.cookie.name, c.removed])).toEqual([
      ['big0', true],
      ['big0', false],
    ]);
  });
});

describe('missed changes across worker lifetimes', () => {
  let area: FakeStorageArea;
  let jar: FakeCookies;
  beforeEach(() => {
    area = new FakeStorageArea();
    jar = new FakeCookies();
  });

  it('on first start takes a baseline and invents nothing', async () => {
    jar.put(makeCookie({ name: 'existing' }));
    const w = startWorker(area, jar);
    expect(await w.started).toBe(0);
    expect((await w.timeline.read()).entries).toEqual([]);
  });

  it('after a normal restart finds nothing missing', async () => {
    const first = startWorker(area, jar);
    await first.started;
    await set(jar, 'a', '1');
    await set(jar, 'a', '2');
    await set(jar, 'b', '1');
    await first.timeline.flush();
    first.stop();
    const second = startWorker(area, jar);
    expect(await second.started).toBe(0);
  });

  it('the change that wakes a stopped worker is recorded once, not also as missed (the routine wake-up)', async () => {
    const first = startWorker(area, jar);
    await first.started;
    await set(jar, 'a', '1');
    await first.timeline.flush();
    first.stop();
    // Chrome stops an idle worker; the next cookie event starts a new one and is delivered to it at once.
    const second = startWorker(area, jar);
    await set(jar, 'a', '2');
    await set(jar, 'woke', 'yes');
    expect(await second.started).toBe(0);
    await second.timeline.flush();
    const entries = (await second.timeline.read()).entries;
    expect(entries.filter((e) => e.missed)).toEqual([]);
    expect(entries.map((e) => [e.cookie.name, e.removed, e.cookie.value])).toEqual([
      ['a', false, '1'],
      ['a', true, '1'],
      ['a', false, '2'],
      ['woke', false, 'yes'],
    ]);
  });

  it('a set whose removal never arrived (lost with the stopped worker) is marked, whether it comes during the start or after', async () => {
    const first = startWorker(area, jar);
    await first.started;
    await set(jar, 'a', '1');
    await first.timeline.flush();
    // The worker dies holding unwritten changes of "a" (2, 3); the removal of 3 went to it too.
    const writes = groundTruth(jar);
    await set(jar, 'a', '2');
    await set(jar, 'a', '3');
    first.stop();
    // The new worker gets only the set of 4: its removal of 3 was delivered to the dead one.
    const second = startWorker(area, jar);
    const events: { removed: boolean; cookie: Cookie; cause: TimelineEntry['cause'] }[] = [];
    const hold = (info: (typeof events)[number]) => events.push(info);
    jar.onChanged.addListener(hold);
    await set(jar, 'a', '4');
    jar.onChanged.removeListener(hold);
    expect(events.map((e) => e.removed)).toEqual([true, false]);
    await second.started;
    // Live too: a set over a known cookie with no removal before it.
    second.timeline.record({ time: Date.now(), cause: 'explicit', removed: false, cookie: makeCookie({ name: 'a', value: '5', domain: 'shop.example' }) });
    await second.timeline.flush();
    const entries = (await second.timeline.read()).entries;
    expectAccounted(writes, entries);
    const missed = entries.filter((e) => e.missed && e.cookie.name === 'a');
    expect(missed.length).toBeGreaterThanOrEqual(2);
  });

  it('records, marked as missed, the changes a stopped worker never wrote, with the last recorded value', async () => {
    const first = startWorker(area, jar);
    await first.started;
    await set(jar, 'stays', '1');
    await set(jar, 'edited', 'before');
    await first.timeline.flush();
    // The worker dies; the browser keeps changing cookies with nobody listening.
    first.stop();
    await set(jar, 'edited', 'after');
    await set(jar, 'new', 'x');
    const second = startWorker(area, jar);
    expect(await second.started).toBe(3);
    const entries = (await second.timeline.read()).entries;
    expect(entries.filter((e) => !e.missed).map((e) => e.cookie.name)).toEqual(['stays', 'edited']);
    expect(entries.filter((e) => e.missed).map((e) => [e.cookie.name, e.removed, e.cookie.value])).toEqual([
      ['edited', true, 'before'],
      ['edited', false, 'after'],
      ['new', false, 'x'],
    ]);
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    await second.timeline.flush();
    second.stop();
    const third = startWorker(area, jar);
    expect(await third.started).toBe(0);
  });

  it('a reader that saw changes a stopped worker never wrote reads everything again from the next run (TimelineFeed)', async () => {
    const slow = { ...OPTIONS, flushDelay: 60_000 };
    const first = startWorker(area, jar, slow);
    await first.started;
    await set(jar, 'a', '1');
    await first.timeline.flush();
    let current = first.timeline;
    const feed = new TimelineFeed((afterSeq) => current.read(afterSeq));
    expect((await feed.next()).page.entries.map((e) => e.cookie.value)).toEqual(['1']);
    // Read before they are written (the write waits): seqs 1–3 of this run (the overwrite's removal, a=2, b=x).
    await set(jar, 'a', '2');
    await set(jar, 'b', 'x');
    const unwritten = await feed.next();
    expect(unwritten.page.entries.map((e) => [e.seq, e.removed, e.cookie.value])).toEqual([
      [1, true, '1'],
      [2, false, '2'],
      [3, false, 'x'],
    ]);
    expect(unwritten.page.pending).toBe(3);
    first.stop();
    const second = startWorker(area, jar, slow);
    await second.started;
    await set(jar, 'c', 'y');
    current = second.timeline;
    const whole = (await second.timeline.read()).entries;
    // The new run numbered its missed entries from the last written seq: 1–3 mean other changes now.
    expect(whole.filter((e) => e.seq >= 1 && e.seq <= 3).every((e) => e.missed)).toBe(true);
    const after = await feed.next();
    expect(after.restarted).toBe(true);
    expect(after.page.entries).toEqual(whole);
    // The same run again: only what is new.
    await set(jar, 'c', 'z');
    const more = await feed.next();
    expect(more.restarted).toBe(false);
    expect(more.page.entries.map((e) => [e.removed, e.cookie.value])).toEqual([
      [true, 'y'],
      [false, 'z'],
    ]);
  });

  it('a worker stopped mid-storm, before its queue reached storage: every write accounted for', async () => {
    const truth = groundTruth(jar);
    for (let round = 0; round < 5; round++) {
      const w = startWorker(area, jar);
      await w.started;
      for (let i = 0; i < 300; i++) await set(jar, `c${i % 37}`, `r${round}v${i}`);
      // Some of it written, the rest only in the dying worker's memory.
      if (round % 2) await w.timeline.flush();
      w.stop();
      for (let i = 0; i < 20; i++) await set(jar, `gap${i % 5}`, `r${round}g${i}`);
    }
    const last = startWorker(area, jar);
    await last.started;
    const page = await last.timeline.read();
    expect(page.lost).toBe(0);
    // Each write of an existing cookie is two events (the old one removed, the new one added).
    expect(truth.length).toBeGreaterThan(5 * 320);
    expectAccounted(truth, page.entries);
  });

  it('still marks losses after the ring dropped entries since the digest was saved', async () => {
    const small: TimelineOptions = { ...OPTIONS, capacity: 50, chunkSize: 10 };
    const truth = groundTruth(jar);
    const w = startWorker(area, jar, small);
    await w.started;
    for (let i = 0; i < 400; i++) {
      await set(jar, `c${i % 13}`, `v${i}`);
      if (i % 25 === 0) await w.timeline.flush();
    }
    await w.timeline.flush();
    expect((await w.timeline.read()).dropped).toBeGreaterThan(300);
    for (let i = 0; i < 30; i++) await set(jar, `c${i % 13}`, `late${i}`);
    w.stop();
    await set(jar, 'c3', 'while-stopped');
    const next = startWorker(area, jar, small);
    // Only what the stopped worker never wrote is missing: the last 30 (some cookies twice) and the one while stopped.
    const found = await next.started;
    expect(found).toBeGreaterThan(0);
    const entries = (await next.timeline.read()).entries;
    const missedNames = new Set(entries.filter((e) => e.missed).map((e) => e.cookie.name));
    expect([...missedNames].sort()).toEqual(Array.from({ length: 13 }, (_, i) => `c${i}`).sort());
    // The kept history is accounted for: every write since the oldest kept entry is recorded or marked.
    expectAccounted(truth.slice(-60), entries);
  });

  it('a jar bigger than the quota (3,000 cookies of 4 KB): the digest fits, a loss probe is marked', async () => {
    for (let i = 0; i < 3000; i++) jar.put(makeCookie({ name: `big${i}`, value: `${'x'.repeat(4000)}${i}` }));
    const w = startWorker(area, jar, { ...OPTIONS, capacity: 10_000, chunkSize: 100, maxBytes: RING_BYTES });
    await w.started;
    expect(area.data.has('timeline.digest')).toBe(true);
    // 20 writes the worker never saw.
    w.stop();
    for (let i = 0; i < 20; i++) jar.put(makeCookie({ name: `big${i * 7}`, value: `${'y'.repeat(4000)}${i}` }));
    const next = startWorker(area, jar, { ...OPTIONS, capacity: 10_000, chunkSize: 100, maxBytes: RING_BYTES });
    expect(await next.started).toBe(40);
    await next.timeline.flush();
    const missed = (await next.timeline.read()).entries.filter((e) => e.missed && !e.removed);
    expect(missed.map((e) => e.cookie.name).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `big${i * 7}`).sort());
    // Stored cut short, with the truncation kept.
    expect(missed[0].truncated?.size).toBeGreaterThan(4000);
    expect(missed[0].cookie.value).toHaveLength(257);
    expect(area.bytesInUse()).toBeLessThan(10 * 1024 * 1024);
  });
});
