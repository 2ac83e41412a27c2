// A response header's text as the browser's own Network panel shows it: the header's bytes read as UTF-8.
// Header values reach an extension in three shapes: Chrome's webRequest gives `value` already UTF-8-decoded,
// or `binaryValue` (the raw bytes) when they are not valid UTF-8; DevTools' HAR and Firefox give each byte
// as one character (Latin-1), which shows "héllo" as "hÃ©llo". Hand-written because no library takes these
// shapes; the decoding itself is the platform's TextDecoder.

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_LENIENT = new TextDecoder('utf-8');

/** Raw header bytes as text: UTF-8, with U+FFFD where a byte sequence is not UTF-8 (as Chrome shows it). */
export function bytesAsText(bytes: readonly number[] | Uint8Array): string {
  return UTF8_LENIENT.decode(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
}

/**
 * A header value whose characters are bytes (all ≤ U+00FF), re-read as UTF-8 when those bytes are valid
 * UTF-8 and not plain ASCII; anything else is returned as it is (already text, or really Latin-1).
 */
export function latin1AsUtf8(value: string): string {
  let high = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0xff) return value;
    if (c >= 0x80) high = true;
  }
  if (!high) return value;
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i);
  try {
    return UTF8.decode(bytes);
  } catch {
    return value;
  }
}

/** The text of a webRequest header (`value` or `binaryValue`). */
export function headerText(h: { value?: string; binaryValue?: readonly number[] }): string {
  if (h.binaryValue) return bytesAsText(h.binaryValue);
  return latin1AsUtf8(h.value ?? '');
}

/**
 * The Set-Cookie lines of a response's headers, as text: one cookie per line, in order. A header value can
 * hold several lines — Firefox's webRequest and DevTools' HAR join a response's Set-Cookie headers with "\n".
 */
export function setCookieLines(headers: readonly { name: string; value?: string; binaryValue?: readonly number[] }[]): string[] {
  return headers
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .flatMap((h) => headerText(h).split('\n'))
    .filter((line) => line.trim() !== '');
}
