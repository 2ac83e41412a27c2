import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFilter, narrows, parseFilter } from '../../src/core/filter';
import { analyze } from '../../src/core/report';
import { makeCookie } from '../helpers';

async function filtered(query: string) {
  const report = await analyze(
    [
      makeCookie({ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: false }),
      makeCookie({ name: 'theme', value: 'dark', session: false, expirationDate: Date.UTC(2026, 5, 1) / 1000 }),
      makeCookie({ name: '_ga', domain: '.tracker.example', hostOnly: false, value: 'GA1.2.3' }),
      makeCookie({ name: 'lang', value: 'en', partitionKey: { topLevelSite: 'https://shop.example' } }),
    ],
    { url: 'https://shop.example/', now: Date.UTC(2026, 0, 1), secrets: false },
  );
  const findings = report.cookies.map((c) => report.findings.filter((f) => f.cookie?.name === c.name && f.cookie.domain === c.domain));
  return applyFilter(report.cookies, parseFilter(query), { findings, now: Date.UTC(2026, 0, 1) }).map((i) => report.cookies[i].name);
}

describe('filter syntax', () => {
  it('free text matches name, value and domain, case-insensitively', async () => {
    expect(await filtered('DARK')).toEqual(['theme']);
    expect(await filtered('tracker')).toEqual(['_ga']);
    expect(await filtered('')).toHaveLength(4);
  });
  it('keys narrow by name and domain', async () => {
    expect(await filtered('name:sess')).toEqual(['sessionid']);
    expect(await filtered('domain:shop.example')).toEqual(['sessionid', 'theme', 'lang']);
  });
  it('is: keys follow the cookie types', async () => {
    expect(await filtered('is:persistent')).toEqual(['theme']);
    expect(await filtered('is:session -is:third-party')).toEqual(['sessionid', 'lang']);
    expect(await filtered('is:third-party')).toEqual(['_ga']);
    expect(await filtered('is:partitioned')).toEqual(['lang']);
    expect(await filtered('-is:secure')).toEqual(['sessionid']);
  });
  it('has:issue, severity: and role: use the findings and classification', async () => {
    expect(await filtered('has:issue')).toEqual(['sessionid']);
    expect(await filtered('severity:high')).toEqual(['sessionid']);
    expect(await filtered('role:preference')).toEqual(['theme', 'lang']);
    expect(await filtered('role:tracking')).toEqual(['_ga']);
  });
  it('terms combine with AND, and quoted text keeps spaces', async () => {
    expect(await filtered('is:session name:lang')).toEqual(['lang']);
    expect(parseFilter('"a b" name:"x y"').terms).toEqual([
      { key: 'text', value: 'a b', negated: false },
      { key: 'name', value: 'x y', negated: false },
    ]);
  });
  it('reports terms it does not understand instead of silently matching nothing', () => {
    expect(parseFilter('is:tasty severity:urgent has:cheese name:').errors).toHaveLength(4);
    // An unknown key is plain text (a cookie name can contain a colon).
    expect(parseFilter('foo:bar').terms).toEqual([{ key: 'text', value: 'foo:bar', negated: false }]);
    expect(parseFilter('https://shop.example/').terms).toHaveLength(1);
  });
  it('an unknown value gets the same "did you mean" hint an unknown key gets, with the values the key takes', () => {
    expect(parseFilter('severity:critical').errors).toEqual([
      'severity:critical is not known — did you mean severity:high? (severity: takes high, medium, low, info).',
    ]);
    expect(parseFilter('role:tracker').errors[0]).toMatch(
      /^role:tracker is not known — did you mean role:tracking\? \(role: takes session, auth, csrf, tracking/,
    );
    expect(parseFilter('purpose:analytic').errors[0]).toMatch(/did you mean purpose:analytics\?/);
    expect(parseFilter('is:thirdparty').errors[0]).toMatch(/did you mean is:third-party\?/);
    expect(parseFilter('severty:high').errors[0]).toMatch(/^severty: is not a filter key — did you mean severity:\?/);
    expect(parseFilter('severty:high').terms).toEqual([]);
  });
  it('name:, domain: and value: take anchored globs as policies do', async () => {
    expect(await filtered('name:s*')).toEqual(['sessionid']);
    expect(await filtered('name:*e')).toEqual(['theme']);
    expect(await filtered('name:?a*')).toEqual(['lang']);
    expect(await filtered('name:_g?')).toEqual(['_ga']);
    expect(await filtered('-name:s*')).toEqual(['theme', '_ga', 'lang']);
    expect(await filtered('domain:*.tracker.example')).toEqual(['_ga']);
    expect(await filtered('value:ga1.*')).toEqual(['_ga']);
    // Without a wildcard a key still matches a part.
    expect(await filtered('name:e')).toEqual(['sessionid', 'theme']);
  });
});

describe('narrowing while typing', () => {
  const n = (a: string, b: string) => narrows(parseFilter(a), parseFilter(b));
  it('a glob is anchored, so typing on from one never counts as narrowing', () => {
    expect(n('name:s', 'name:s*')).toBe(false);
    expect(n('name:*x', 'name:*x*')).toBe(false);
  });

  it('knows when one more letter or one more term can only narrow the result', () => {
    expect(n('sess', 'sessi')).toBe(true);
    expect(n('name:s', 'name:se')).toBe(true);
    expect(n('is:secure', 'is:secure v1')).toBe(true);
    expect(n('', 'anything')).toBe(true);
    expect(n('name', 'name:')).toBe(false); // the text term became an unfinished key: fewer terms
    expect(n('-sess', '-sessi')).toBe(false); // a longer negated term keeps more
    expect(n('container:d', 'container:default')).toBe(false); // "default" is a word, not a substring match
    expect(n('role:session', 'role:sessionx')).toBe(false);
    expect(n('sess', 'sesx')).toBe(false);
    expect(n('sess', 'sess is:expired')).toBe(false); // depends on the time
  });

  it('filtering within the last result gives exactly the full result whenever narrows() says so', async () => {
    const alphabet = ['a', 'b', 's', ':', '-', ' ', 'n', 'e', 'x', '1'];
    const jar = await analyze(
      Array.from({ length: 40 }, (_, i) =>
        makeCookie({
          name: ['sa', 'sb', 'ab', 'ns', 'name', 'es', 'x1'][i % 7] + i,
          value: ['ab', 'ss', 'e1', 'nx'][i % 4],
          domain: i % 3 ? 'shop.example' : '.sub.example',
          hostOnly: i % 3 !== 0,
          secure: i % 2 === 0,
          session: i % 5 !== 0,
          ...(i % 5 === 0 ? { expirationDate: Date.UTC(2027, 0, 1) / 1000 } : {}),
        }),
      ),
      { url: 'https://shop.example/', now: Date.UTC(2026, 0, 1), secrets: false },
    );
    const ctx = { findings: jar.cookies.map((c) => jar.findings.filter((f) => f.cookie?.name === c.name)), now: Date.UTC(2026, 0, 1) };
    const prefixes = ['', 'name:', 'domain:', 'is:secure ', '-is:session ', 'value:', 'has:issue '];
    let narrowed = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }),
        fc.array(fc.constantFrom(...alphabet), { maxLength: 4 }),
        (prefix, a, b) => {
          const prev = parseFilter(prefix + a.join(''));
          const next = parseFilter(prefix + a.join('') + b.join(''));
          if (!narrows(prev, next)) return;
          narrowed++;
          const within = applyFilter(jar.cookies, prev, ctx);
          expect(applyFilter(jar.cookies, next, ctx, within)).toEqual(applyFilter(jar.cookies, next, ctx));
        },
      ),
      { numRuns: 3000 },
    );
    // The property was exercised, not skipped.
    expect(narrowed).toBeGreaterThan(500);
  });
});
