// What a site can do to the engine with the cookies it writes: prototype names in every field, values
// that make a decoder or rule throw, decompression bombs. Failure must stay per cookie, never per jar.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cookie, SameSite } from '../../src/core/cookie';
import { DECODERS, decodeValue } from '../../src/core/decode/index';
import { LIMITS } from '../../src/core/decode/limits';
import { siblingsOf } from '../../src/core/decode/types';
import { analyze } from '../../src/core/report';
import { RULES } from '../../src/core/rules/index';
import { parseImport } from '../../src/core/transfer';
import { flaskBomb, flaskCookie, jwtWith, PROTOTYPE_NAMES } from '../fixtures/hostile';
import { makeCookie, PAGE } from '../helpers';

const ordinary = () => [makeCookie({ name: 'sid', value: '9f2c4e8a7b1d3f5e6a8c0b2d4f6e8a1c', secure: false }), makeCookie({ name: 'theme', value: 'dark' })];

/** A cookie for each field a site (or an imported file) controls, each holding `p`. */
function cookiesNamed(p: string): Cookie[] {
  return [
    makeCookie({ name: p, value: p }),
    makeCookie({ name: `v-${p}`, value: jwtWith({ alg: p, typ: 'JWT' }, { [p]: p, sub: p, exp: p }) }),
    makeCookie({ name: `a-${p}`, value: jwtWith({ alg: 'HS256', [p]: p }, { [p]: { [p]: p } }) }),
    makeCookie({ name: 'session', value: flaskCookie(JSON.stringify({ [p]: p, ' t': [p], [` ${p}`]: p })) }),
    makeCookie({ name: `j-${p}`, value: encodeURIComponent(JSON.stringify({ [p]: [p, { [p]: p }] })) }),
    makeCookie({ name: `s-${p}`, value: p, sameSite: p as SameSite, path: `/${p}`, storeId: p }),
    makeCookie({ name: `k-${p}`, value: 'eyJhIjoxfQ==' }),
    makeCookie({ name: `k-${p}.sig`, value: p }),
    makeCookie({ name: `p-${p}`, value: p, partitionKey: { topLevelSite: p }, firstPartyDomain: p }),
  ];
}

