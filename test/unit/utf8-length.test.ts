import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemBytes, pack } from '../../src/background/storage-budget';
import { utf8Length } from '../../src/core/hash';

describe('utf8Length (what the storage quota counts)', () => {
  it('is the UTF-8 byte length of any well-formed string, ASCII or not (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a non-ASCII character late in a long ASCII string', () => {
    expect(utf8Length(`${'a'.repeat(100_000)}é`)).toBe(100_002);
    expect(utf8Length(`${'a'.repeat(100_000)}😀`)).toBe(100_004);
  });
});

describe('itemBytes (an item as the quota counts it: its key and the JSON of its value, in UTF-8)', () => {
  const counted = (key: string, value: unknown) => new TextEncoder().encode(key + JSON.stringify(value)).length;
  it('sizes any string value, quotes, backslashes, control characters and lone surrogates included, as its JSON (property)', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0001', '\u007f', '\ud800', '\udc00', '😀', 'é', 'a') }),
    );
    fc.assert(
      fc.property(fc.string(), text, (key, value) => {
        expect(itemBytes(key, value)).toBe(counted(key, value));
      }),
      { numRuns: 3000 },
    );
  });
  it('sizes packed values (what the timeline stores) and plain ones alike', () => {
    const entries = [[1, 2, 0, 0, [3, 'sid', 'a"b\\c', 'shop.example', '/', 1, null, '0', null, null]]];
    expect(itemBytes('timeline.c.1', pack(entries))).toBe(counted('timeline.c.1', JSON.stringify(entries)));
    expect(itemBytes('k', entries)).toBe(counted('k', entries));
    expect(itemBytes('k', undefined)).toBe(1);
  });
});
