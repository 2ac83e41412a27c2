// The badge's per-cookie analysis cache: whatever happens to the jar between two analyses, a report made
// through the cache is the report made without one.
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import Keygrip from 'keygrip';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../src/core/analysis-cache';
import type { Cookie } from '../../src/core/cookie';
import { DECODERS } from '../../src/core/decode/index';
import { analyze } from '../../src/core/report';
import { replay, SITES } from '../fixtures/real-headers/corpus';
import { makeCookie } from '../helpers';

const NOW = Date.UTC(2026, 5, 1);
const onApp = (name: string, value: string, more: Partial<Cookie> = {}) => makeCookie({ name, value, domain: 'app.example', ...more });

/** cookie-session signed by keygrip (its own library) with a listed secret: the .sig sibling is what decides. */
function cookieSession(payload: object, secret: string): Cookie[] {
  const value = Buffer.from(JSON.stringify(payload)).toString('base64');
  return [onApp('session', value), onApp('session.sig', new Keygrip([secret]).sign(`session=${value}`))];
}

// Cookies of real page visits, every decoder's own examples (with their siblings), and cookies signed with
// secrets the checker knows and does not know.
const real = (await Promise.all(SITES.slice(0, 6).map(replay))).flatMap((r) => r.cookies);
const examples = DECODERS.flatMap((d) =>
  d.examples.match.flatMap((e) => [onApp(e.cookie.name, e.cookie.value), ...(e.jar ?? []).map((j) => onApp(j.name, j.value))]),
);
const signed = [
  ...cookieSession({ user: 7 }, 'keyboard cat'),
  onApp('token', jwt.sign({ sub: '42' }, 'secret', { algorithm: 'HS256', noTimestamp: true })),
  onApp('jwt', jwt.sign({ sub: '1' }, 'b6f0c9e3a1d74e2f8c5b9a0d3e7f1c2a-not-listed', { algorithm: 'HS256', noTimestamp: true })),
];
const POOL = [...real, ...examples, ...signed];
const PAGES = [
  'https://app.example/',
  'https://www.app.example/account',
  'https://elsewhere.test/',
  ...SITES.slice(0, 6).map((s) => s.page.replace(/^http:/, 'https:')),
];

type Step =
  | { kind: 'add'; pick: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'change'; pick: number; value: string }
  | { kind: 'resign'; secret: string }
  | { kind: 'page'; pick: number }
  | { kind: 'mode'; descriptions: boolean; secrets: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('change' as const),
    pick: fc.nat(),
    value: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...POOL.map((c) => c.value))),
  }),
  fc.record({ kind: fc.constant('resign' as const), secret: fc.constantFrom('keyboard cat', 'secret', 'not-a-listed-secret-3f9a') }),
  fc.record({ kind: fc.constant('page' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('mode' as const), descriptions: fc.boolean(), secrets: fc.boolean() }),
);

/** The next jar: changed cookies are new objects, as cookies.onChanged delivers them; the others keep theirs. */
function apply(jar: Cookie[], s: Step, state: { page: string; descriptions: boolean; secrets: boolean }): Cookie[] {
  switch (s.kind) {
    case 'add':
      return [...jar, POOL[s.pick % POOL.length]].filter((c, i, all) => all.indexOf(c) === i);
    case 'remove':
      return jar.filter((_, i) => i !== s.pick % Math.max(1, jar.length));
    case 'change':
      return jar.map((c, i) => (i === s.pick % jar.length ? { ...c, value: s.value } : c));
    case 'resign': {
      // A new signature sibling (or a new session under the old one): only the sibling's object changes.
      const [session, sig] = cookieSession({ user: 7 }, s.secret);
      const has = jar.some((c) => c.name === 'session');
      return [...jar.filter((c) => c.name !== 'session.sig' && (has || c.name !== 'session')), ...(has ? [] : [session]), sig];
    }
    case 'page':
      state.page = PAGES[s.pick % PAGES.length];
      return jar;
    case 'mode':
      state.descriptions = s.descriptions;
      state.secrets = s.secrets;
      return jar;
  }
}

describe('the per-cookie analysis cache', () => {
  it('any sequence of changes, pages and modes: the report through the cache equals the report without it (property, 60 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), fc.nat(), async (steps, start) => {
        const cache = new AnalysisCache();
        const state = { page: PAGES[0], descriptions: false, secrets: true };
        let jar = [...examples, ...signed, ...real.slice(start % real.length, (start % real.length) + 40)];
        for (const s of [{ kind: 'page', pick: 0 } as Step, ...steps]) {
          jar = apply(jar, s, state);
          const options = { url: state.page, now: NOW, descriptions: state.descriptions, secrets: state.secrets };
          const [cached, plain] = [await analyze(jar, { ...options, cache }), await analyze(jar, options)];
          expect(cached).toEqual(plain);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('a second analysis of the same jar decodes and classifies nothing again; a changed cookie and its readers are redone', async () => {
    const cache = new AnalysisCache();
    const jar = [...real.slice(0, 50), ...cookieSession({ user: 7 }, 'keyboard cat')];
    const first = await analyze(jar, { url: PAGES[0], now: NOW, cache });
    expect(cache.counts).toMatchObject({ decodeHits: 0, decodeMisses: jar.length, describeHits: 0, describeMisses: jar.length });
    expect(first.cookies.find((c) => c.name === 'session')?.decoded?.knownSecret).toBe('keyboard cat');

    await analyze(jar, { url: PAGES[0], now: NOW, cache });
    expect(cache.counts).toMatchObject({ decodeHits: jar.length, describeHits: jar.length });

    // A new .sig (signed with an unlisted secret): the session cookie read it, so both are decoded again.
    const [, sig] = cookieSession({ user: 7 }, 'not-a-listed-secret-3f9a');
    const resigned = [...jar.filter((c) => c.name !== 'session.sig'), sig];
    const before = { ...cache.counts };
    const again = await analyze(resigned, { url: PAGES[0], now: NOW, cache });
    expect(cache.counts.decodeMisses - before.decodeMisses).toBe(2);
    expect(again.cookies.find((c) => c.name === 'session')?.decoded?.knownSecret).toBeUndefined();
    expect(again.findings.some((f) => f.rule === 'weak-secret')).toBe(false);
    expect(first.findings.some((f) => f.rule === 'weak-secret')).toBe(true);
  });

  it('what one report fills in per page (set by, container) does not leak into the next', async () => {
    const cache = new AnalysisCache();
    const c = onApp('sid', 'a1b2c3d4e5f6a7b8c9d0e1f2');
    const header = { url: PAGES[0], header: 'sid=a1b2c3d4e5f6a7b8c9d0e1f2; Secure; HttpOnly; SameSite=Lax' };
    const work = { name: 'Work', color: 'blue', colorCode: '#37adff', icon: 'briefcase' };
    for (let i = 0; i < 3; i++) {
      const report = await analyze([c], { url: PAGES[0], now: NOW, cache, ...(i === 1 ? { setCookies: [header] } : {}) });
      expect(report.cookies[0].setBy?.url).toBe(i === 1 ? PAGES[0] : undefined);
      expect(report.cookies[0].container).toBeUndefined();
      report.cookies[0].container = work;
    }
    expect(cache.counts.describeHits).toBe(2);
  });
});