describe("hostile input: a site's cookies cannot take the analysis down", () => {
  afterEach(() => vi.restoreAllMocks());

  it('a JWT whose alg is a name of Object.prototype is decoded, not checked with an inherited "hash"', async () => {
    for (const alg of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
      const report = await analyze([makeCookie({ name: 'token', value: jwtWith({ alg }, { sub: '1' }) }), ...ordinary()], { url: PAGE });
      expect(report.cookies.find((c) => c.name === 'token')?.decoded?.format).toBe('jwt');
      expect(report.findings.filter((f) => f.rule === 'analysis-error')).toEqual([]);
      expect(report.findings.some((f) => f.rule === 'missing-secure' && f.cookie?.name === 'sid')).toBe(true);
    }
  });

  it("every decoder and every rule, with Object.prototype's member names in every field: no throw, no failure, every cookie reported", async () => {
    expect(PROTOTYPE_NAMES).toContain('__proto__');
    for (const p of PROTOTYPE_NAMES) {
      const jar = [...cookiesNamed(p), ...ordinary()];
      for (const c of jar) for (const d of DECODERS) await expect(Promise.resolve().then(() => d.decode(c, siblingsOf(jar)))).resolves.not.toThrow();
      const report = await analyze(jar, {
        url: PAGE,
        pageUrls: [`https://shop.example/?${p}=${p}`],
        setCookies: [{ url: PAGE, header: `${p}=${p}; SameSite=${p}` }],
      });
      expect(report.cookies.map((c) => c.name)).toEqual(jar.map((c) => c.name));
      expect(
        report.findings.filter((f) => f.rule === 'analysis-error'),
        p,
      ).toEqual([]);
      for (const f of report.findings) expect(typeof f.message).toBe('string');
      // Nothing inherited leaked into the findings as text ("function Object() { [native code] }").
      expect(JSON.stringify(report.findings)).not.toContain('native code');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('an imported sameSite of "__proto__" or "constructor" is refused with a clear message', () => {
    for (const p of ['__proto__', 'constructor', 'toString']) {
      const r = parseImport(JSON.stringify([{ name: 'a', value: 'b', domain: 'shop.example', sameSite: p }]));
      expect(r.cookies).toEqual([]);
      expect(r.errors[0]).toContain(`"sameSite" "${p}" is not`);
    }
  });

  it('a decoded value that breaks classification fails that cookie only: analysis-error on it, every other cookie analysed', async () => {
    vi.spyOn(DECODERS[0], 'decode').mockImplementation((c) => {
      if (c.name !== 'evil') return null;
      return {
        decoded: {
          format: 'json',
          get storage(): 'client' {
            throw new TypeError('boom');
          },
        },
      };
    });
    const report = await analyze([makeCookie({ name: 'evil', value: 'x' }), ...ordinary()], { url: PAGE });
    expect(report.cookies.map((c) => c.name)).toEqual(['evil', 'sid', 'theme']);
    expect(report.cookies[0].role).toBe('unknown');
    const error = report.findings.find((f) => f.rule === 'analysis-error');
    expect(error?.message).toBe('"evil": classifying the cookie failed (TypeError: boom); the rest of the analysis ran.');
    expect(report.findings.some((f) => f.rule === 'missing-secure' && f.cookie?.name === 'sid')).toBe(true);
  });

  it('a signature check that throws is an analysis-error on that cookie; the others keep their findings', async () => {
    const { SecretChecker } = await import('../../src/core/secrets/verify');
    const checker = new SecretChecker();
    vi.spyOn(checker, 'find').mockRejectedValue(new TypeError("Failed to execute 'importKey': bad hash"));
    const report = await analyze([makeCookie({ name: 'token', value: jwtWith({ alg: 'HS256' }, { sub: '1' }) }), ...ordinary()], {
      url: PAGE,
      secrets: checker,
    });
    const errors = report.findings.filter((f) => f.rule === 'analysis-error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ severity: 'info', cookie: { name: 'token' } });
    expect(errors[0].message).toContain('the signature check failed');
    expect(errors[0].message).toContain('bad hash');
    expect(report.findings.some((f) => f.rule === 'missing-secure' && f.cookie?.name === 'sid')).toBe(true);
  });

  it('a rule that throws on one cookie is an analysis-error there; the rule still judges the other cookies', async () => {
    const rule = RULES.find((r) => r.id === 'missing-secure');
    if (rule?.scope !== 'cookie') throw new Error('missing-secure is a cookie rule');
    const original = rule.check.bind(rule);
    vi.spyOn(rule, 'check').mockImplementation((c, ctx) => {
      if (c.name === 'evil') throw new RangeError('Maximum call stack size exceeded');
      return original(c, ctx);
    });
    const report = await analyze([makeCookie({ name: 'evil', value: 'x', secure: false }), ...ordinary()], { url: PAGE });
    const error = report.findings.find((f) => f.rule === 'analysis-error');
    expect(error?.cookie?.name).toBe('evil');
    expect(error?.message).toContain('rule missing-secure failed (RangeError: Maximum call stack size exceeded)');
    expect(report.findings.some((f) => f.rule === 'missing-secure' && f.cookie?.name === 'sid')).toBe(true);
  });

  it('analysis-error is the last rule, so it reports the failures of every rule before it', () => {
    expect(RULES.at(-1)?.id).toBe('analysis-error');
  });
});

describe('hostile input: decompression bombs are cut to the limits', () => {
  it('a 1.4 KB Flask cookie that inflates to a 1 MiB list is read as Flask, its payload truncated and said so', async () => {
    const value = flaskBomb();
    expect(value.length).toBeLessThan(2000);
    const started = performance.now();
    const result = await decodeValue({ name: 'session', value }, siblingsOf([]));
    expect(performance.now() - started).toBeLessThan(500);
    expect(result?.decoded.format).toBe('flask');
    expect(typeof result?.decoded.payload).toBe('string');
    expect(String(result?.decoded.payload).length).toBeLessThanOrEqual(LIMITS.chars + 1);
    expect(result?.decoded.notes?.join(' ')).toMatch(/inflates to more than 1,048,576 bytes from 1,\d{3}: truncated/);
    expect(result?.decoded.notes?.join(' ')).toContain('Shown in part: 49,152 characters left out');
    // The signature is over the compressed text, so it is still checked.
    expect(result?.signature?.kind).toBe('flask');
  });

  it('a decoded tree is kept to LIMITS (items per level, depth, characters) with a note of what was left out', async () => {
    const wide = JSON.stringify({ list: Array.from({ length: 5000 }, () => 7) });
    const deep = JSON.stringify(Array.from({ length: 40 }).reduce<unknown>((inner) => [inner], 'core'));
    const long = JSON.stringify({ s: 'x'.repeat(3000) });
    const w = await decodeValue({ name: 'session', value: flaskCookie(wide) }, siblingsOf([]));
    expect((w?.decoded.payload as { list: number[] } | undefined)?.list).toHaveLength(LIMITS.children);
    expect(w?.decoded.notes?.join(' ')).toContain('4,800 items');
    const d = await decodeValue({ name: 'prefs', value: encodeURIComponent(deep) }, siblingsOf([]));
    expect(JSON.stringify(d?.decoded.payload)).toContain('[… 1 item]');
    expect(d?.decoded.notes?.join(' ')).toContain(`nested over ${LIMITS.depth} levels`);
    const l = await decodeValue({ name: 'prefs', value: encodeURIComponent(long) }, siblingsOf([]));
    expect((l?.decoded.payload as { s: string } | undefined)?.s).toHaveLength(3000);
    expect(l?.decoded.notes).toBeUndefined();
  });

  it('200 bomb cookies: the report stays a few MB (far below the 64 MiB message limit) and is built in seconds', async () => {
    const bomb = flaskBomb();
    const jar = Array.from({ length: 200 }, (_, i) => makeCookie({ name: `s${i}`, value: bomb, domain: `h${i}.shop.example` }));
    const started = performance.now();
    const report = await analyze(jar, { url: PAGE, secrets: false });
    const ms = performance.now() - started;
    const bytes = JSON.stringify(report).length;
    expect(report.cookies).toHaveLength(200);
    expect(bytes).toBeLessThan(4 * 1024 * 1024);
    expect(ms).toBeLessThan(10_000);
  });
});
