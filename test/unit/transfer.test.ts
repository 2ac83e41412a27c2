import { describe, expect, it } from 'vitest';
import type { Cookie } from '../../src/core/cookie';
import { CHROME_LIMITS, limitProblems, writeProblem } from '../../src/core/cookie-check';
import type { TimelineEntry } from '../../src/core/timeline';
import { diffText, timelineRows } from '../../src/core/timeline-view';
import { ImportReader, MAX_LISTED_ERRORS, parseImport, toCookieHeader, toCookieHeaders, toJson, toNetscape } from '../../src/core/transfer';
import { makeCookie } from '../helpers';

const jar = [
  makeCookie({ name: 'sid', value: 'abc', httpOnly: true, secure: true, sameSite: 'strict' }),
  makeCookie({
    name: 'lang',
    value: 'en',
    domain: '.shop.example',
    hostOnly: false,
    httpOnly: false,
    secure: false,
    session: false,
    expirationDate: 1893456000,
  }),
];

describe('export', () => {
  it('JSON round-trips through import', () => {
    const back = parseImport(toJson(jar));
    expect(back.errors).toEqual([]);
    expect(back.cookies).toEqual([
      { name: 'sid', value: 'abc', domain: 'shop.example', hostOnly: true, path: '/', secure: true, httpOnly: true, sameSite: 'strict' },
      {
        name: 'lang',
        value: 'en',
        domain: '.shop.example',
        hostOnly: false,
        path: '/',
        secure: false,
        httpOnly: false,
        sameSite: 'lax',
        expirationDate: 1893456000,
      },
    ]);
  });
  it("Netscape cookies.txt has curl's 7 fields and #HttpOnly_ prefix, and round-trips", () => {
    const text = toNetscape(jar);
    expect(text).toContain('#HttpOnly_shop.example\tFALSE\t/\tTRUE\t0\tsid\tabc');
    expect(text).toContain('.shop.example\tTRUE\t/\tFALSE\t1893456000\tlang\ten');
    const back = parseImport(text);
    expect(back).toMatchObject({ format: 'netscape', errors: [] });
    expect(back.cookies.map((c) => [c.name, c.httpOnly, c.hostOnly, c.expirationDate])).toEqual([
      ['sid', true, true, undefined],
      ['lang', false, false, 1893456000],
    ]);
  });
  it('a Cookie header, nameless cookies as their value', () => {
    expect(toCookieHeader([...jar, makeCookie({ name: '', value: 'solo' })])).toBe('sid=abc; lang=en; solo');
  });
  it('Cookie headers per request URL, as the jar would send them: never one host’s cookies in another’s header', () => {
    const cookies = [
      makeCookie({ name: 'sid', value: 'abc', domain: 'shop.example' }),
      makeCookie({ name: 'acct', value: '1', domain: 'shop.example', path: '/account' }),
      makeCookie({ name: 'uid', value: 't1', domain: '.tracker.example', hostOnly: false, sameSite: 'no_restriction', secure: true }),
      makeCookie({ name: 'strict', value: 's', domain: 'tracker.example', sameSite: 'strict' }),
    ];
    expect(toCookieHeaders(cookies, 'https://shop.example/').split('\n')).toEqual([
      '# https://shop.example/ (loading the page)',
      'Cookie: sid=abc',
      '',
      '# https://shop.example/account (a same-site request from shop.example)',
      'Cookie: acct=1; sid=abc',
      '',
      '# https://tracker.example/ (a cross-site request from shop.example)',
      'Cookie: uid=t1',
      '',
      '# Not sent with any of these requests (SameSite, Secure, expiry or partition): strict (tracker.example/)',
      '',
    ]);
  });
});

describe('import reports every bad line and keeps nothing from a bad file', () => {
  it('JSON: one message per bad item, with its number and name', () => {
    const r = parseImport(
      JSON.stringify([
        { name: 'ok', value: '1', domain: 'a.example' },
        { name: 'x', value: 2, domain: '' },
        'nope',
        { name: 'y', value: '', domain: 'a.example', sameSite: 'sometimes' },
      ]),
    );
    expect(r.errors).toEqual([
      'item 2 ("x"): "value" must be a string; "domain" must be a host name.',
      'item 3: not a cookie object.',
      'item 4 ("y"): "sameSite" "sometimes" is not no_restriction, lax, strict or unspecified.',
    ]);
  });
  it('Netscape: wrong field counts, flags and expiry are named by line', () => {
    const r = parseImport('# comment\n.a.example\tTRUE\t/\tFALSE\t0\tok\t1\nbad line\n.a.example\tMAYBE\t/\tFALSE\tsoon\tx\ty\n');
    expect(r.errors).toEqual([
      'line 3: expected 7 tab-separated fields, found 1.',
      'line 4: include-subdomains is "MAYBE", not TRUE or FALSE; expiry "soon" is not a number.',
    ]);
  });
  it('broken JSON and empty files say so', () => {
    expect(parseImport('[{"name":').errors[0]).toMatch(/^Not valid JSON/);
    expect(parseImport('  ').errors).toEqual(['The file is empty.']);
  });
});

