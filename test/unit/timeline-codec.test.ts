import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cookie } from '../../src/core/cookie';
import type { TimelineEntry } from '../../src/core/timeline';
import { decodeEntry, encodeEntry, sameState, stateDigest } from '../../src/core/timeline-codec';
import { StoreDigest } from '../../src/core/timeline-digest';

const cookieArb: fc.Arbitrary<Cookie> = fc
  .record({
    name: fc.string(),
    value: fc.string({ maxLength: 200 }),
    domain: fc.domain(),
    hostOnly: fc.boolean(),
    path: fc.string(),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    sameSite: fc.constantFrom('no_restriction', 'lax', 'strict', 'unspecified'),
    session: fc.boolean(),
    expirationDate: fc.option(fc.double({ min: 0, max: 2e10, noNaN: true }), { nil: undefined }),
    storeId: fc.option(fc.constantFrom('0', '1', 'firefox-container-3'), { nil: undefined }),
    partitionKey: fc.option(fc.record({ topLevelSite: fc.webUrl(), hasCrossSiteAncestor: fc.boolean() }), { nil: undefined }),
    firstPartyDomain: fc.option(fc.domain(), { nil: undefined }),
  })
  .map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as Cookie);

const entryArb: fc.Arbitrary<TimelineEntry> = fc
  .record({
    seq: fc.nat(),
    time: fc.nat(),
    cause: fc.constantFrom('explicit', 'overwrite', 'expired', 'expired_overwrite', 'evicted'),
    removed: fc.boolean(),
    cookie: cookieArb,
  })
  .chain((e) => fc.constantFrom<TimelineEntry>(e, { ...e, missed: true }));

describe('timeline codec', () => {
  it('decoding an encoded entry gives the entry back, for any cookie', () => {
    fc.assert(
      fc.property(entryArb, (entry) => {
        expect(decodeEntry(JSON.parse(JSON.stringify(encodeEntry(entry))))).toEqual(entry);
      }),
      { numRuns: 2000 },
    );
  });

  it('is at most half the size of the object form', () => {
    const entry: TimelineEntry = {
      seq: 12345,
      time: 1795641521866,
      cause: 'overwrite',
      removed: true,
      cookie: {
        name: 'sessionid',
        value: 'abc',
        domain: 'shop.example',
        hostOnly: true,
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'lax',
        session: true,
        storeId: '0',
      },
    };
    expect(JSON.stringify(encodeEntry(entry)).length * 2).toBeLessThan(JSON.stringify(entry).length);
  });

  it('sameState says what comparing stateDigests says, for any two cookies (long values and near-twins included)', () => {
    const twin = fc.tuple(
      cookieArb,
      fc.constantFrom('value', 'expirationDate', 'secure', 'httpOnly', 'sameSite', 'session', 'name', 'none'),
      fc.string({ minLength: 4000, maxLength: 4100 }),
    );
    fc.assert(
      fc.property(twin, ([a, field, long]) => {
        const base = field === 'value' ? { ...a, value: long } : a;
        const changed: Cookie = { ...base };
        if (field === 'value') changed.value = `${long.slice(0, -1)}x`;
        if (field === 'expirationDate') changed.expirationDate = (base.expirationDate ?? 0) + 1;
        if (field === 'secure' || field === 'httpOnly' || field === 'session') changed[field] = !base[field];
        if (field === 'sameSite') changed.sameSite = base.sameSite === 'lax' ? 'strict' : 'lax';
        if (field === 'name') changed.name = `${base.name}2`;
        expect(sameState(base, changed)).toBe(stateDigest(base) === stateDigest(changed));
        expect(sameState(base, { ...base })).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a live digest that holds cookies saves, compares and finds missed changes as one built from saved items', () => {
    fc.assert(
      fc.property(fc.array(cookieArb, { maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.string({ maxLength: 10 }))), (jar, edits) => {
        const live = StoreDigest.of(jar);
        const saved = StoreDigest.fromStored(live.toStored(7));
        expect(saved.toStored(7)).toEqual(live.toStored(7));
        const actual = jar.flatMap((c, i) => {
          const edit = edits.find(([n]) => n % Math.max(1, jar.length) === i);
          if (!edit) return [c];
          return edit[1] ? [] : [{ ...c, value: `${c.value}${edit[2]}!` }];
        });
        for (const c of [...jar, ...actual]) expect(live.holds(c)).toBe(saved.holds(c));
        expect(live.missedChanges(actual, 1000)).toEqual(saved.missedChanges(actual, 1000));
      }),
      { numRuns: 300 },
    );
  });
});
