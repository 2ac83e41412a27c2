// Policy patterns see site data (cookie names and domains): they must be linear, stateless and bounded.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compilePattern, globMatch, type NameMatcher } from '../../src/core/pattern';
import { applyPolicy, validatePolicy } from '../../src/core/policy';
import { analyze } from '../../src/core/report';
import { makeCookie, PAGE } from '../helpers';

const compiled = (p: string): NameMatcher => {
  const c = compilePattern(p);
  if ('error' in c) throw new Error(c.error);
  return c.matcher;
};
const refusal = (p: string): string => {
  const c = compilePattern(p);
  return 'error' in c ? c.error : '';
};

describe('policy patterns', () => {
  it('globs: * any run, ? one character, case-insensitive, everything else literal', () => {
    expect(compiled('sess*').test('SESSIONID')).toBe(true);
    expect(compiled('__Host-?id').test('__Host-sid')).toBe(true);
    expect(compiled('a.b').test('axb')).toBe(false);
    expect(compiled('*.shop.example').test('app.shop.example')).toBe(true);
    expect(compiled('*.shop.example').test('shop.example')).toBe(false);
    expect(compiled('a*').test('')).toBe(false);
    expect(compiled('*').test('')).toBe(true);
  });

  it('globs agree with the regex they stand for, on random names and patterns', () => {
    const piece = fc.constantFrom('a', 'b', '.', '-', '*', '?', '_', 'A');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b', '.', '-', '_', 'A', 'B'), { maxLength: 12 }), (g, t) => {
        const glob = g.join('');
        const text = t.join('');
        const re = new RegExp(
          `^${glob
            .replace(/[.+^${}()|[\]\\-]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
          'is',
        );
        expect(globMatch(glob, text)).toBe(re.test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('a glob with many stars stays linear on a long adversarial name (as a regex it backtracks polynomially)', () => {
    const started = performance.now();
    expect(globMatch('*a*a*a*a*a*a*b', 'a'.repeat(4096))).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('regexes: written /…/flags, case-sensitive unless i', () => {
    expect(compiled('/^sid$/').test('SID')).toBe(false);
    expect(compiled('/^sid$/i').test('SID')).toBe(true);
    expect(compiled('/sess|sid|token|auth/i').test('x_SESSION')).toBe(true);
    for (const safe of ['/^_ga(_.*)?$/', '/^(?:[a-z0-9]+\\.)*example\\.com$/', '/^[a-z]+_\\d+$/', '/^(?:sess|sid)/ims', '/^c/u'])
      expect(refusal(safe)).toBe('');
  });

  it('flags other than i, m, s and u are refused with the reason (g and y would skip every other cookie)', () => {
    expect(refusal('/^c/g')).toBe(
      '/^c/g uses the flag g: only i, m, s and u are allowed (g and y carry state from one cookie to the next, so every other cookie would go unchecked).',
    );
    expect(refusal('/^c/y')).toContain('flag y');
    expect(refusal('/^c/gd')).toContain('flags g, d');
    expect(refusal('/^c/ii')).toContain('uses the flag');
  });

  it('patterns with catastrophic backtracking are refused: nested, overlapping and polynomial repetition', () => {
    for (const evil of ['/^(a+)+$/', '/(a|a)*$/', '/^.*a.*a.*b$/', '/\\w+\\d+$/', '/(x+x+)+y/']) {
      expect(refusal(evil), evil).toMatch(/is refused: .*one cookie name could hang the check/);
    }
  });

  it('a policy with such a pattern is not loaded, so the hostile cookie is never matched against it', () => {
    const { policy, errors } = validatePolicy({ version: 1, cookies: [{ name: '/^(a+)+$/', secure: true }], allow: [{ name: '/^c/g' }] });
    expect(policy).toBeUndefined();
    expect(errors).toEqual([
      'policy.cookies[0].name: /^(a+)+$/ is refused: it can backtrack catastrophically (a repetition inside a repetition, or two repetitions that can match the same text), so one cookie name could hang the check. Write it without nested or overlapping repetition, or use a glob.',
      'policy.allow[0].name: /^c/g uses the flag g: only i, m, s and u are allowed (g and y carry state from one cookie to the next, so every other cookie would go unchecked).',
    ]);
  });

  it('without g, every cookie is checked: /^c/i finds all three', async () => {
    const report = await analyze(
      ['c1', 'c2', 'c3'].map((name) => makeCookie({ name, secure: false })),
      { url: PAGE },
    );
    const result = applyPolicy(report, { version: 1, cookies: [{ name: '/^c/i', secure: true }] });
    expect(result.violations.map((v) => v.cookie.name)).toEqual(['c1', 'c2', 'c3']);
  });

  it('a match over the time budget stops the pattern: the cookies it could not check are violations, never passes', async () => {
    const report = await analyze(
      ['c1', 'c2', 'c3'].map((name) => makeCookie({ name, secure: true })),
      { url: PAGE },
    );
    let clock = 0;
    // Every reading of the clock is 60 ms later: each match looks slower than the 50 ms budget.
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 60));
    const result = applyPolicy(report, { version: 1, cookies: [{ name: '/^c/i', secure: true }] });
    vi.restoreAllMocks();
    // c1 was matched (and passed); the pattern was then stopped, so c2 and c3 are reported, not passed.
    expect(result.passed).toEqual([true, false, false]);
    expect(result.violations.map((v) => [v.cookie.name, v.requirement])).toEqual([
      ['c2', 'pattern'],
      ['c3', 'pattern'],
    ]);
    expect(result.violations[0].message).toBe(
      '"c2" could not be checked against the requirement for /^c/i: The pattern /^c/i took over 50 ms on one name and was stopped. Fix the pattern.',
    );
  });
});
