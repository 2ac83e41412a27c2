// Small byte helpers for decoders. atob/btoa handle only standard base64 and throw on bad input; these
// accept base64url, missing padding and return null instead of throwing.

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

/** Standard or URL-safe base64, padded or not; null when it is not base64. */
export function base64ToBytes(input: string): Uint8Array | null {
  const s = input.trim();
  if (!(B64.test(s) || B64URL.test(s))) return null;
  const std = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (std.length % 4 === 1) return null;
  try {
    const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

const lenient = new TextDecoder('utf-8');

/**
 * UTF-8 text, or null when the bytes are not valid UTF-8. Decoding leniently and looking for U+FFFD
 * avoids the thrown exception of a fatal decoder: most base64 candidates in a jar are random bytes.
 */
export function utf8(bytes: Uint8Array): string | null {
  const text = lenient.decode(bytes);
  return text.includes('\uFFFD') ? null : text;
}

/** UTF-8 text of the start of a longer text: a character cut in two at the end is left out. Null when invalid. */
export function utf8Prefix(bytes: Uint8Array): string | null {
  const text = new TextDecoder('utf-8').decode(bytes, { stream: true });
  return text.includes('\uFFFD') ? null : text;
}

/** Mostly readable text: no control characters other than tab and newlines. */
export function isPrintable(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
  return text.length > 0 && !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text);
}

/** JSON.parse without the cost of a thrown exception for text that cannot be JSON anyway. */
export function parseJson(text: string): unknown {
  if (!/^\s*(?:[[{"\-\d]|true|false|null)/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface Inflated {
  /** The first `keep` bytes of the output. */
  bytes: Uint8Array;
  /** Output bytes seen: the whole size when `complete`, else the count at which inflating stopped. */
  total: number;
  complete: boolean;
}

/**
 * zlib (RFC 1950) inflate with the platform's DecompressionStream; null on corrupt data. A cookie can be a
 * decompression bomb (1.4 KB → 1 MiB), so only the first `keep` bytes are kept and inflating stops after
 * `stopAt` bytes: the work per cookie is bounded whatever the site sends.
 */
export async function inflate(bytes: Uint8Array, keep: number, stopAt: number): Promise<Inflated | null> {
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
    const reader = stream.getReader();
    const out = new Uint8Array(keep);
    let kept = 0;
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: out.subarray(0, kept), total, complete: true };
      if (kept < keep) {
        const part = value.subarray(0, keep - kept);
        out.set(part, kept);
        kept += part.length;
      }
      total += value.length;
      if (total > stopAt) {
        await reader.cancel().catch(() => undefined);
        return { bytes: out.subarray(0, kept), total: stopAt, complete: false };
      }
    }
  } catch {
    return null;
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
