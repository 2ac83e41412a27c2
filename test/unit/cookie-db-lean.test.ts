// Its own file: the database is loaded once per context, and this test needs the first load to be the badge's.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/report';
import { makeCookie } from '../helpers';

describe('the badge analysis in the worker (the database without its descriptions)', () => {
  it('finds exactly what the full report finds and classifies every cookie the same; the report after it has the words', async () => {
    // fe_typo_user: a login by the Open Cookie Database's description only; _ga: analytics.
    const jar = [
      makeCookie({ name: 'fe_typo_user', value: 'a1b2c3d4e5f6a7b8c9d0', domain: 'shop.example', secure: false, httpOnly: false }),
      makeCookie({ name: '_ga', value: 'GA1.1.123.456', domain: '.shop.example', sameSite: 'no_restriction', secure: true }),
      makeCookie({ name: 'PHPSESSID', value: 'abcdef0123456789abcdef', domain: 'shop.example', httpOnly: false }),
    ];
    const badge = await analyze(jar, { url: 'https://shop.example/', descriptions: false });
    const full = await analyze(jar, { url: 'https://shop.example/' });
    const fromDb = (r: typeof badge) => r.cookies.filter((c) => c.source === 'open-cookie-database');
    expect(fromDb(full).length).toBeGreaterThanOrEqual(1);
    for (const c of fromDb(full)) expect(c.description).toMatch(/\w{4}/);
    for (const c of fromDb(badge)) expect(c.description).toBeUndefined();
    const what = (r: typeof badge) => r.cookies.map((c) => [c.name, c.purpose, c.role, c.source]);
    expect(what(badge)).toEqual(what(full));
    expect(badge.findings).toEqual(full.findings);
    expect(badge.findings.length).toBeGreaterThan(2);
  });
});
