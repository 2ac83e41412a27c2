import { describe, expect, it } from 'vitest';
import { roleOf } from '../../src/core/classify';
import { cookieKey, cookieSize, cookieType, isPartitioned } from '../../src/core/cookie';
import { analyze } from '../../src/core/report';
import { countCookies } from '../../src/core/summary';
import { makeCookie, PAGE } from '../helpers';

describe('cookie model', () => {
  it('size counts name and value in UTF-8 bytes, as the 4096-byte limit does', () => {
    expect(cookieSize({ name: 'id', value: 'abc' })).toBe(5);
    expect(cookieSize({ name: 'é', value: '€' })).toBe(2 + 3);
  });

  it('a cookie without an expiry is a session cookie, one with an expiry is persistent', () => {
    expect(cookieType({ session: true })).toBe('session');
    expect(cookieType({ session: false })).toBe('persistent');
  });

  it('partitioned means a partition key with a top-level site (Firefox reports null for none)', () => {
    expect(isPartitioned({ partitionKey: { topLevelSite: 'https://a.example' } })).toBe(true);
    expect(isPartitioned({ partitionKey: null })).toBe(false);
    expect(isPartitioned({})).toBe(false);
  });

  it('identity separates host-only from domain cookies, paths, partitions and stores', () => {
    const base = makeCookie({ name: 'a' });
    const keys = new Set(
      [
        base,
        { ...base, hostOnly: false, domain: '.shop.example' },
        { ...base, path: '/x' },
        { ...base, partitionKey: { topLevelSite: 'https://other.example' } },
        { ...base, storeId: '1' },
      ].map(cookieKey),
    );
    expect(keys.size).toBe(5);
    expect(cookieKey({ ...base, value: 'changed' })).toBe(cookieKey(base));
  });

  it('roles come from names, prefixes stripped', () => {
    expect(roleOf({ name: '__Host-session' })).toBe('session');
    expect(roleOf({ name: 'PHPSESSID' })).toBe('session');
    expect(roleOf({ name: 'connect.sid' })).toBe('session');
    expect(roleOf({ name: 'csrftoken' })).toBe('csrf');
    expect(roleOf({ name: '_ga' })).toBe('tracking');
    expect(roleOf({ name: 'theme' })).toBe('preference');
    expect(roleOf({ name: 'auth_token' })).toBe('auth');
    expect(roleOf({ name: 'foo' })).toBe('unknown');
  });

  it('analyze describes each cookie with type, size, role, third-party and partition', async () => {
    const report = await analyze(
      [
        makeCookie({ name: 'sid', session: true }),
        makeCookie({ name: 'pref', session: false, expirationDate: 2e9, secure: false }),
        makeCookie({ name: 'tp', domain: '.tracker.example', hostOnly: false, partitionKey: { topLevelSite: 'https://shop.example' } }),
      ],
      { url: PAGE, now: 0 },
    );
    const [sid, pref, tp] = report.cookies;
    expect(sid).toMatchObject({ type: 'session', size: 4, role: 'session', thirdParty: false, partitioned: false });
    expect(pref).toMatchObject({ type: 'persistent', role: 'preference' });
    expect(tp).toMatchObject({ thirdParty: true, partitioned: true });
    expect(countCookies(report.cookies)).toEqual({ total: 3, session: 2, persistent: 1, secure: 2, thirdParty: 1, partitioned: 1 });
  });
});
