import { parseJson } from '../bytes';
import { bytesAsText } from '../header-text';
import type { Decoder } from './types';

// A quoted string with backslash escapes (RFC 2109), the way Python's http.cookies and Werkzeug (Flask) write
// a value with spaces, commas, quotes or non-ASCII: `"{\"theme\": \"dark\"\054 \"lang\": \"en\"}"`, with
// `\ooo` octal escapes of the UTF-8 bytes ("h\303\251llo" is "héllo"). Hand-written: the unquoting is
// Python's SimpleCookie._unquote, which no JavaScript cookie library implements.
const QUOTED = /^"((?:[^"\\]|\\[0-7]{3}|\\[^0-7])*)"$/;
const ENCODER = new TextEncoder();

/** The text inside an RFC 2109 quoted string, or null when the value is not one with escapes. */
export function unquoteRfc2109(value: string): string | null {
  const inner = QUOTED.exec(value)?.[1];
  if (inner === undefined || !inner.includes('\\')) return null;
  const bytes: number[] = [];
  for (let i = 0; i < inner.length; ) {
    if (inner[i] === '\\' && /^[0-7]{3}$/.test(inner.slice(i + 1, i + 4))) {
      bytes.push(Number.parseInt(inner.slice(i + 1, i + 4), 8) & 0xff);
      i += 4;
      continue;
    }
    const ch = inner[i] === '\\' ? inner[i + 1] : inner[i];
    bytes.push(...ENCODER.encode(ch));
    i += inner[i] === '\\' ? 2 : 1;
  }
  return bytesAsText(bytes);
}

export const quoted: Decoder = {
  id: 'quoted',
  formats: { 'rfc2109-quoted': "Quoted string (RFC 2109, as Python's http.cookies and Werkzeug write it)" },
  examples: {
    match: [
      { cookie: { name: 'prefs', value: '"{\\"theme\\": \\"dark\\"\\054 \\"lang\\": \\"en\\"}"' }, format: 'rfc2109-quoted' },
      { cookie: { name: 'greet', value: '"h\\303\\251llo w\\303\\266rld\\073 ok"' }, format: 'rfc2109-quoted' },
    ],
    noMatch: [
      { name: 'plain', value: '"abc"' },
      { name: 'open', value: '"abc\\054' },
    ],
  },
  decode({ value }) {
    const text = unquoteRfc2109(value);
    if (text === null) return null;
    const json = /^\s*[[{]/.test(text) ? parseJson(text) : undefined;
    const payload = typeof json === 'object' && json !== null ? json : text;
    return { decoded: { format: 'rfc2109-quoted', payload } };
  },
};
