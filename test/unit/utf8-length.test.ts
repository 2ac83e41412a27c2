import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
