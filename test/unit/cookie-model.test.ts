import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify';
import { cookieRef, cookieSize, cookieType, freezeCookie, isPartitioned, refKey, sameCookie } from '../../src/core/cookie';
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
      ].map(refKey),
    );
    expect(keys.size).toBe(5);
    const changed = { ...base, value: 'changed' };
    expect(refKey(changed)).toBe(refKey(base));
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

describe('one cookie identity: cookieRef, refKey, sameCookie', () => {
  const c = makeCookie({ name: 'sid', domain: '.shop.example', hostOnly: false, path: '/' });
  it('a ref of a cookie is that cookie, and only that one', () => {
    expect(sameCookie(cookieRef(c), c)).toBe(true);
    expect(refKey(cookieRef(c))).toBe(refKey(c));
    // The same name, domain and path in another store (a Firefox container) or partition is another cookie.
    expect(sameCookie(cookieRef({ ...c, storeId: 'firefox-container-2' }), c)).toBe(false);
    expect(sameCookie(cookieRef({ ...c, partitionKey: { topLevelSite: 'https://news.example', hasCrossSiteAncestor: true } }), c)).toBe(false);
    expect(sameCookie(cookieRef({ ...c, domain: 'shop.example', hostOnly: true }), c)).toBe(false);
  });
  it('a ref without host-only takes it from the domain, as the cookies API writes it', () => {
    expect(sameCookie({ name: 'sid', domain: '.shop.example', path: '/', storeId: '0' }, c)).toBe(true);
    expect(sameCookie({ name: 'sid', domain: 'shop.example', path: '/', storeId: '0' }, c)).toBe(false);
    // A ref that names no store is not a cookie of a store.
    expect(sameCookie({ name: 'sid', domain: '.shop.example', path: '/' }, c)).toBe(false);
  });
  it('a frozen cookie keeps its key, and only it: a copy of it is keyed as it is', () => {
    const partitioned = { ...c, partitionKey: { topLevelSite: 'https://news.example', hasCrossSiteAncestor: false } };
    const fresh = refKey(partitioned);
    const frozen = freezeCookie({ ...partitioned, partitionKey: { ...partitioned.partitionKey } });
    expect(Object.isFrozen(frozen) && Object.isFrozen(frozen.partitionKey)).toBe(true);
    expect(refKey(frozen)).toBe(fresh);
    expect(freezeCookie(frozen)).toBe(frozen);
    // A copy with another identity (spread, or through a message) does not take the frozen one's key.
    expect(refKey({ ...frozen, path: '/other' })).toBe(refKey({ ...partitioned, path: '/other' }));
    expect(refKey({ ...frozen, partitionKey: undefined })).toBe(refKey(c));
    expect(refKey(structuredClone(frozen))).toBe(fresh);
    expect(Object.keys(frozen)).toEqual(Object.keys(partitioned));
    expect(JSON.stringify(frozen)).toBe(JSON.stringify(partitioned));
  });
  it('keeps nothing but the identity (no value, no flags)', () => {
    expect(Object.keys(cookieRef(c)).sort()).toEqual(['domain', 'hostOnly', 'name', 'path', 'storeId']);
  });
});
