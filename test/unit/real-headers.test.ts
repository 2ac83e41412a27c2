// The real-world corpus (test/fixtures/real-headers): 28 real page visits, every cookie judged by hand in
// judgements.json with its reason. No high or medium finding may be a false alarm there, and no flag problem
// of a first-party login may go unreported.
import { describe, expect, it } from 'vitest';
import { JUDGEMENTS, judge, replay, SITES } from '../fixtures/real-headers/corpus';

const results = await Promise.all(SITES.map(replay));
const judged = judge(results);
const rate = (hits: number, all: number) => hits / Math.max(1, all);

describe('real Set-Cookie headers from 28 page visits', () => {
  it('holds the 1,169 headers of the 28 visits, and every cookie they leave is judged', () => {
    expect(SITES).toHaveLength(28);
    expect(SITES.reduce((n, s) => n + s.headers.length, 0)).toBe(1169);
    expect(judged.unjudged).toEqual([]);
    for (const j of JUDGEMENTS) expect(j.reason.length, j.names.join(' ')).toBeGreaterThan(15);
  });

  it('no high or medium finding is a false alarm', () => {
    expect(judged.falseAlarms.map(({ page, finding: f }) => `${page} ${f.rule} ${f.severity} ${f.cookie?.name}: ${f.message}`)).toEqual([]);
    expect(judged.trueAlarms.length).toBeGreaterThan(30);
  });

  it("every missing Secure, HttpOnly or SameSite (and SameSite=None) of the sites' own logins is flagged at medium or high", () => {
    expect(judged.credentialFlagProblems).toBeGreaterThan(20);
    expect(judged.missed).toEqual([]);
  });

  it('tracking and login cookies are recognised (precision ≥ 0.95, recall ≥ 0.80 for tracking and ≥ 0.90 for logins)', () => {
    const tracking = judged.roles.filter((r) => r.judged === 'tracking');
    const saidTracking = judged.roles.filter((r) => r.given === 'tracking');
    expect(rate(saidTracking.filter((r) => r.judged === 'tracking').length, saidTracking.length)).toBeGreaterThanOrEqual(0.95);
    expect(rate(tracking.filter((r) => r.given === 'tracking').length, tracking.length)).toBeGreaterThanOrEqual(0.8);
    const login = (s: string) => s === 'session' || s === 'auth';
    const logins = judged.roles.filter((r) => login(r.judged));
    const saidLogin = judged.roles.filter((r) => login(r.given));
    expect(rate(saidLogin.filter((r) => login(r.judged)).length, saidLogin.length)).toBeGreaterThanOrEqual(0.95);
    expect(rate(logins.filter((r) => login(r.given)).length, logins.length)).toBeGreaterThanOrEqual(0.9);
  });
});