describe('timeline rows', () => {
  const c = (value: string) => makeCookie({ name: 'sid', value });
  const e = (seq: number, removed: boolean, cause: TimelineEntry['cause'], value: string): TimelineEntry => ({
    seq,
    time: seq,
    removed,
    cause,
    cookie: c(value),
  });

  it('pairs an overwrite with the new cookie and names every cause', () => {
    const rows = timelineRows([
      e(0, false, 'explicit', 'a'),
      e(1, true, 'overwrite', 'a'),
      e(2, false, 'explicit', 'b'),
      e(3, true, 'expired_overwrite', 'b'),
      e(4, false, 'explicit', 'c'),
      e(5, true, 'evicted', 'c'),
      e(6, false, 'explicit', 'd'),
      e(7, true, 'explicit', 'd'),
    ]);
    expect(rows.map((r) => [r.kind, r.oldValue, r.newValue])).toEqual([
      ['created', undefined, 'a'],
      ['overwritten', 'a', 'b'],
      ['expired', 'b', undefined],
      ['created', undefined, 'c'],
      ['evicted', 'c', undefined],
      ['created', undefined, 'd'],
      ['removed', 'd', undefined],
    ]);
  });

  it('diffs old and new values around the changed middle', () => {
    expect(diffText('user=1;role=guest', 'user=1;role=admin')).toEqual({ prefix: 'user=1;role=', removed: 'guest', added: 'admin', suffix: '' });
    expect(diffText('same', 'same')).toEqual({ prefix: 'same', removed: '', added: '', suffix: '' });
    expect(diffText('aXb', 'aYYb')).toEqual({ prefix: 'a', removed: 'X', added: 'YY', suffix: 'b' });
  });
});

describe('what an overwrite changed', () => {
  it('names expiry, flag and SameSite changes', async () => {
    const { attributeChanges } = await import('../../src/core/timeline-view');
    const before = makeCookie({ session: false, expirationDate: 1_900_000_000, secure: false, sameSite: 'lax' });
    expect(attributeChanges(before, { ...before, expirationDate: 1_900_086_400, secure: true, sameSite: 'strict' })).toEqual([
      'expiry extended to 2030-03-18 17:46 UTC',
      'Secure added',
      'SameSite Lax → Strict',
    ]);
    expect(attributeChanges(before, { ...before, session: true, expirationDate: undefined })).toEqual(['now a session cookie']);
  });
});

describe('timeline rows from Firefox, where every removal is "explicit"', () => {
  it('reads a removal followed at once by the same cookie as an overwrite, and a removal past expiry as expired', () => {
    // Seconds apart, except an overwrite's removal and add, which arrive together.
    const entry = (seq: number, removed: boolean, value: string, expirationDate?: number): TimelineEntry => ({
      seq,
      time: 10_000 + (seq === 2 ? 1 * 5000 + 1 : seq * 5000),
      removed,
      cause: 'explicit',
      cookie: makeCookie({ name: 'sid', value, session: expirationDate === undefined, expirationDate }),
    });
    const rows = timelineRows([
      entry(0, false, 'a'),
      entry(1, true, 'a'),
      entry(2, false, 'b'),
      entry(3, true, 'b', 5),
      entry(4, false, 'c'),
      entry(5, true, 'c'),
    ]);
    expect(rows.map((r) => [r.kind, r.oldValue, r.newValue])).toEqual([
      ['created', undefined, 'a'],
      ['overwritten', 'a', 'b'],
      ['expired', 'b', undefined],
      ['created', undefined, 'c'],
      ['removed', 'c', undefined],
    ]);
  });
});

