import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeValue } from '../../src/core/decode/index';
import { siblingsOf } from '../../src/core/decode/types';

const decode = async (name: string, value: string, jar: { name: string; value: string }[] = []) =>
  (await decodeValue({ name, value }, siblingsOf(jar)))?.decoded;

describe('decoders: identify and read what each format carries', () => {
  it('Rails encrypted cookie store (AES-256-GCM data--iv--tag): identified, not readable', async () => {
    const value = encodeURIComponent(`${randomBytes(40).toString('base64')}--${randomBytes(12).toString('base64')}--${randomBytes(16).toString('base64')}`);
    expect(await decode('_shop_session', value)).toEqual({ format: 'rails-encrypted', framework: 'Rails', encrypted: true, storage: 'client' });
  });

  it('Rails signed cookie (data--hexdigest, Rails 7 envelope): readable', async () => {
    const inner = Buffer.from(JSON.stringify({ user_id: 5 })).toString('base64');
    const data = Buffer.from(JSON.stringify({ _rails: { message: inner, exp: null, pur: 'cookie.remember' } })).toString('base64');
    const value = `${data}--${createHmac('sha256', 'k').update(data).digest('hex')}`;
    expect(await decode('remember', value)).toMatchObject({ format: 'rails-signed', payload: { user_id: 5 }, signed: true });
  });

  it('Laravel encrypted cookies ({iv, value, mac}): identified, session data on the server', async () => {
    const payload = { iv: randomBytes(16).toString('base64'), value: randomBytes(32).toString('base64'), mac: randomBytes(32).toString('hex'), tag: '' };
    const value = encodeURIComponent(Buffer.from(JSON.stringify(payload)).toString('base64'));
    expect(await decode('laravel_session', value)).toEqual({ format: 'laravel-encrypted', framework: 'Laravel', encrypted: true, storage: 'server' });
  });

  it('ASP.NET Core Data Protection, classic session id and forms ticket', async () => {
    expect(await decode('.AspNetCore.Session', `CfDJ8${randomBytes(60).toString('base64url')}`)).toMatchObject({
      format: 'aspnet-data-protection',
      storage: 'server',
      encrypted: true,
    });
    expect(await decode('.AspNetCore.Cookies', `CfDJ8${randomBytes(60).toString('base64url')}`)).toMatchObject({ storage: 'client' });
    expect(await decode('ASP.NET_SessionId', 'kq3a4x0m2z5y1w0v3u4t2s1r')).toMatchObject({ format: 'aspnet-session-id', storage: 'server' });
    expect(await decode('.ASPXAUTH', randomBytes(64).toString('hex').toUpperCase())).toMatchObject({ format: 'aspnet-forms-auth' });
  });

  it('PHP, Java and Django session ids: server-side, id kept for the entropy check', async () => {
    expect(await decode('PHPSESSID', 'n8d1rq4v0h2m6k3p9s7t5l1c2e')).toMatchObject({
      format: 'php-session-id',
      framework: 'PHP',
      id: 'n8d1rq4v0h2m6k3p9s7t5l1c2e',
    });
    expect(await decode('JSESSIONID', '0123456789ABCDEF0123456789ABCDEF.node1')).toMatchObject({
      format: 'java-session-id',
      id: '0123456789ABCDEF0123456789ABCDEF',
    });
    expect(await decode('sessionid', 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z')).toMatchObject({ format: 'django-session-id', storage: 'server' });
  });

  it('JWE is recognised as an encrypted token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
    expect(
      await decode(
        'id',
        `${header}..${randomBytes(12).toString('base64url')}.${randomBytes(20).toString('base64url')}.${randomBytes(16).toString('base64url')}`,
      ),
    ).toMatchObject({ format: 'jwe', encrypted: true });
  });

  it('generic JSON, base64 and URL-encoded values are shown decoded', async () => {
    expect(await decode('prefs', '%7B%22theme%22%3A%22dark%22%7D')).toEqual({ format: 'json', payload: { theme: 'dark' } });
    expect(await decode('cart', Buffer.from('{"items":[1,2]}').toString('base64'))).toEqual({ format: 'base64', payload: { items: [1, 2] } });
    expect(await decode('msg', Buffer.from('hello there, friend').toString('base64'))).toEqual({ format: 'base64', payload: 'hello there, friend' });
    expect(await decode('q', 'caf%C3%A9%20au%20lait')).toEqual({ format: 'url-encoded', payload: 'café au lait' });
  });

  it('leaves random ids, words and broken encodings alone', async () => {
    expect(await decode('x', randomBytes(24).toString('base64'))).toBeUndefined();
    expect(await decode('theme', 'dark')).toBeUndefined();
    expect(await decode('x', '9f2c4e8a7b1d3f5e6a8c0b2d4f6e8a1c')).toBeUndefined();
    expect(await decode('q', '%E0%A4%A')).toBeUndefined();
    expect(await decode('token', 'eyJhbGciOiJIUzI1NiJ9.not-base64!.x')).toBeUndefined();
  });
});

describe('RFC 2109 quoted values (Python http.cookies, Werkzeug)', () => {
  // Set-Cookie values exactly as Werkzeug 2.2 (Debian's python3-flask) wrote them for
  // resp.set_cookie('prefs', json.dumps({...})) and resp.set_cookie('greet', 'héllo wörld; ok').
  const PREFS = '"{\\"theme\\": \\"dark\\"\\054 \\"lang\\": \\"en\\"\\054 \\"n\\": [1\\054 2]}"';
  const GREET = '"h\\303\\251llo w\\303\\266rld\\073 ok"';

  it('unquotes JSON to a tree and octal UTF-8 escapes to text', async () => {
    expect((await decodeValue({ name: 'prefs', value: PREFS }, siblingsOf([])))?.decoded).toEqual({
      format: 'rfc2109-quoted',
      payload: { theme: 'dark', lang: 'en', n: [1, 2] },
    });
    expect((await decodeValue({ name: 'greet', value: GREET }, siblingsOf([])))?.decoded.payload).toBe('héllo wörld; ok');
  });

  it('the nonstandard-characters finding says this is how Python writes them', async () => {
    const { analyze } = await import('../../src/core/report');
    const report = await analyze(
      [
        {
          name: 'prefs',
          value: PREFS,
          domain: 'flask.test',
          hostOnly: true,
          path: '/',
          secure: true,
          httpOnly: false,
          sameSite: 'lax',
          session: true,
          storeId: '0',
        },
      ],
      {
        url: 'https://flask.test/',
        secrets: false,
      },
    );
    const finding = report.findings.find((f) => f.rule === 'nonstandard-characters');
    expect(finding?.message).toMatch(/quoted string with backslash escapes \(RFC 2109\) — how Python's http\.cookies and Werkzeug \(Flask\) write/);
    expect(report.cookies[0].decoded?.payload).toEqual({ theme: 'dark', lang: 'en', n: [1, 2] });
  });
});

describe('consent managers’ cookies', () => {
  it('an IAB TCF v2 string made by @iabtcf/core itself: CMP, dates, purposes and vendor counts', async () => {
    const { GVL, TCModel, TCString } = await import('@iabtcf/core');
    const purpose = (id: number) => ({ id, name: `Purpose ${id}`, description: '', illustrations: [] });
    const vendor = (id: number) => ({
      id,
      name: `Vendor ${id}`,
      purposes: [1, 2],
      legIntPurposes: [],
      flexiblePurposes: [],
      specialPurposes: [],
      features: [],
      specialFeatures: [],
      policyUrl: 'https://example.com',
      cookieMaxAgeSeconds: 100,
      usesCookies: true,
      deviceStorageDisclosureUrl: '',
    });
    const gvl = new GVL({
      gvlSpecificationVersion: 3,
      vendorListVersion: 150,
      tcfPolicyVersion: 4,
      lastUpdated: '2026-11-01T00:00:00Z',
      purposes: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => [i, purpose(i)])),
      specialPurposes: {},
      features: {},
      specialFeatures: {},
      vendors: { 755: vendor(755), 793: vendor(793), 10: vendor(10) },
      stacks: {},
      dataCategories: {},
    } as never);
    const model = new TCModel(gvl);
    Object.assign(model, { cmpId: 28, cmpVersion: 3, consentScreen: 1, publisherCountryCode: 'FR' });
    model.purposeConsents.set([1, 3, 4]);
    model.vendorConsents.set([10, 755]);
    const value = TCString.encode(model);
    const decoded = (await decodeValue({ name: 'euconsent-v2', value }, siblingsOf([])))?.decoded;
    expect(decoded?.format).toBe('tcf-v2');
    expect(decoded?.payload).toMatchObject({
      standard: 'IAB TCF v2',
      cmpId: 28,
      cmpVersion: 3,
      policyVersion: 4,
      vendorListVersion: 150,
      publisherCountryCode: 'FR',
      purposesConsented: [1, 3, 4],
      vendorsConsented: 2,
    });
    expect(typeof (decoded?.payload as { created?: number } | undefined)?.created).toBe('number');
  });

  it('OneTrust groups by their meaning, Cookiebot’s object literal, Klaro and CookieConsent v3 choices', async () => {
    const one = await decodeValue(
      { name: 'OptanonConsent', value: 'isGpcEnabled=0&datestamp=Tue+Dec+01+2026&version=202409.1.0&groups=C0001%3A1%2CC0002%3A0%2CC0004%3A0' },
      siblingsOf([]),
    );
    expect(one?.decoded.payload).toMatchObject({
      groups: { 'C0001 Strictly necessary': true, 'C0002 Performance': false, 'C0004 Targeting': false },
      version: '202409.1.0',
    });
    const bot = await decodeValue(
      {
        name: 'CookieConsent',
        value: '{stamp:%27abc%27%2Cnecessary:true%2Cpreferences:false%2Cstatistics:true%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1%2Cutc:1764590400000}',
      },
      siblingsOf([]),
    );
    expect(bot?.decoded).toEqual({
      format: 'cookiebot-consent',
      payload: { stamp: 'abc', necessary: true, preferences: false, statistics: true, marketing: false, method: 'explicit', ver: 1, utc: 1764590400000 },
    });
    expect((await decodeValue({ name: 'klaro', value: '%7B%22analytics%22%3Atrue%7D' }, siblingsOf([])))?.decoded.payload).toEqual({
      services: { analytics: true },
    });
    expect((await decodeValue({ name: 'euconsent-v2', value: 'broken' }, siblingsOf([])))?.decoded.format).not.toBe('tcf-v2');
  });
});
