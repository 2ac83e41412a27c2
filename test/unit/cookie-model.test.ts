import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify';
import { cookieKey, cookieSize, cookieType, isPartitioned } from '../../src/core/cookie';
import { loadCookieDb } from '../../src/core/data/cookie-db';
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

  it('roles come from framework names and value formats, the data sets and the value, prefixes stripped', async () => {
    const db = await loadCookieDb();
    const role = (name: string, value = 'v') => classify({ name, value, domain: 'shop.example' }, undefined, { db, pageUrl: 'https://shop.example/' }).role;
    expect(role('__Host-PHPSESSID', 'n8d1rq4v0h2m6k3p9s7t5l1c2e')).toBe('session');
    expect(role('PHPSESSID')).toBe('session');
    expect(role('connect.sid')).toBe('session');
    expect(role('csrftoken', 'Zx81kq0LmA4vB7nT2yR6Zx81kq0LmA4v')).toBe('csrf');
    expect(role('_ga', 'GA1.2.12345.67890')).toBe('tracking');
    expect(role('theme', 'dark')).toBe('preference');
    expect(role('auth_token', 'b7Kq2xZp9LmN4vR8tY1wE6uI3oA5sD0f')).toBe('auth');
    // A name alone is no evidence: "auth_token=1" is only possibly a credential.
    expect(role('auth_token', '1')).toBe('unknown');
    expect(role('foo')).toBe('unknown');
  });

  it('analyze describes each cookie with type, size, role, third-party and partition', async () => {
    const report = await analyze(
      [
        makeCookie({ name: 'sid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', session: true }),
        makeCookie({ name: 'pref', session: false, expirationDate: 2e9, secure: false }),
        makeCookie({ name: 'tp', domain: '.tracker.example', hostOnly: false, partitionKey: { topLevelSite: 'https://shop.example' } }),
      ],
      { url: PAGE, now: 0 },
    );
    const [sid, pref, tp] = report.cookies;
    expect(sid).toMatchObject({ type: 'session', size: 35, role: 'session', thirdParty: false, partitioned: false });
    expect(sid.roleEvidence).toEqual({ reason: 'its name suggests a session and its value is a random id of about 165 bits', certainty: 'likely' });
    expect(pref).toMatchObject({ type: 'persistent', role: 'preference' });
    expect(tp).toMatchObject({ thirdParty: true, partitioned: true });
    expect(countCookies(report.cookies)).toEqual({ total: 3, session: 2, persistent: 1, secure: 2, thirdParty: 1, partitioned: 1 });
  });
});