describe('imports that answer: streamed, capped, exact', () => {
  it('reading a file in chunks gives exactly what reading it whole gives, for both formats', () => {
    const jar = [makeCookie({ name: 'a', value: '1' }), makeCookie({ name: 'b', value: '', hostOnly: false, domain: '.shop.example' })];
    for (const text of [toNetscape(jar), toJson(jar), `\n\n${toJson(jar)}`]) {
      const whole = parseImport(text);
      for (const size of [1, 2, 7, 64]) {
        const reader = new ImportReader();
        for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
        expect(reader.finish()).toEqual(whole);
      }
    }
  });

  it('2 million bad lines (4 MB) answer in seconds, listing 100 problems and counting the rest', () => {
    const started = performance.now();
    const r = parseImport('x\ty\n'.repeat(2_000_000));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(r.errorCount).toBe(2_000_000);
    expect(r.errors[0]).toBe('line 1: expected 7 tab-separated fields, found 2.');
    expect(r.cookies).toEqual([]);
  });

  it('a file with more cookies than a browser keeps is refused before anything is written', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `shop.example\tFALSE\t/\tFALSE\t0\tc${i}\tv`).join('\n');
    const r = parseImport(lines);
    expect(r.cookies).toEqual([]);
    expect(r.errors).toEqual(['The file holds 100,000 cookies; a browser keeps at most 3,300 in all (Chrome; Firefox 3,000), so it cannot be imported whole.']);
  });

  it("a cookie with an empty value survives a cookies.txt round trip, and curl's 6-field lines read as empty values", () => {
    const back = parseImport(toNetscape([makeCookie({ name: 'empty', value: '' })]));
    expect(back.errors).toEqual([]);
    expect(back.cookies[0]).toMatchObject({ name: 'empty', value: '' });
    expect(parseImport('shop.example\tFALSE\t/\tFALSE\t0\tflag').cookies[0]).toMatchObject({ name: 'flag', value: '' });
  });

  it('a JSON file holding null, a number or a string says so instead of being read as cookies.txt', () => {
    expect(parseImport('null').errors).toEqual(['The file is JSON but holds null, not a cookie or a list of cookies.']);
    expect(parseImport('42').errors).toEqual(['The file is JSON but holds 42, not a cookie or a list of cookies.']);
    expect(parseImport('"x"').errors).toEqual(['The file is JSON but holds "x", not a cookie or a list of cookies.']);
  });
});

describe("the storage model for written cookies and the stores' limits", () => {
  const draft = (o: Partial<Cookie> = {}) => makeCookie({ name: 'a', value: '1', ...o });

  it('names the real cause for what Chrome only calls "Failed to parse or set cookie"', () => {
    expect(writeProblem(draft())).toBeNull();
    expect(writeProblem(draft({ name: '', value: '' }))).toBe('A cookie needs a name or a value.');
    expect(writeProblem(draft({ value: 'a\r\nb' }))).toMatch(/^The value contains ";" or a control character/);
    expect(writeProblem(draft({ value: 'a;b' }))).toMatch(/^The value contains ";"/);
    expect(writeProblem(draft({ name: 'a=b' }))).toMatch(/contains ";", "=" or a control character/);
    expect(writeProblem(draft({ value: 'x'.repeat(50 * 1024 * 1024) }))).toBe('Name and value are 52,428,801 bytes; browsers refuse cookies over 4,096.');
    expect(writeProblem(draft({ name: '__Host-x', path: '/x' }))).toBe('__Host- cookies must have no Domain attribute and Path=/.');
    expect(writeProblem(draft({ name: '', value: 'a=b' }))).toMatch(/A cookie without a name cannot have "=" in its value/);
    expect(writeProblem(draft({ sameSite: 'no_restriction', secure: false }))).toBe('SameSite=None requires the Secure attribute.');
    expect(writeProblem(draft({ domain: '.github.io', hostOnly: false }))).toMatch(/public suffix/);
    expect(writeProblem(draft({ session: false, expirationDate: 1000 }), Date.UTC(2026, 0, 1))).toBe(
      'It expired on 1970-01-01: the browser would delete it at once.',
    );
  });

  it('counts against the per-site (180) and total (3,300) limits, replacements not twice', () => {
    const many = (n: number, domain: string, prefix = 'c') => Array.from({ length: n }, (_, i) => makeCookie({ name: `${prefix}${i}`, domain }));
    expect(limitProblems(many(30, 'shop.example'), many(150, 'app.shop.example', 'x'), CHROME_LIMITS)).toEqual([]);
    expect(limitProblems(many(31, 'shop.example'), many(150, 'app.shop.example', 'x'), CHROME_LIMITS)).toEqual([
      'shop.example would have 181 cookies (31 imported); Chrome keeps at most 180 per site, then cuts the site back to 150.',
    ]);
    // The same 100 cookies again replace themselves.
    expect(limitProblems(many(100, 'shop.example'), many(100, 'shop.example'), CHROME_LIMITS)).toEqual([]);
    const sites = Array.from({ length: 30 }, (_, i) => many(110, `s${i}.example`)).flat();
    expect(limitProblems(many(10, 'shop.example'), sites, CHROME_LIMITS)).toEqual([
      'The store would hold 3,310 cookies (3,300 already there and 10 imported); Chrome keeps at most 3,300 and evicts the rest.',
    ]);
  });
});
