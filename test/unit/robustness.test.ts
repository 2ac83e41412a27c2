// Property-based robustness: random and mutated Set-Cookie headers and cookie values through the parser,
// the jar and every decoder. Nothing may throw, and each input must finish quickly (a regex that
// backtracks badly would take seconds on the long adversarial inputs generated here).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCookieDate } from '../../src/core/cookie-date';
import { DECODERS } from '../../src/core/decode/index';
import { entropyBits } from '../../src/core/entropy';
import { CookieJar } from '../../src/core/jar';
import { analyze } from '../../src/core/report';
import { parseSetCookie } from '../../src/core/set-cookie';

/** Per-input ceiling: generous for a loaded 2-core machine, far below what a backtracking blow-up takes. */
const MAX_MS = 250;

const REAL_HEADERS = [
  'sessionid=9f2c4e8a7b1d3f5e; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=1209600',
  '__Host-csrf=Zx81kq0L; Path=/; Secure; SameSite=Strict',
  'lang=en; Domain=shop.example; Expires=Wed, 21 Oct 2099 07:28:00 GMT',
  'id=a3fWa; Expires=Thu, 21 Oct 2021 07:28:00 GMT; Secure; HttpOnly; Partitioned',
  'connect.sid=s%3Aabc.L3URH8qEUlRhbJErOXuJ%2FR5i21GJUY02kERb2c2p5w0; Path=/; HttpOnly',
];
const REAL_VALUES = [
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  '.eJxF0TsKwlAQRuG9TB3BeanJViSIYNBUSqKFiHu3kDm3O9X_Xe585Davz_vyluEoj_N12myl-4dWWIVXREVW7Cr2FYeKnsE2zbYyrqwr88q-AiiCQiiGYVh7P4ZhGIZhGIZhGIZhOIZjePskDMdwDMdwDMdwjMAIjMCIdgmMwAiMwAiMwEiMxEiMxMh2bozESIzEyF7GTl7rtJzmiwxh3x_pX6Ts.awdmhw.uvgIMAhkAJQyuvUjyIrZVje1pOc',
  'eyJfYXV0aF91c2VyX2lkIjoiMSIsImNhcnQiOlsxLDIsM119:1xWLqB:dvswp41iI8T7xZS89_qg4pqVjRvGyQ66OJ6F2h4cLZM',
  's%3Aabc123.L3URH8qEUlRhbJErOXuJ%2FR5i21GJUY02kERb2c2p5w0',
  'eyJpdiI6IkNkZ2E5c1JqRk1tYVZQUk9OSXh6Z2c9PSIsInZhbHVlIjoiYWJjIiwibWFjIjoiMTIzIn0%3D',
  'YWJj--AAAAAAAAAAAAAAAA--AAAAAAAAAAAAAAAAAAAAAA==',
  'CfDJ8AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  '%7B%22a%22%3A1%7D',
];

/** A string with some of its characters replaced, duplicated or cut: near-misses of real formats. */
const mutated = (samples: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...samples),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'dup', 'cut'), fc.string({ maxLength: 3, unit: 'binary' })), { maxLength: 6 }),
    )
    .map(([s, ops]) => {
      let out = s;
      for (const [pos, op, text] of ops) {
        const i = out.length ? pos % out.length : 0;
        if (op === 'delete') out = out.slice(0, i) + out.slice(i + 1);
        else if (op === 'insert') out = out.slice(0, i) + text + out.slice(i);
        else if (op === 'dup') out = out.slice(0, i) + out.slice(i, i + 20) + out.slice(i);
        else out = out.slice(0, i);
      }
      return out;
    });

/** Long runs of one character followed by a different one: the classic backtracking trigger. */
const adversarial = fc
  .tuple(fc.constantFrom('a', '=', ';', ' ', '.', '-', '0', '%', ':', '"', 'A'), fc.integer({ min: 100, max: 5000 }), fc.string({ maxLength: 4 }))
  .map(([ch, n, tail]) => ch.repeat(n) + tail);

