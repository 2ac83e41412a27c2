// Every regular expression that sees site data must run in linear time: a backtracking blow-up on a
// crafted cookie freezes the worker, the panel or the CLI. Each function that reads site text is timed on
// 1 MiB adversarial inputs (long runs of one character or of a short pattern, then a character that
// forces a mismatch). Linear code handles 1 MiB in a few milliseconds; quadratic code needs minutes.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify';
import { parseCookieDate } from '../../src/core/cookie-date';
import { loadCookieDb } from '../../src/core/data/cookie-db';
import { DECODERS } from '../../src/core/decode/index';
import { siblingsOf } from '../../src/core/decode/types';
import { entropyBits } from '../../src/core/entropy';
import { applyFilter, parseFilter } from '../../src/core/filter';
import { analyze } from '../../src/core/report';
import { RULES } from '../../src/core/rules/index';
import { parseSetCookie } from '../../src/core/set-cookie';
import { parseImport } from '../../src/core/transfer';
import { makeCookie, PAGE } from '../helpers';

const MiB = 1024 * 1024;
/** Generous for a loaded 2-core machine; a quadratic regex over 1 MiB takes minutes. */
const BUDGET_MS = 1500;

const UNITS = ['a', '0', '.', '-', '_', '@', '=', ';', '%', ' ', ':', '"', '/', '+', 'A', '\t', 'é', '{', '['];
const PAIRS = ['a@', 'a.', '0 ', '0-', '%2', 's:', 'a-', '1.', 'a=', 'a;', '"a', '{"a":', '[0,', 'ab', 'A1', '--', '\\"', 'eyJ', '.eJ'];
const INPUTS: [string, string][] = [
  ...UNITS.map((u): [string, string] => [`${JSON.stringify(u)} × 1 MiB`, `${u.repeat(MiB)}!`]),
  ...PAIRS.map((p): [string, string] => [`${JSON.stringify(p)} × 1 MiB`, `${p.repeat(Math.ceil(MiB / p.length))}\u0001`]),
  ['"s:" then 1 MiB of id characters', `s:${'a'.repeat(MiB)}.`],
  ['an e-mail-like run', `${'a'.repeat(MiB / 2)}@${'a.'.repeat(MiB / 4)}1`],
  ['a card-number-like run', `${'4 '.repeat(MiB / 2)}x`],
  ['a password-like run', `password=${'a'.repeat(MiB)}`],
  ['a private-key-like run', `-----BEGIN ${'A '.repeat(MiB / 2)}`],
];

function timed(label: string, fn: () => unknown): void {
  const started = performance.now();
  fn();
  const ms = performance.now() - started;
  expect(ms, `${label}: ${ms.toFixed(0)} ms`).toBeLessThan(BUDGET_MS);
}

async function timedAsync(label: string, fn: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  expect(ms, `${label}: ${ms.toFixed(0)} ms`).toBeLessThan(BUDGET_MS);
}

const db = await loadCookieDb();

describe('linear time on 1 MiB adversarial site data', () => {
  for (const [what, input] of INPUTS) {
    it(`parser, date parser, classification and entropy: ${what}`, () => {
      timed('parseSetCookie (as the pair)', () => parseSetCookie(`${input}=1`, PAGE));
      timed('parseSetCookie (as an attribute)', () => parseSetCookie(`a=1; Expires=${input}; Path=${input}; SameSite=${input}`, PAGE));
      timed('parseCookieDate', () => parseCookieDate(input));
      timed('classify', () => classify({ name: input, value: input, domain: 'shop.example' }, undefined, { db, pageUrl: PAGE }));
      timed('entropyBits', () => entropyBits(input));
    });

    it(`every decoder, called directly: ${what}`, async () => {
      for (const name of ['session', 'sessionid', 'connect.sid', 'PHPSESSID', 'JSESSIONID', '_app_session', 'laravel_session', '.ASPXAUTH', 'x']) {
        for (const d of DECODERS)
          await timedAsync(`${d.id} as ${name}`, async () => d.decode({ name, value: input }, siblingsOf([{ name: `${name}.sig`, value: input }])));
      }
    });

    it(`every rule, through analyze: ${what}`, async () => {
      const cookies = [makeCookie({ name: input, value: input }), makeCookie({ name: 'sid', value: input, domain: 'shop.example' })];
      await timedAsync(`analyze (${RULES.length} rules)`, () =>
        analyze(cookies, {
          url: PAGE,
          secrets: false,
          pageUrls: [`https://shop.example/?sid=${input}`],
          setCookies: [{ url: PAGE, header: `${input}=${input}` }],
        }),
      );
    });

    it(`the panel filter and the importer: ${what}`, () => {
      const cookies = [makeCookie({ name: input, value: input })];
      timed('parseFilter', () => parseFilter(input));
      timed('applyFilter', () =>
        applyFilter(cookies as never, parseFilter(`name:${input.slice(0, 100)} ${input.slice(0, 100)}`), { findings: [[]], now: Date.now() }),
      );
      timed('parseImport (cookies.txt)', () => parseImport(input));
      timed('parseImport (JSON)', () => parseImport(`[{"name":${JSON.stringify(input)},"value":"","domain":"x.example"}]`));
    });
  }
});
