import { describe, expect, it } from 'vitest';
import { CookieJar, cookieHeader } from '../../src/core/jar';
import { sendDecision } from '../../src/core/send';
import { defaultPath, parseSetCookie } from '../../src/core/set-cookie';
import { makeCookie } from '../helpers';

const NOW = Date.UTC(2026, 0, 1);
const HTTPS = 'https://app.shop.example/account/settings';

function rejected(header: string, url = HTTPS) {
  const r = parseSetCookie(header, url, NOW);
  return r.accepted ? null : r.code;
}

describe('parseSetCookie: what the browser stores, and why not', () => {
  it('returns the cookies-API shape', () => {
    const r = parseSetCookie('sid=abc; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=60', HTTPS, NOW);
    expect(r).toMatchObject({
      accepted: true,
      cookie: {
        name: 'sid',
        value: 'abc',
        domain: 'app.shop.example',
        hostOnly: true,
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'strict',
        session: false,
        expirationDate: NOW / 1000 + 60,
      },
    });
  });

  it('SameSite=None without Secure is rejected', () => expect(rejected('a=1; SameSite=None')).toBe('samesite-none-insecure'));
  it('SameSite=None with Secure is kept as no_restriction', () => {
    const r = parseSetCookie('a=1; SameSite=none; Secure', HTTPS, NOW);
    expect(r.accepted && r.cookie.sameSite).toBe('no_restriction');
  });
  it('an unknown SameSite value falls back to unspecified, with a warning', () => {
    const r = parseSetCookie('a=1; SameSite=yes', HTTPS, NOW);
    expect(r.accepted && r.cookie.sameSite).toBe('unspecified');
    expect(r.accepted && r.header.warnings.join()).toMatch(/not None, Lax or Strict/);
  });

  it('__Secure- needs Secure, in any letter case', () => {
    expect(rejected('__Secure-a=1')).toBe('invalid-prefix');
    expect(rejected('__SECURE-a=1')).toBe('invalid-prefix');
    expect(rejected('__Secure-a=1; Secure')).toBeNull();
  });
  it('__Host- needs Secure, no Domain and Path=/, in any letter case', () => {
    expect(rejected('__Host-a=1; Secure; Path=/')).toBeNull();
    expect(rejected('__host-a=1; Secure; Path=/; Domain=shop.example')).toBe('invalid-prefix');
    expect(rejected('__Host-a=1; Secure; Path=/account')).toBe('invalid-prefix');
    expect(rejected('__Host-a=1; Path=/')).toBe('invalid-prefix');
  });
  it('a nameless cookie cannot smuggle a prefix in its value', () => expect(rejected('__Host-x; Secure; Path=/')).toBe('invalid-prefix'));

  it('Secure from an insecure origin is rejected, but localhost counts as secure', () => {
    expect(rejected('a=1; Secure', 'http://shop.example/')).toBe('secure-only');
    expect(rejected('a=1; Secure', 'http://localhost:3000/')).toBeNull();
    expect(rejected('a=1; Secure', 'http://127.0.0.1:8080/')).toBeNull();
  });

  it('a Domain that is a public suffix is rejected, private PSL entries included', () => {
    expect(rejected('a=1; Domain=example')).toBe('invalid-domain');
    expect(rejected('a=1; Domain=co.uk', 'https://shop.co.uk/')).toBe('invalid-domain');
    expect(rejected('a=1; Domain=github.io', 'https://alice.github.io/')).toBe('invalid-domain');
  });
  it('a Domain equal to a public-suffix host makes a host-only cookie', () => {
    const r = parseSetCookie('a=1; Domain=github.io', 'https://github.io/', NOW);
    expect(r.accepted && [r.cookie.domain, r.cookie.hostOnly]).toEqual(['github.io', true]);
  });
  it('a Domain that does not cover the host is rejected; a parent domain is kept with a dot', () => {
    expect(rejected('a=1; Domain=other.example')).toBe('domain-mismatch');
    const r = parseSetCookie('a=1; Domain=.SHOP.example', HTTPS, NOW);
    expect(r.accepted && [r.cookie.domain, r.cookie.hostOnly]).toEqual(['.shop.example', false]);
  });

  it('name + value over 4096 bytes is rejected; exactly 4096 is fine', () => {
    expect(rejected(`a=${'x'.repeat(4096)}`)).toBe('name-value-too-large');
    expect(rejected(`a=${'x'.repeat(4095)}`)).toBeNull();
    expect(rejected(`é=${'x'.repeat(4094)}`)).toBeNull();
    expect(rejected(`é=${'x'.repeat(4095)}`)).toBe('name-value-too-large');
  });
  it('an attribute value over 1024 bytes is ignored, not the cookie', () => {
    const r = parseSetCookie(`a=1; Path=/${'p'.repeat(1100)}`, HTTPS, NOW);
    expect(r.accepted && r.cookie.path).toBe('/account');
  });
  it('control characters reject the whole line; a tab is allowed', () => {
    expect(rejected('a=1\u0001; Secure')).toBe('control-character');
    expect(rejected('a=b\u007f')).toBe('control-character');
    expect(rejected('a=b\tc')).toBeNull();
  });
  it('Partitioned without Secure is rejected', () => {
    expect(rejected('a=1; Partitioned')).toBe('partitioned-insecure');
    const r = parseSetCookie('a=1; Partitioned; Secure', HTTPS, NOW);
    expect(r.accepted && r.partitioned).toBe(true);
  });

  it('caps Max-Age and Expires at 400 days', () => {
    const capped = NOW / 1000 + 400 * 86400;
    for (const h of ['a=1; Max-Age=999999999', 'a=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT']) {
      const r = parseSetCookie(h, HTTPS, NOW);
      expect(r.accepted && r.cookie.expirationDate).toBe(capped);
    }
  });
  it('Max-Age beats Expires, and zero or negative Max-Age expires the cookie', () => {
    const r = parseSetCookie('a=1; Max-Age=10; Expires=Fri, 31 Dec 2099 23:59:59 GMT', HTTPS, NOW);
    expect(r.accepted && r.cookie.expirationDate).toBe(NOW / 1000 + 10);
    const gone = parseSetCookie('a=1; Max-Age=-5', HTTPS, NOW);
    expect(gone.accepted && gone.expired).toBe(true);
  });
  it('defaults the path to the request directory', () => {
    expect(defaultPath('/account/settings')).toBe('/account');
    expect(defaultPath('/account/')).toBe('/account');
    expect(defaultPath('/')).toBe('/');
    expect(defaultPath('/x')).toBe('/');
    expect(defaultPath('')).toBe('/');
  });
  it('makes a nameless cookie of a pair without "=" and rejects an empty one', () => {
    const r = parseSetCookie('token123', HTTPS, NOW);
    expect(r.accepted && [r.cookie.name, r.cookie.value]).toEqual(['', 'token123']);
    expect(rejected('=')).toBe('empty');
    expect(rejected('   ')).toBe('empty');
  });
});

