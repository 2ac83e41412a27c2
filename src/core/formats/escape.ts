// Site text — cookie names, values, domains, URLs, and the findings' messages that quote them — is inert in
// every report format: no link or image can be formed in Markdown, no markup or invalid character in XML,
// no escape sequence reaches a terminal.

/** Markdown text with every ASCII punctuation character backslash-escaped (CommonMark §2.4): no emphasis,
 * link, image, HTML, table cell break or (GFM) autolink can be formed from it. Newlines become spaces. */
export function mdText(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (ch) => `\\${ch}`);
}

/**
 * A Markdown code span (CommonMark §6.1) holding `s` literally: fenced with one backtick more than the
 * longest run inside, padded when it starts or ends with one. `|` is escaped so a table cell stays whole
 * (GFM reads `\|` before the inline parse).
 */
export function mdCode(s: string): string {
  const text = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

// XML 1.0 §2.2 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (lone surrogates are not).
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for an XML attribute or element: markup escaped, characters XML cannot hold removed. */
export function xml(s: string): string {
  return s.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Text for a terminal: control characters (ESC, BEL, C1 controls…) shown as \xNN, so none reaches the terminal. */
export function term(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being neutralised
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
