import type { CookieRule } from '../rule';
import { REF } from '../rule-helpers';

// RFC 6265bis cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E (no space, '"', ',', ';', '\').
const COOKIE_OCTETS = /^"?[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*"?$/;

export const rule: CookieRule = {
  id: 'nonstandard-characters',
  scope: 'cookie',
  levels: ['low'],
  title: 'Value with characters servers disagree on',
  summary: 'Spaces, commas, backslashes or quotes in the value are read differently by different servers and libraries.',
  explain:
    "Browsers store almost any value, but the cookie grammar servers implement allows only a restricted set of characters. Python's http.cookies, Java, PHP and Go each handle spaces, commas and quotes their own way — some split, some drop, some unquote.",
  why: 'The application sees a different value than was set (truncated sessions, lost preferences), and parser differences between a proxy and the app can be abused to smuggle or shadow cookies.',
  fix: 'Encode values (URL-encoding or base64url) before putting them in a cookie.',
  snippets: {
    flask: "resp.set_cookie('name', urllib.parse.quote(value))",
    django: "response.set_cookie('name', urllib.parse.quote(value))",
    express: "res.cookie('name', value)  // Express URL-encodes by default; don't bypass it with res.setHeader",
  },
  references: [
    REF.rfc('§4.1.1 Syntax (cookie-octet)', 'name-syntax'),
    { title: 'PortSwigger research: cookie parsing differentials', url: 'https://portswigger.net/research/bypassing-wafs-with-the-phantom-version-cookie' },
  ],
  check(c) {
    if (COOKIE_OCTETS.test(c.value)) return null;
    if (c.decoded?.format === 'rfc2109-quoted')
      return {
        severity: 'low',
        message: `The value of "${c.name}" is a quoted string with backslash escapes (RFC 2109) — how Python's http.cookies and Werkzeug (Flask) write values with spaces, commas or non-ASCII. Python reads it back; other servers and proxies may see the quotes and backslashes.`,
      };
    return { severity: 'low', message: `The value of "${c.name}" contains characters outside the cookie grammar (spaces, commas, quotes or backslashes).` };
  },
  examples: {
    flag: [
      { title: 'a value with spaces and a comma', cookies: [{ name: 'pref', value: 'a b,c' }] },
      { title: 'JSON as Werkzeug quotes it', cookies: [{ name: 'prefs', value: '"{\\"theme\\": \\"dark\\"\\054 \\"lang\\": \\"en\\"}"' }] },
    ],
    pass: [
      { title: 'a URL-encoded value', cookies: [{ name: 'pref', value: 'a%20b%2Cc' }] },
      { title: 'a quoted value', cookies: [{ name: 'pref', value: '"abc"' }] },
    ],
  },
};
