import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cookie } from '../../src/core/cookie';
import type { TimelineEntry } from '../../src/core/timeline';
import { decodeEntry, encodeEntry } from '../../src/core/timeline-codec';

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
});
