import { describe, expect, it } from 'vitest';
import { cookieCoversUrl, domainMatch, isPotentiallyTrustworthy, isPublicSuffix, isThirdParty, pathMatch, siteOf } from '../../src/core/site';

describe('sites and matching', () => {
  it('the site is eTLD+1 with the private public-suffix section, as Chromium uses it', () => {
    expect(siteOf('app.shop.example.co.uk')).toBe('example.co.uk');
    expect(siteOf('alice.github.io')).toBe('alice.github.io');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
    expect(siteOf('localhost')).toBe('localhost');
    expect(isPublicSuffix('github.io')).toBe(true);
    expect(isPublicSuffix('co.uk')).toBe(true);
    expect(isPublicSuffix('example.com')).toBe(false);
  });

  it('domain-match follows RFC 6265bis 5.1.3, never for IP addresses by suffix', () => {
    expect(domainMatch('a.b.example', '.b.example')).toBe(true);
    expect(domainMatch('b.example', 'b.example')).toBe(true);
    expect(domainMatch('xb.example', 'b.example')).toBe(false);
    expect(domainMatch('1.2.3.4', '2.3.4')).toBe(false);
  });

  it('path-match follows RFC 6265bis 5.1.4', () => {
    expect(pathMatch('/a/b', '/a')).toBe(true);
    expect(pathMatch('/a/b', '/a/')).toBe(true);
    expect(pathMatch('/ab', '/a')).toBe(false);
    expect(pathMatch('/', '/')).toBe(true);
  });

  it('a host-only cookie covers its exact host only', () => {
    const c = { domain: 'shop.example', hostOnly: true, path: '/' };
    expect(cookieCoversUrl(c, 'https://shop.example/x')).toBe(true);
    expect(cookieCoversUrl(c, 'https://app.shop.example/x')).toBe(false);
    expect(cookieCoversUrl({ ...c, domain: '.shop.example', hostOnly: false }, 'https://app.shop.example/x')).toBe(true);
    expect(cookieCoversUrl(c, 'not a url')).toBe(false);
  });

  it('third-party means another site, not another host', () => {
    expect(isThirdParty({ domain: '.app.shop.example' }, 'https://www.shop.example/')).toBe(false);
    expect(isThirdParty({ domain: 'tracker.example' }, 'https://shop.example/')).toBe(true);
  });

  it('localhost and loopback are secure contexts like https', () => {
    expect(isPotentiallyTrustworthy('https://a.example/')).toBe(true);
    expect(isPotentiallyTrustworthy('http://localhost:3000/')).toBe(true);
    expect(isPotentiallyTrustworthy('http://127.0.0.1/')).toBe(true);
    expect(isPotentiallyTrustworthy('http://a.example/')).toBe(false);
  });
});
