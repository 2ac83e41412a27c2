import { describe, expect, it } from 'vitest';
import { compactReport, expandCookies, GROUP_EXAMPLES } from '../../src/core/compact-report';
import { refKey, sameCookie } from '../../src/core/cookie';
import { analyze } from '../../src/core/report';
import { makeCookie } from '../helpers';

/** The jar: 150 cookies of the site and 3,150 partitioned ones of its embeds. */
function bigJar() {
  const site = Array.from({ length: 150 }, (_, i) =>
    makeCookie({ name: i === 0 ? 'sessionid' : `pref_${i}`, value: `v${i}_${'x'.repeat(30)}`, secure: i % 3 !== 0, httpOnly: i % 2 === 0, sameSite: 'lax' }),
  );
  const partitioned = Array.from({ length: 3150 }, (_, i) =>
    makeCookie({
      name: `w${i}`,
      value: `state${i}`,
      domain: `widget${i % 30}.example`,
      sameSite: 'no_restriction',
      secure: true,
      partitionKey: { topLevelSite: 'https://shop.example' },
    }),
  );
  return [...site, ...partitioned];
}

describe('the compact report (what the popup gets)', () => {
  it('at 3,300 cookies stays under 300 KB, with every cookie and every finding counted', async () => {
    const report = await analyze(bigJar(), { url: 'https://shop.example/' });
    const full = JSON.stringify(report).length;
    const compact = compactReport(report);
    const size = JSON.stringify(compact).length;
    expect(size).toBeLessThan(300 * 1024);
    expect(full / size).toBeGreaterThan(4);
    expect(compact.cookies).toHaveLength(3300);
    expect(compact.findingCount).toBe(report.findings.length);
    expect(compact.groups.reduce((n, g) => n + g.count, 0)).toBe(report.findings.length);
    for (const g of compact.groups) expect(g.examples.length).toBe(Math.min(GROUP_EXAMPLES, g.count));
    // Partitioned embed cookies are SameSite=None by design: no finding says otherwise.
    expect(report.findings.filter((f) => f.rule === 'samesite-none' && f.cookie?.name.startsWith('w'))).toEqual([]);
  });

  it('expands back to the fields the popup shows', async () => {
    const session = makeCookie({ name: 'session', value: 'eyJ1c2VyIjoiYWRhIn0.ZxYz.abc', secure: false, sameSite: 'unspecified' });
    const report = await analyze([session, ...bigJar().slice(1, 20)], { url: 'https://shop.example/' });
    const back = expandCookies(compactReport(report));
    for (const [i, c] of report.cookies.entries()) {
      const b = back[i];
      for (const k of [
        'name',
        'domain',
        'path',
        'hostOnly',
        'secure',
        'httpOnly',
        'session',
        'sameSite',
        'type',
        'role',
        'purpose',
        'thirdParty',
        'partitioned',
        'size',
      ] as const)
        expect(b[k], `${c.name}.${k}`).toEqual(c[k]);
      expect(b.partitionKey?.topLevelSite).toBe(c.partitionKey?.topLevelSite);
      expect(b.description).toBe(c.description);
      // The popup finds each finding's cookie by its identity: store, partition and first-party domain kept.
      expect(sameCookie(b, c), c.name).toBe(true);
    }
    for (const f of report.findings)
      if (f.cookie)
        expect(
          back.some((b) => f.cookie && sameCookie(b, f.cookie)),
          f.rule,
        ).toBe(true);
  });

  it('keeps the identity of cookies in containers and under first-party isolation', async () => {
    const jar = [
      makeCookie({ name: 'sid', storeId: 'firefox-container-2' }),
      makeCookie({ name: 'sid', storeId: 'firefox-default', firstPartyDomain: 'shop.example' }),
    ];
    const back = expandCookies(compactReport(await analyze(jar, { url: 'https://shop.example/' })));
    expect(back.map((b) => refKey(b))).toEqual(jar.map((c) => refKey(c)));
  });
});
