import { describe, expect, it } from 'vitest';
import { checkedFrames, PROBE_FRAME_LIMIT, PROBE_VALUE_LIMIT, storageCredential, storageItems } from '../../src/core/web-storage';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2ln`;
const RANDOM = 'q8Zr3LmX1vB7nT4kW9pY2cF6hJ0sD5gA';

describe('which web storage items are credentials', () => {
  // The shapes the SDKs really write (their docs and sources): key, value, the kind expected.
  const cases: [string, string, string, string | undefined][] = [
    [
      'Auth0 SPA SDK cache',
      '@@auth0spajs@@::client::https://api.example::openid',
      JSON.stringify({ body: { access_token: RANDOM, id_token: jwt({ sub: 'auth0|1' }), refresh_token: 'v1.MrT4kW9pY2cF6hJ0sD5gA' }, expiresAt: 1 }),
      'refresh-token',
    ],
    [
      'Supabase auth',
      'sb-abcd-auth-token',
      JSON.stringify({ access_token: jwt({ sub: 'u-1', role: 'authenticated' }), refresh_token: 'xY12abcdEFGH3456', user: {} }),
      'refresh-token',
    ],
    [
      'Amazon Cognito (Amplify) access token',
      'CognitoIdentityServiceProvider.client.ada.accessToken',
      jwt({ sub: 'c-1', token_use: 'access' }),
      'access-token',
    ],
    [
      'Amazon Cognito refresh token (opaque, JWE-like)',
      'CognitoIdentityServiceProvider.client.ada.refreshToken',
      'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.Rk9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA',
      'refresh-token',
    ],
    ['a JWT kept as a JSON string', 'token', JSON.stringify(jwt({ sub: 7 })), 'session-jwt'],
    ['a Bearer header value', 'authorization', `Bearer ${jwt({ sub: 'x' })}`, 'session-jwt'],
    ['an ID token alone', 'id_token', jwt({ sub: 'x', aud: 'spa' }), 'session-jwt'],
    ['a CSRF token', 'XSRF-TOKEN', RANDOM, undefined],
    ['a push notification token', 'fcm_token', RANDOM, undefined],
    ['a JWT-looking value that is not base64 JSON, under a neutral name', 'cache_version', 'eyJhbGciOi.eyJzdWIi.x', undefined],
    ['the same under a token name: opaque token by its name', 'jwt', 'eyJhbGciOi.eyJzdWIi.x', 'token'],
    ['a long random value under a neutral name', 'ab_test_bucket', RANDOM, undefined],
    ['a short token', 'token', 'abc123', undefined],
  ];
  for (const [title, key, value, kind] of cases) {
    it(`${title}: ${kind ?? 'not a credential'}`, () => {
      expect(storageCredential(key, value)?.kind).toBe(kind);
    });
  }

  it('nested JSON is walked with a budget: a deep or huge document answers quickly', () => {
    let deep: unknown = { refresh_token: RANDOM };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    expect(storageCredential('state', JSON.stringify(deep))).toBeUndefined();
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])));
    expect(storageCredential('state', wide)).toBeUndefined();
  });
});

describe('the probe’s frames as one list', () => {
  it('frames of one origin share its storage (listed once), errors and unread counts are kept, IndexedDB once per origin', () => {
    const report = storageItems([
      {
        frameUrl: 'https://a.example/',
        origin: 'https://a.example',
        local: [['k', 'v', 1]],
        session: [['s', 'x'.repeat(10), 20]],
        unread: { local: 3, session: 0 },
        indexedDB: [{ name: 'db', stores: [{ name: 'st', count: 2 }] }],
        indexedDBBytes: 4096,
      },
      {
        frameUrl: 'https://a.example/frame',
        origin: 'https://a.example',
        local: [['k', 'v', 1]],
        session: [['s', 'x', 1]],
        indexedDB: [{ name: 'db', stores: [] }],
      },
      { frameUrl: 'https://b.example/w', origin: '', error: 'a cross-origin frame' },
    ]);
    expect(report.items.map((i) => [i.area, i.key, i.cut ?? false])).toEqual([
      ['local', 'k', false],
      ['session', 's', true],
    ]);
    expect(report.frames).toEqual([
      { frameUrl: 'https://a.example/', origin: 'https://a.example', items: 2, unread: 3 },
      { frameUrl: 'https://a.example/frame', origin: 'https://a.example', items: 0, unread: 0 },
      { frameUrl: 'https://b.example/w', origin: '', items: 0, unread: 0, error: 'a cross-origin frame' },
    ]);
    expect(report.indexedDB).toEqual([{ name: 'db', stores: [{ name: 'st', count: 2 }], origin: 'https://a.example' }]);
    expect(report.indexedDBBytes).toEqual({ 'https://a.example': 4096 });
  });
});

describe('a probe answer from the page’s own world is untrusted input', () => {
  it('wrong shapes are dropped and said, sizes cut, origins that are not http(s) cleared, frames bounded', () => {
    expect(checkedFrames('nope')).toEqual([
      { frameUrl: '', origin: '', error: 'The page answered the storage probe with something that is not a list of frames.' },
    ]);
    const [f] = checkedFrames([
      {
        frameUrl: 'https://a.example/',
        origin: 'javascript:alert(1)',
        local: [['k', 'v', 1], [1, 'x', 1], ['big', 'x'.repeat(PROBE_VALUE_LIMIT + 10), -5], 'junk'],
        session: { not: 'a list' },
        unread: { local: Number.NaN, session: 3 },
        indexedDB: [{ name: 7, stores: [{ name: 's', count: 'many' }] }],
        extra: '<script>',
      },
    ]);
    expect(f.origin).toBe('');
    expect(f.local?.map(([k, v, n]) => [k, v.length, n])).toEqual([
      ['k', 1, 1],
      ['big', PROBE_VALUE_LIMIT, PROBE_VALUE_LIMIT + 10],
    ]);
    expect(f.session).toBeUndefined();
    expect(f.unread).toEqual({ local: 0, session: 3 });
    expect(f.error).toBe('2 items were not text and were left out');
    expect(f.indexedDB).toEqual([{ name: '', stores: [{ name: 's' }] }]);
    expect(Object.keys(f)).not.toContain('extra');
    const many = checkedFrames(Array.from({ length: 1000 }, () => ({ frameUrl: 'https://a.example/', origin: 'https://a.example' })));
    expect(many).toHaveLength(PROBE_FRAME_LIMIT + 1);
    expect(many.at(-1)?.error).toBe(`${1000 - PROBE_FRAME_LIMIT} more frames were not read.`);
  });
});
