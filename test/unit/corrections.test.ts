import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORRECTIONS, type Correction, correctionFor } from '../../src/core/data/corrections';

/** The plain scan of the list the index replaced: exact names first (the first that applies), else the longest prefix. */
function scan(name: string, site: string): Correction | undefined {
  let best: Correction | undefined;
  for (const c of CORRECTIONS) {
    if (c.site && c.site !== site) continue;
    if (c.name.endsWith('*')) {
      const prefix = c.name.slice(0, -1);
      if (name.startsWith(prefix) && (!best || best.name.length < c.name.length)) best = c;
    } else if (c.name === name) return c;
  }
  return best;
}

describe('Cookie Lens corrections, looked up by index', () => {
  const names = CORRECTIONS.map((c) => c.name.replace(/\*$/, ''));
  const sites = [...new Set(CORRECTIONS.flatMap((c) => (c.site ? [c.site] : [])))];

  it('answer what a scan of the list answers, for every listed name, its prefixes extended, and other names (property)', () => {
    const name = fc.oneof(
      fc.constantFrom(...names),
      fc.tuple(fc.constantFrom(...names), fc.string({ maxLength: 6 })).map(([n, x]) => n + x),
      fc.string({ maxLength: 10 }),
    );
    const site = fc.oneof(fc.constantFrom(...sites, 'example.com'), fc.constant(''));
    fc.assert(
      fc.property(name, site, (n, s) => {
        expect(correctionFor(n, s)).toBe(scan(n, s));
      }),
      { numRuns: 3000 },
    );
    // The list has both kinds, so both paths were taken.
    expect(CORRECTIONS.some((c) => c.name.endsWith('*'))).toBe(true);
    expect(correctionFor('bm_sz', 'example.com')?.name).toBe('bm_*');
  });
});
