import { base64ToBytes, inflate, parseJson, utf8, utf8Prefix } from '../bytes';
import { inflatedSize, LIMITS } from './limits';

/**
 * The JSON in a base64url part of a signed cookie (Flask, Django), zlib-compressed when `compressed`.
 * An inflated payload over LIMITS.inflatedBytes is cut there: its start is returned as text, with a note
 * saying how big it was, so a decompression bomb is shown as what it is instead of being expanded.
 */
export async function readJsonPart(part: string, compressed: boolean): Promise<{ json: unknown; notes: string[] } | null> {
  const raw = base64ToBytes(part);
  if (!raw) return null;
  if (!compressed) {
    const text = utf8(raw);
    const json = text === null ? undefined : parseJson(text);
    return json === undefined ? null : { json, notes: [] };
  }
  const inflated = await inflate(raw, LIMITS.inflatedBytes, LIMITS.inflateCount);
  if (!inflated) return null;
  if (inflated.complete && inflated.total <= LIMITS.inflatedBytes) {
    const text = utf8(inflated.bytes);
    const json = text === null ? undefined : parseJson(text);
    return json === undefined ? null : { json, notes: ['zlib-compressed payload'] };
  }
  const start = utf8Prefix(inflated.bytes);
  if (start === null || !/^\s*[[{"]/.test(start)) return null;
  return {
    json: start,
    notes: [
      `zlib-compressed payload that inflates to ${inflatedSize(inflated.total, inflated.complete)} from ${raw.length.toLocaleString('en-US')}: truncated, only the first ${LIMITS.inflatedBytes / 1024} KB were read (a cookie this compressible is unusual: it may be a decompression bomb).`,
    ],
  };
}
