// tough-cookie (npm, the cookie jar of request/got/jsdom) as a differential oracle for the parser, the date
// parser and the jar: random Set-Cookie sequences go into both, and both must send the same cookies.
// Where RFC 6265bis and Chromium differ from tough-cookie, the generators leave the case out and say why:
//  - SameSite=None without Secure: Chromium refuses the cookie; tough-cookie keeps it.
//  - `Domain=..example`: 6265bis strips one leading dot and refuses the rest; tough-cookie strips them all.
//  - Partitioned, the 400-day cap and the 4,096-byte limit: tough-cookie has none of them.
//  - Prefixes in other cases (`__host-`): browsers match them case-insensitively, tough-cookie does not.
//  - A nameless cookie whose value holds "=": Chromium drops it, tough-cookie keeps it.
//  - A domain cookie and a host-only one with the same name, host and path are two cookies (6265bis §5.7
//    step 22 keys on the host-only flag, and so does Chromium); tough-cookie keeps one.
//  - A cookie set already expired is not stored (6265bis §5.7, Chromium), so the same name set again later
//    is newer and sent later; tough-cookie keeps the expired one's creation time. Such runs compare as sets.
//  - An insecure response cannot shadow a Secure cookie of the same name (6265bis §5.7 step 16, Chromium's
//    "leave secure cookies alone"); tough-cookie has no such rule, so those runs are left out.
//  - An empty `Domain=` after a Domain: Chromium makes the cookie host-only again (http-state
//    OPTIONAL_DOMAIN0042); 6265bis and tough-cookie ignore the empty attribute.
import fc from 'fast-check';
import { parseDate, CookieJar as ToughJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { parseCookieDate } from '../../src/core/cookie-date';
import { CookieJar, cookieHeader } from '../../src/core/jar';

// tough-cookie computes Max-Age expiry from the real clock, so both jars run on it.
const NOW = Date.now();
const SET_URLS = [
  'https://www.foo.bar.com/x/y',
  'http://www.foo.bar.com/',
  'https://foo.bar.com/a/b',
  'https://sub.www.foo.bar.com/',
  'http://other.example/p',
];
const GET_URLS = [
  'https://www.foo.bar.com/x/y/z',
  'https://www.foo.bar.com/',
  'http://www.foo.bar.com/x/',
  'https://foo.bar.com/a',
  'https://sub.www.foo.bar.com/x',
  'http://other.example/p/q',
];

const date = (ms: number) => new Date(ms).toUTCString();
const attribute = fc.constantFrom(
  'Domain=foo.bar.com',
  'Domain=.foo.bar.com',
  'Domain=www.foo.bar.com',
  'Domain=bar.com',
  'Domain=com',
  'Domain=other.example',
  'Path=/',
  'Path=/x',
  'Path=/x/',
  'Path=/a',
  'Path=',
  'Path=x',
  'Secure',
  'HttpOnly',
  'Max-Age=100',
  'Max-Age=0',
  'Max-Age=-5',
  'Max-Age=abc',
  `Expires=${date(NOW - 86_400_000)}`,
  `Expires=${date(NOW + 86_400_000)}`,
  'Expires=garbage',
  'SameSite=Lax',
  'SameSite=Strict',
  'Unknown=1',
);
const header = fc
  .tuple(
    fc.constantFrom('a', 'b', 'sid', 'x y', '__Secure-s', '__Host-h', ''),
    fc.constantFrom('1', 'v', 'two words', '"q"', ''),
    fc.array(attribute, { maxLength: 5 }),
  )
  .filter(([name, value]) => name !== '' || value !== '')
  .map(([name, value, attrs]) => [name === '' ? value : `${name}=${value}`, ...attrs].join('; '));

/** The cookie name of a header: "" for a pair without "=" (a nameless cookie). */
const nameOf = (h: string) => {
  const pair = h.split(';')[0];
  return pair.includes('=') ? pair.split('=')[0].trim() : '';
};
const hostOf = (url: string) => new URL(url).hostname;

/** The Domain attribute a header ends up with (the last non-empty one, without its dot), or null. */
const domainOf = (h: string) => {
  const all = [...h.matchAll(/;\s*Domain=([^;]*)/g)].map((m) => m[1].trim().replace(/^\./, '')).filter(Boolean);
  return all.at(-1) ?? null;
};

/** The same name set host-only on a host and with Domain=<that host>: two cookies in 6265bis and Chromium, one in tough-cookie. */
function hostAndDomainTwins(sequence: [string, string][]): boolean {
  return sequence.some(([h]) => {
    const domain = domainOf(h);
    return domain !== null && sequence.some(([other, url]) => nameOf(other) === nameOf(h) && domainOf(other) === null && hostOf(url) === domain);
  });
}

const expires = (h: string) => /;\s*Max-Age=(0|-\d+)\s*(;|$)/i.test(h) || h.includes(`Expires=${date(NOW - 86_400_000)}`);
/** A name set already expired, then set again: the order of the second one differs (see above). */
const expiredThenSetAgain = (sequence: [string, string][]) =>
  sequence.some(([h], i) => expires(h) && sequence.slice(i + 1).some(([later]) => nameOf(later) === nameOf(h)));

/** A name set over http after a Secure cookie of that name: step 16 decides, which tough-cookie lacks. */
const insecureAfterSecure = (sequence: [string, string][]) =>
  sequence.some(([h], i) => /;\s*Secure/i.test(h) && sequence.slice(i + 1).some(([later, url]) => nameOf(later) === nameOf(h) && url.startsWith('http:')));

describe('tough-cookie as a differential oracle', () => {
  it('parser and jar: random Set-Cookie sequences leave the same cookies to send, in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(header, fc.constantFrom(...SET_URLS)), { minLength: 1, maxLength: 8 }), (sequence) => {
        fc.pre(!hostAndDomainTwins(sequence) && !insecureAfterSecure(sequence));
        const ours = new CookieJar();
        const theirs = new ToughJar(undefined, { looseMode: true });
        for (const [h, url] of sequence) {
          ours.setCookie(h, url, NOW);
          try {
            theirs.setCookieSync(h, url, { now: new Date(NOW), ignoreError: false });
          } catch {
            // tough-cookie throws where a browser ignores the cookie: both refuse it.
          }
        }
        const unordered = expiredThenSetAgain(sequence);
        const shape = (header: string) => (unordered ? header.split('; ').sort().join('; ') : header);
        for (const url of GET_URLS) {
          const expected = theirs.getCookieStringSync(url);
          expect(shape(cookieHeader(ours.cookiesFor(url, NOW))), `${JSON.stringify(sequence)} → ${url}`).toBe(shape(expected));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('date parser: the same date or the same refusal for random and mutated Expires values', () => {
    const day = fc.constantFrom('Wed, ', 'Wednesday, ', '', 'Wed ', 'xyz, ');
    const dom = fc.integer({ min: 0, max: 40 }).map(String);
    const month = fc.constantFrom('Jan', 'Oct', 'oct', 'October', 'Foo', 'Dec');
    const year = fc.constantFrom('2099', '99', '69', '70', '1601', '1600', '10000', '0', '2026');
    const time = fc.constantFrom('07:28:00', '7:8:0', '24:00:00', '23:59:60', '07:28', '', '07:28:00.123');
    const sep = fc.constantFrom(' ', '-', '  ', ',', ' - ');
    const dates = fc
      .tuple(day, dom, sep, month, sep, year, time, fc.constantFrom(' GMT', '', ' UTC', ' +0100'))
      .map(([d, n, s1, m, s2, y, t, z]) => `${d}${n}${s1}${m}${s2}${y} ${t}${z}`);
    fc.assert(
      fc.property(dates, (text) => {
        const theirs = parseDate(text);
        const ours = parseCookieDate(text);
        expect(ours, text).toBe(theirs === undefined ? null : theirs.getTime());
      }),
      { numRuns: 5000 },
    );
  });
});
