/**
 * A fast non-cryptographic 64-bit hash (two FNV-1a 32-bit lanes over UTF-16 code units), as 16 hex digits:
 * for telling values apart (the timeline's digests, SARIF fingerprints), never for secrets. Hand-written
 * because it must be synchronous and cheap on every cookie change; WebCrypto's digests are async.
 */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Bytes of a string in UTF-8 (what storage quotas count), without encoding it. */
const NON_ASCII = /[\u0080-\uffff]/;

export function utf8Length(text: string): number {
  // Most text is ASCII: one native scan says so, and then every character is one byte.
  if (!NON_ASCII.test(text)) return text.length;
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: 4 bytes for 2 code units.
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}