describe('the jar', () => {
  it('orders cookies by path length, then creation time, and keeps creation time on update', () => {
    const jar = new CookieJar();
    jar.setCookie('a=1; Path=/', 'https://s.example/', NOW);
    jar.setCookie('b=1; Path=/docs', 'https://s.example/', NOW + 1);
    jar.setCookie('c=1; Path=/', 'https://s.example/', NOW + 2);
    jar.setCookie('a=2; Path=/', 'https://s.example/', NOW + 3);
    expect(cookieHeader(jar.cookiesFor('https://s.example/docs/x', NOW + 4))).toBe('b=1; a=2; c=1');
  });
  it('an insecure response cannot overwrite a Secure cookie', () => {
    const jar = new CookieJar();
    jar.setCookie('sid=good; Secure', 'https://s.example/', NOW);
    const r = jar.setCookie('sid=evil', 'http://s.example/', NOW);
    expect(r.accepted ? null : r.code).toBe('overwrite-secure');
    expect(cookieHeader(jar.cookiesFor('https://s.example/', NOW))).toBe('sid=good');
  });
  it('drops expired cookies and deletes on Max-Age=0', () => {
    const jar = new CookieJar();
    jar.setCookie('a=1; Max-Age=10', 'https://s.example/', NOW);
    jar.setCookie('b=1', 'https://s.example/', NOW);
    jar.setCookie('b=1; Max-Age=0', 'https://s.example/', NOW);
    expect(cookieHeader(jar.cookiesFor('https://s.example/', NOW + 5000))).toBe('a=1');
    expect(jar.cookiesFor('https://s.example/', NOW + 11_000)).toEqual([]);
  });
});

