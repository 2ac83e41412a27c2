// What the extension keeps in storage.local, and how much of the quota each part may use. Chrome counts an
// item as its key plus the JSON of its value, in UTF-8 bytes, against 10 MiB (QUOTA_BYTES) for the whole
// area; a write that would go over fails, and nothing is written. Firefox has no such quota, but the same
// budget keeps the two alike. Every part stays inside its share, so one part can never starve another, and
// the whole stays a megabyte under the quota.
import { utf8Length } from '../core/hash';

export const QUOTA_BYTES = 10 * 1024 * 1024;
/** Headroom under the quota: what the browser's own accounting or a part misjudging itself may use. */
export const HEADROOM_BYTES = 1024 * 1024;

/**
 * Each part's share (bytes). The timeline ring gets what the others leave. (The per-tab response logs live in
 * storage.session, which has its own quota: response-log.ts bounds them.)
 */
export const SHARES = {
  /** The policy text and its parsed form. */
  policy: 256 * 1024,
  /** The timeline's digest of the store: an id and a hash per cookie, to find changes nobody saw. */
  digest: 1536 * 1024,
  /** Saved cookie profiles and settings. */
  profiles: 256 * 1024,
} as const;

/** The timeline's items: its meta record, its chunks (by the seq of their first entry) and the store's digest. */
export const META_KEY = 'timeline.meta';
export const DIGEST_KEY = 'timeline.digest';
export const chunkKey = (seq: number) => `timeline.c.${seq}`;

export const RING_BYTES = QUOTA_BYTES - HEADROOM_BYTES - Object.values(SHARES).reduce((a, b) => a + b, 0);

/** An item's size as Chrome counts it against the quota (for a packed item, the JSON of its string). */
export function itemBytes(key: string, value: unknown): number {
  return utf8Length(key) + (typeof value === 'string' ? stringJsonBytes(value) : utf8Length(JSON.stringify(value) ?? ''));
}

/** Control characters (JSON writes those below U+0020 as two or six) and lone surrogates (six): sized the slow way. */
const ESCAPED_LONG = /[\p{Cc}\p{Cs}]/u;

/**
 * The UTF-8 size of a string's JSON without making it: every timeline write sizes its chunks, and copying
 * each chunk's text into its JSON only to count it was a twentieth of what the worker allocated on
 * cookie-heavy pages. The quotes add 2, each `"` and `\` one more; text with control characters or lone
 * surrogates goes the slow way (packed text, JSON itself, never has them raw).
 */
function stringJsonBytes(text: string): number {
  if (ESCAPED_LONG.test(text)) return utf8Length(JSON.stringify(text));
  let n = utf8Length(text) + 2;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  for (let i = text.indexOf('\\'); i !== -1; i = text.indexOf('\\', i + 1)) n++;
  return n;
}

/**
 * Items are stored as one JSON string each: Chrome converts a stored value node by node (a 40-entry chunk of
 * arrays takes ~1.2 ms to write, the same as a string ~0.5 ms, measured in Chromium 156), and a string costs
 * a few escaped quotes more against the quota. `unpack` also reads items stored as plain values before.
 */
export function pack(value: unknown): string {
  return JSON.stringify(value);
}

export function unpack<T>(stored: unknown): T | undefined {
  return typeof stored === 'string' ? (JSON.parse(stored) as T) : (stored as T | undefined);
}

/** The part of `storage.local` the store needs; the fake browser and the real one both fit. */
export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
