import { describe, expect, it } from 'vitest';
import { applyFilter, parseFilter } from '../../src/core/filter';
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
  });
});
