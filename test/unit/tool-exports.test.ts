import { describe, expect, it } from 'vitest';
import { toCdp, toCurl, toFetch, toSelenium, toStorageState } from '../../src/core/tool-exports';
import { exportCookies, type ImportedCookie, parseImport } from '../../src/core/transfer';
import { makeCookie } from '../helpers';

const NOW = Date.UTC(2026, 0, 1);
const jar = [
  makeCookie({ name: 'sid', value: 'abc', domain: 'shop.example', httpOnly: true, sameSite: 'lax' }),
  makeCookie({
    name: 'lang',
    value: 'en',
    domain: '.shop.example',
    hostOnly: false,
    session: false,
    expirationDate: 1893456000,
    sameSite: 'unspecified',
    httpOnly: false,
  }),
  makeCookie({ name: 'acct', value: "it's", domain: 'shop.example', path: '/account', sameSite: 'strict' }),
  makeCookie({
    name: 'uid',
    value: 't1',
    domain: '.tracker.example',
    hostOnly: false,
    sameSite: 'no_restriction',
    partitionKey: { topLevelSite: 'https://shop.example' },
  }),
];

describe('exports in the test tools’ own vocabularies', () => {
  it('Playwright storageState: expires -1 for session cookies, its SameSite words, dotted domains for domain cookies', () => {
    const state = JSON.parse(toStorageState(jar));
    expect(state.origins).toEqual([]);
    expect(state.cookies[0]).toEqual({
      name: 'sid',
      value: 'abc',
      domain: 'shop.example',
      path: '/',
      expires: -1,
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    });
    expect(state.cookies[1]).toMatchObject({ domain: '.shop.example', expires: 1893456000, sameSite: 'Lax' });
    expect(state.cookies[3]).toMatchObject({ sameSite: 'None', partitionKey: 'https://shop.example' });
  });

  it('CDP / Puppeteer: host-only cookies by url, domain cookies by domain; Selenium: expiry in whole seconds', () => {
    const cdp = JSON.parse(toCdp(jar));
    expect(cdp[0]).toEqual({ name: 'sid', value: 'abc', url: 'https://shop.example/', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
    expect(cdp[1]).toMatchObject({ domain: '.shop.example', expires: 1893456000 });
    expect(cdp[1].sameSite).toBeUndefined();
    expect(cdp[3].partitionKey).toEqual({ topLevelSite: 'https://shop.example', hasCrossSiteAncestor: false });
    const selenium = JSON.parse(toSelenium(jar));
    expect(selenium[1]).toEqual({ name: 'lang', value: 'en', domain: '.shop.example', path: '/', secure: true, httpOnly: false, expiry: 1893456000 });
  });

  it('curl and fetch(): one per request URL with the cookies the browser would send there, quoted safely', () => {
    expect(toCurl(jar, 'https://shop.example/', NOW).split('\n')).toEqual([
      "curl -b 'sid=abc; lang=en' 'https://shop.example/'",
      "curl -b 'acct=it'\\''s; sid=abc; lang=en' 'https://shop.example/account'",
      "curl -b 'uid=t1' 'https://tracker.example/'",
      '',
    ]);
    expect(toFetch(jar, 'https://shop.example/', NOW).split('\n')[0]).toBe(
      'await fetch("https://shop.example/", { headers: { Cookie: "sid=abc; lang=en" } });',
    );
    // Partitioned to shop.example: from another site's page it would not go.
    expect(toCurl(jar, 'https://other.example/', NOW)).not.toContain('uid=t1');
    expect(exportCookies(jar, 'storage-state')).toBe(toStorageState(jar));
  });

  it("Puppeteer's dialect names the partition's site sourceOrigin, CDP's topLevelSite; nothing else differs", () => {
    const cdp = JSON.parse(toCdp(jar, 'cdp'));
    const pptr = JSON.parse(exportCookies(jar, 'puppeteer'));
    expect(pptr[3].partitionKey).toEqual({ sourceOrigin: 'https://shop.example', hasCrossSiteAncestor: false });
    expect(pptr.map((c: { partitionKey?: unknown }) => ({ ...c, partitionKey: undefined }))).toEqual(
      cdp.map((c: { partitionKey?: unknown }) => ({ ...c, partitionKey: undefined })),
    );
  });
});

describe('imports of what the test tools write', () => {
  // The cookie's identity and attributes, as the import's own type has them.
  const identity = (c: ImportedCookie) => ({
    name: c.name,
    value: c.value,
    domain: c.domain.replace(/^\./, ''),
    hostOnly: c.hostOnly,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    expirationDate: c.expirationDate,
    partitionKey: c.partitionKey?.topLevelSite,
  });
  const expected = jar.map((c) => identity({ ...c, expirationDate: c.session ? undefined : c.expirationDate }));

  for (const format of ['storage-state', 'cdp', 'puppeteer'] as const) {
    it(`${format}: our export reads back as the same cookies (session ones stay session: expires -1)`, () => {
      const result = parseImport(exportCookies(jar, format));
      expect(result.errors).toEqual([]);
      expect(result.cookies.map(identity)).toEqual(expected);
      expect(result.cookies[2].sameSite).toBe('strict');
      expect(result.cookies[0].expirationDate).toBeUndefined();
    });
  }

  it("a storageState's localStorage comes with it, per origin; a bad origins entry is a problem and nothing imports", () => {
    const state = toStorageState(jar, [{ origin: 'https://shop.example', localStorage: [{ name: 'token', value: 'eyJ' }] }]);
    expect(parseImport(state).origins).toEqual([{ origin: 'https://shop.example', localStorage: [{ name: 'token', value: 'eyJ' }] }]);
    const bad = parseImport(JSON.stringify({ cookies: [], origins: [{ origin: 'file:///x', localStorage: [] }] }));
    expect(bad.errors).toEqual(['origins item 1: needs "origin" (an http or https origin) and "localStorage" as a list of { name, value } strings.']);
    expect(bad.origins).toBeUndefined();
  });

  it('CDP cookies from Network.getCookies (expires -1, session true, size, priority) and a url instead of a domain', () => {
    const got = parseImport(
      JSON.stringify([
        {
          name: 'a',
          value: '1',
          domain: 'x.example',
          path: '/',
          expires: -1,
          size: 2,
          httpOnly: false,
          secure: true,
          session: true,
          sameSite: 'Lax',
          priority: 'Medium',
        },
        { name: 'b', value: '2', url: 'https://x.example/app/page', secure: true },
        { name: 'c', value: '3', url: 'ftp://x.example/' },
      ]),
    );
    expect(got.errors).toEqual(['item 3 ("c"): "url" must be an http or https URL.']);
    const ok = parseImport(JSON.stringify([{ name: 'b', value: '2', url: 'https://x.example/app/page', secure: true }]));
    expect(ok.cookies[0]).toMatchObject({ domain: 'x.example', hostOnly: true, path: '/app', secure: true });
  });
});
