import { beforeEach, describe, expect, it } from 'vitest';
import { SnapshotKeeper } from '../../src/background/snapshot';
import { TimelineStore } from '../../src/background/timeline-store';
import { cookieKey } from '../../src/core/cookie';
import { missedChanges, stateOf } from '../../src/core/snapshot';
import { FakeCookies } from '../fake-browser/cookies';
import { FakeStorageArea } from '../fake-browser/storage';
import { makeCookie } from '../helpers';

const OPTIONS = { capacity: 1000, chunkSize: 10, maxBytes: 1e9 };

/** One worker lifetime: a timeline and a snapshot keeper on shared storage, fed by the jar's events. */
function startWorker(area: FakeStorageArea, jar: FakeCookies) {
  const timeline = new TimelineStore(area, OPTIONS);
  const keeper = new SnapshotKeeper(area, timeline, async () => [...jar.jar.values()], 60_000);
  jar.onChanged.clear();
  jar.onChanged.addListener((info) => {
    timeline.record({ time: 1, ...info });
    keeper.changed();
  });
  return { timeline, keeper, started: keeper.start(5_000) };
}

describe('missed changes', () => {
  it('are what differs between the known and the real store: added, removed, changed, expired', () => {
    const kept = makeCookie({ name: 'kept' });
    const changed = makeCookie({ name: 'changed', value: 'old' });
    const gone = makeCookie({ name: 'gone' });
    const expired = makeCookie({ name: 'expired', session: false, expirationDate: 1 });
    const added = makeCookie({ name: 'added' });
    const expected = stateOf([kept, changed, gone, expired]);
    const changes = missedChanges(expected, [kept, { ...changed, value: 'new' }, added], 5_000);
    expect(changes.map((c) => [c.cookie.name, c.removed, c.cause, c.cookie.value, c.missed])).toEqual([
      ['changed', true, 'overwrite', 'old', true],
      ['changed', false, 'explicit', 'new', true],
      ['gone', true, 'explicit', 'v', true],
      ['expired', true, 'expired', 'v', true],
      ['added', false, 'explicit', 'v', true],
    ]);
  });
});

describe('snapshot keeper', () => {
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
    await jar.set({ url: 'https://shop.example/', name: 'a', value: '1' });
    await jar.set({ url: 'https://shop.example/', name: 'a', value: '2' });
    await first.keeper.save();
    await jar.set({ url: 'https://shop.example/', name: 'b', value: '1' });
    await first.timeline.flush();
    const second = startWorker(area, jar);
    expect(await second.started).toBe(0);
  });

  it('records, marked as missed, the changes a stopped worker never wrote', async () => {
    const first = startWorker(area, jar);
    await first.started;
    await jar.set({ url: 'https://shop.example/', name: 'stays', value: '1' });
    await jar.set({ url: 'https://shop.example/', name: 'edited', value: 'before' });
    await first.timeline.flush();
    // The worker dies; the browser keeps changing cookies with nobody listening.
    jar.onChanged.clear();
    await jar.set({ url: 'https://shop.example/', name: 'edited', value: 'after' });
    await jar.set({ url: 'https://shop.example/', name: 'new', value: 'x' });
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
    // And the next start is clean again.
    const third = startWorker(area, jar);
    expect(await third.started).toBe(0);
    expect(new Set([...jar.jar.values()].map(cookieKey)).size).toBe(3);
  });
});
