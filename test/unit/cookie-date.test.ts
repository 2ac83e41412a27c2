import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCookieDate } from '../../src/core/cookie-date';

const DIR = join(import.meta.dirname, '../fixtures/http-state/dates');
const load = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { test: string; expected: string | null }[];

describe('cookie-date parsing (RFC 6265bis 5.1.1)', () => {
  for (const file of ['examples.json', 'bsd-examples.json']) {
    describe(file, () => {
      for (const { test, expected } of load(file)) {
        it(`${JSON.stringify(test)} → ${expected ?? 'invalid'}`, () => {
          const parsed = parseCookieDate(test);
          expect(parsed === null ? null : new Date(parsed).toUTCString()).toBe(expected);
        });
      }
    });
  }

  it('rejects dates that do not exist rather than rolling over', () => {
    expect(parseCookieDate('31 Feb 2030 00:00:00')).toBeNull();
    expect(parseCookieDate('29 Feb 2028 00:00:00')).toBe(Date.UTC(2028, 1, 29));
  });
});
