import { describe, expect, it } from 'vitest';
import { toCdp, toCurl, toFetch, toSelenium, toStorageState } from '../../src/core/tool-exports';
import { exportCookies } from '../../src/core/transfer';
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
});
