import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/core/timeline';
import { diffText, timelineRows } from '../../src/core/timeline-view';
import { parseImport, toCookieHeader, toJson, toNetscape } from '../../src/core/transfer';
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
      'expiry extended to 2030-03-18 17:46',
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