describe('would this cookie be sent?', () => {
  const now = NOW;
  const req = (over: Partial<Parameters<typeof sendDecision>[1]> = {}) => ({
    url: 'https://shop.example/cart',
    crossSite: false,
    topLevel: true,
    method: 'GET',
    ...over,
  });

  it('same-site requests get every matching cookie', () => {
    expect(sendDecision(makeCookie({ sameSite: 'strict' }), req(), now).sent).toBe(true);
  });
  it('Strict stays home on any cross-site request', () => {
    const d = sendDecision(makeCookie({ sameSite: 'strict' }), req({ crossSite: true }), now);
    expect(d).toMatchObject({ sent: false });
    expect(d.reasons[0]).toMatch(/Strict/);
  });
  it('Lax goes with cross-site top-level GET navigations only', () => {
    const lax = makeCookie({ sameSite: 'lax' });
    expect(sendDecision(lax, req({ crossSite: true }), now).sent).toBe(true);
    expect(sendDecision(lax, req({ crossSite: true, method: 'POST' }), now).sent).toBe(false);
    expect(sendDecision(lax, req({ crossSite: true, topLevel: false }), now).sent).toBe(false);
  });
  it('no SameSite is Lax, except for 2 minutes after creation on top-level POSTs (Chrome)', () => {
    const c = makeCookie({ sameSite: 'unspecified' });
    const post = req({ crossSite: true, method: 'POST' });
    expect(sendDecision(c, post, now, now - 60_000).sent).toBe(true);
    expect(sendDecision(c, post, now, now - 180_000).sent).toBe(false);
  });
  it('None goes everywhere when Secure', () => {
    expect(sendDecision(makeCookie({ sameSite: 'no_restriction' }), req({ crossSite: true, topLevel: false, method: 'POST' }), now).sent).toBe(true);
  });
  it('Secure cookies are not sent over http, HttpOnly ones not to scripts, partitioned ones not to other top-level sites', () => {
    expect(sendDecision(makeCookie(), req({ url: 'http://shop.example/' }), now).reasons.join()).toMatch(/not HTTPS/);
    expect(sendDecision(makeCookie(), req({ http: false }), now).reasons.join()).toMatch(/HttpOnly/);
    const chips = makeCookie({ partitionKey: { topLevelSite: 'https://news.example' } });
    expect(sendDecision(chips, req({ topLevelSite: 'https://shop.example' }), now).sent).toBe(false);
  });
  it('domain and path must cover the URL', () => {
    expect(sendDecision(makeCookie({ path: '/admin' }), req(), now).sent).toBe(false);
    expect(sendDecision(makeCookie({ domain: 'api.shop.example' }), req(), now).sent).toBe(false);
  });
});

describe('cases found outside the test suites (WPT, tough-cookie, Go cookiejar, reading RFC 6265bis)', () => {
  const url = 'https://www.foo.bar.com/a/b';
  it('__Host- needs an explicit Path=/: no Path, "Path=" and a bare "Path" are refused', () => {
    for (const header of ['__Host-x=1; Secure', '__Host-x=1; Secure; Path=', '__Host-x=1; Secure; Path', '__Host-x=1; Secure; Path=/; Path=']) {
      const r = parseSetCookie(header, 'https://shop.example/');
      expect(r.accepted, header).toBe(false);
      if (!r.accepted) expect(r.code).toBe('invalid-prefix');
    }
    expect(parseSetCookie('__Host-x=1; Secure; Path=/', 'https://shop.example/').accepted).toBe(true);
  });

  it('Domain=..foo.bar.com: exactly one leading dot is stripped, then the domain is invalid', () => {
    const r = parseSetCookie('a=1; Domain=..foo.bar.com', url);
    expect(r).toMatchObject({ accepted: false, code: 'invalid-domain' });
    expect(parseSetCookie('a=1; Domain=.foo.bar.com', url)).toMatchObject({ accepted: true, cookie: { domain: '.foo.bar.com' } });
  });

  it('Domain=127.0.0.1 set by 127.0.0.1 gives a host-only cookie for that address, like Chromium', () => {
    expect(parseSetCookie('a=1; Domain=127.0.0.1', 'http://127.0.0.1/')).toMatchObject({ accepted: true, cookie: { domain: '127.0.0.1', hostOnly: true } });
    expect(parseSetCookie('a=1; Domain=127.0.0.2', 'http://127.0.0.1/').accepted).toBe(false);
  });

  it('an insecure response cannot shadow a Secure cookie whose path its own path-matches (§5.7 step 16)', () => {
    const shadow = (first: string, second: string) => {
      const jar = new CookieJar();
      expect(jar.setCookie(first, 'https://example.com/').accepted).toBe(true);
      return jar.setCookie(second, 'http://example.com/foo/bar');
    };
    expect(shadow('a=1; Secure; Path=/', 'a=2; Path=/foo')).toMatchObject({ accepted: false, code: 'overwrite-secure' });
    expect(shadow('a=1; Secure; Path=/foo', 'a=2; Path=/').accepted).toBe(true);
    // Domains overlap only on a dot boundary: notexample.com is another site.
    const jar = new CookieJar();
    jar.setCookie('a=1; Secure; Path=/', 'https://example.com/');
    expect(jar.setCookie('a=2; Path=/', 'http://notexample.com/').accepted).toBe(true);
    expect(jar.setCookie('a=3; Domain=example.com; Path=/', 'http://sub.example.com/').accepted).toBe(false);
  });
});