const headerInputs = fc.oneof(
  fc.string({ maxLength: 300, unit: 'binary' }),
  mutated(REAL_HEADERS),
  adversarial,
  fc.string({ maxLength: 6000, unit: 'grapheme-ascii' }),
);
const valueInputs = fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), mutated(REAL_VALUES), adversarial, fc.base64String({ maxLength: 800 }));

function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

describe('robustness', () => {
  it('parseSetCookie and the jar never throw and stay fast on 6,000 random and mutated headers', () => {
    const jar = new CookieJar();
    fc.assert(
      fc.property(headerInputs, fc.constantFrom('https://shop.example/a/b', 'http://127.0.0.1/', 'https://alice.github.io/'), (header, url) => {
        const { result, ms } = timed(() => parseSetCookie(header, url, Date.UTC(2026, 0, 1)));
        expect(ms).toBeLessThan(MAX_MS);
        expect(typeof result.accepted).toBe('boolean');
        if (!result.accepted) expect(result.reason.length).toBeGreaterThan(0);
        jar.setCookie(header, url, Date.UTC(2026, 0, 1));
        expect(timed(() => parseCookieDate(header)).ms).toBeLessThan(MAX_MS);
      }),
      { numRuns: 6000 },
    );
    expect(() => jar.cookiesFor('https://shop.example/a/b/c')).not.toThrow();
  });

  it('every decoder returns a result or "not this format", never throws, on 6,000 random and mutated values', async () => {
    await fc.assert(
      fc.asyncProperty(
        valueInputs,
        fc.constantFrom('session', 'sessionid', 'connect.sid', 'token', '_app_session', 'PHPSESSID', 'JSESSIONID', '.AspNetCore.Session', 'x'),
        async (value, name) => {
          const cookie = { name, value };
          const jar = new Map([[`${name}.sig`, { name: `${name}.sig`, value: value.slice(0, 27) }]]);
          for (const decoder of DECODERS) {
            const start = performance.now();
            const result = await decoder.decode(cookie, jar);
            expect(performance.now() - start).toBeLessThan(MAX_MS);
            if (result !== null) expect(result.decoded.format).toBeTruthy();
          }
          expect(timed(() => entropyBits(value)).ms).toBeLessThan(MAX_MS);
        },
      ),
      { numRuns: 6000 },
    );
  });

  it('analyze never throws on a jar of hostile cookies and reports every one of them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.string({ maxLength: 40 }), valueInputs), { maxLength: 20 }), async (pairs) => {
        const cookies = pairs.map(([name, value]) => ({
          name,
          value,
          domain: 'shop.example',
          hostOnly: true,
          path: '/',
          secure: false,
          httpOnly: false,
          sameSite: 'unspecified' as const,
          session: true,
        }));
        const report = await analyze(cookies, { url: 'https://shop.example/', secrets: false });
        expect(report.cookies).toHaveLength(cookies.length);
        expect(report.score).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a truncated or corrupted zlib payload (Flask, Django) is "not this format", not a hang', async () => {
    const { flask } = await import('../../src/core/decode/flask');
    const { djangoSigned } = await import('../../src/core/decode/django');
    const [payload, ts, sig] = REAL_VALUES[1].slice(1).split('.');
    for (const broken of [payload.slice(0, payload.length / 2), `${payload.slice(0, 10)}AAAA${payload.slice(14)}`, 'eJz']) {
      expect(await flask.decode({ name: 'session', value: `.${broken}.${ts}.${sig}` }, new Map())).toBeNull();
      expect(await djangoSigned.decode({ name: 'sessionid', value: `.${broken}:1xWLqB:dvswp41iI8T7xZS89_qg4pqVjRvGyQ66OJ6F2h4cLZM` }, new Map())).toBeNull();
    }
  });
});
