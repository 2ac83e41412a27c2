// Web storage next to cookies: what a page keeps in localStorage and sessionStorage (and the names and sizes of
// its IndexedDB databases), as the page-storage probe reads it, and which of it is a credential that any script
// on the page can read. OWASP's HTML5 Security Cheat Sheet: "Do not store session identifiers in local storage";
// the OAuth 2.0 for Browser-Based Apps BCP: tokens kept by JavaScript are exposed to any XSS on the origin.
import { parseJson } from './bytes';
import { jsonPart } from './decode/jwt';
import type { Decoded } from './decode/types';
import { entropyBits } from './entropy';

export type StorageArea = 'local' | 'session';

export const AREA_NAME: Record<StorageArea, string> = { local: 'localStorage', session: 'sessionStorage' };

/** One frame's storage as the probe read it. Values are cut at PROBE_VALUE_LIMIT characters (`length` keeps the size). */
export interface FrameStorage {
  frameUrl: string;
  /** '' when the frame could not be read at all. */
  origin: string;
  local?: ProbedItem[];
  session?: ProbedItem[];
  /** Items beyond the probe's bound, per area: counted, not read. */
  unread?: { local: number; session: number };
  /** Why this frame's (or one area's) storage could not be read: a cross-origin frame, storage disabled, a sandbox. */
  error?: string;
  indexedDB?: IndexedDbInfo[];
  /** Why IndexedDB could not be listed. */
  indexedDBError?: string;
  /** What the origin's IndexedDB takes on disk, by the browser's estimate (Chrome's `usageDetails`). */
  indexedDBBytes?: number;
}

/** [key, value (perhaps cut), the value's full length in characters]. */
export type ProbedItem = [key: string, value: string, length: number];

export interface IndexedDbInfo {
  name: string;
  version?: number;
  stores: { name: string; count?: number }[];
  error?: string;
}

/** What the probe reads at most: items per area, characters per value (a page may keep megabytes). */
export const PROBE_ITEM_LIMIT = 500;
export const PROBE_VALUE_LIMIT = 16384;

export interface StorageItem {
  origin: string;
  area: StorageArea;
  key: string;
  /** The value as read (cut at PROBE_VALUE_LIMIT characters when `cut`). */
  value: string;
  /** The value's whole length in characters. */
  length: number;
  cut?: boolean;
  /** The frame it was read in (the first one, when several frames share the origin). */
  frameUrl: string;
  decoded?: Decoded;
  /** The decoded format's name for people ("JSON Web Token"), so the views need not load the decoders. */
  formatName?: string;
  /** Set when the item is a credential: what kind, and how bad it is that scripts can read it. */
  credential?: StorageCredential;
}

export interface StorageCredential {
  kind: 'session-jwt' | 'jwt' | 'access-token' | 'refresh-token' | 'id-token' | 'token';
  /** Plain words: "a JWT with a subject (sub)", "an OAuth refresh token (refresh_token)". */
  what: string;
  severity: 'high' | 'medium';
}

export interface StorageReport {
  items: StorageItem[];
  /** Each frame that was looked at: its origin, how many items, or why it could not be read. */
  frames: { frameUrl: string; origin: string; items: number; unread: number; error?: string }[];
  indexedDB: (IndexedDbInfo & { origin: string })[];
  indexedDBErrors: { origin: string; error: string }[];
  /** Per origin: the bytes its IndexedDB takes, when the browser says. */
  indexedDBBytes?: Record<string, number>;
}

const JWT = /^(?:Bearer\s+)?(eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/** The claims of a JWT, without checking it: enough to tell a session credential (it names a subject). */
function jwtClaims(text: string): Record<string, unknown> | undefined {
  const m = JWT.exec(text.trim());
  if (!m) return undefined;
  return jsonPart(m[1].split('.')[1]) ?? undefined;
}

/** Field names of OAuth and OIDC token responses and of the SDKs that keep them (oidc-client-ts, Auth0, Firebase, Supabase, MSAL). */
const TOKEN_FIELDS: [RegExp, StorageCredential['kind'], string][] = [
  [/^refresh_?token$/i, 'refresh-token', 'an OAuth refresh token'],
  [/^access_?token$/i, 'access-token', 'an OAuth access token'],
  [/^id_?token$/i, 'id-token', 'an OpenID Connect ID token'],
];
/** MSAL.js keeps each token as { credentialType, secret }. */
const MSAL: Record<string, [StorageCredential['kind'], string]> = {
  RefreshToken: ['refresh-token', 'an OAuth refresh token (MSAL)'],
  AccessToken: ['access-token', 'an OAuth access token (MSAL)'],
  IdToken: ['id-token', 'an OpenID Connect ID token (MSAL)'],
};
const RANK: Record<StorageCredential['kind'], number> = { 'refresh-token': 6, 'access-token': 5, 'session-jwt': 4, 'id-token': 3, jwt: 2, token: 1 };

function jwtCredential(text: string, where: string): StorageCredential | undefined {
  const claims = jwtClaims(text);
  if (!claims) return undefined;
  if (typeof claims.sub === 'string' || typeof claims.sub === 'number')
    return { kind: 'session-jwt', what: `a JWT with a subject (sub)${where}`, severity: 'high' };
  return { kind: 'jwt', what: `a JWT${where}`, severity: 'medium' };
}

function worse(a: StorageCredential | undefined, b: StorageCredential | undefined): StorageCredential | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[b.kind] > RANK[a.kind] ? b : a;
}

/** Token fields inside a stored JSON document (a few levels deep, a bounded number of fields). */
function jsonCredential(json: unknown): StorageCredential | undefined {
  let found: StorageCredential | undefined;
  let budget = 2000;
  const walk = (node: unknown, depth: number, path: string) => {
    if (depth > 5 || budget-- <= 0 || node === null || typeof node !== 'object') return;
    if (!Array.isArray(node)) {
      const o = node as Record<string, unknown>;
      const msal = typeof o.credentialType === 'string' && typeof o.secret === 'string' && o.secret.length >= 16 ? MSAL[o.credentialType] : undefined;
      if (msal) found = worse(found, { kind: msal[0], what: msal[1], severity: 'high' });
    }
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const at = path ? `${path}.${k}` : k;
      if (typeof v === 'string') {
        const field = v.length >= 16 ? TOKEN_FIELDS.find(([re]) => re.test(k)) : undefined;
        if (field) found = worse(found, { kind: field[1], what: `${field[2]} (${at})`, severity: 'high' });
        else if (v.startsWith('eyJ')) found = worse(found, jwtCredential(v, ` (${at})`));
      } else walk(v, depth + 1, at);
    }
  };
  walk(json, 0, '');
  return found;
}

/** Keys that name a token, and keys that never hold one a script must not read. */
const TOKEN_KEY =
  /(?:^|[^a-z])(?:access|refresh|id|auth|bearer|session|api)?[_.\-:]?(?:token|jwt)s?$|^(?:auth|authorization|bearer|jwt|session|sessionid|sid|api[_-]?key|apikey)$/i;
const NOT_CREDENTIAL = /csrf|xsrf|consent|euconsent|tcf|cookieconsent|push[_-]?token|fcm|device[_-]?token|captcha/i;

/**
 * Whether a stored item is a credential a script can read: a JWT naming a subject, an OAuth access or refresh
 * token (alone or inside the JSON an SDK keeps), or an opaque random value under a token's name.
 */
export function storageCredential(key: string, value: string): StorageCredential | undefined {
  if (NOT_CREDENTIAL.test(key)) return undefined;
  const text = value.trim();
  const unquoted = text.startsWith('"') && text.endsWith('"') ? (parseJson(text) as string | undefined) : undefined;
  const plain = typeof unquoted === 'string' ? unquoted : text;
  // The key's last segment: SDKs prefix their keys ("CognitoIdentityServiceProvider.client.ada.refreshToken").
  const last = key.replace(/^.*[.:]/, '');
  const asJwt = jwtCredential(plain, '');
  if (asJwt) {
    const field = TOKEN_FIELDS.find(([re]) => re.test(last));
    // An access or refresh token that is a JWT: the field's name says which.
    const named = asJwt.kind === 'session-jwt' ? 'a JWT with a subject (sub)' : 'a JWT';
    return field && field[1] !== 'id-token' ? { kind: field[1], what: `${field[2]}, ${named}`, severity: 'high' } : asJwt;
  }
  if ((plain.startsWith('{') || plain.startsWith('[')) && plain.length <= PROBE_VALUE_LIMIT) {
    const found = jsonCredential(parseJson(plain));
    if (found) return found;
  }
  if (/refresh/i.test(last) && TOKEN_KEY.test(last) && /^[A-Za-z0-9._~+/=-]{16,}$/.test(plain) && entropyBits(plain) >= 64)
    return { kind: 'refresh-token', what: `a refresh token (by its name, ${last})`, severity: 'high' };
  if (TOKEN_KEY.test(key) && /^[A-Za-z0-9._~+/=-]{20,}$/.test(plain) && entropyBits(plain) >= 64)
    return { kind: 'token', what: 'an opaque token (by its name and its random value)', severity: 'medium' };
  return undefined;
}

/** At most this many frames are taken from a probe's answer (a page can nest frames without end). */
export const PROBE_FRAME_LIMIT = 50;

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : undefined);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A probe's answer checked and bounded. The DevTools panel's probe runs in the page's own world, where the page
 * can replace Storage, Array or JSON: whatever comes back is treated as untrusted input — wrong types dropped (and
 * said), sizes cut to the probe's limits — so a hostile page cannot break or bloat the report.
 */
export function checkedFrames(answer: unknown): FrameStorage[] {
  if (!Array.isArray(answer)) return [{ frameUrl: '', origin: '', error: 'The page answered the storage probe with something that is not a list of frames.' }];
  const out: FrameStorage[] = [];
  for (const raw of answer.slice(0, PROBE_FRAME_LIMIT)) {
    const f = (raw ?? {}) as Record<string, unknown>;
    const frame: FrameStorage = { frameUrl: str(f.frameUrl, 2048) ?? '', origin: str(f.origin, 512) ?? '' };
    if (frame.origin && !/^https?:\/\/[^/\s]+$/.test(frame.origin)) frame.origin = '';
    let dropped = 0;
    for (const area of ['local', 'session'] as const) {
      const list = f[area];
      if (!Array.isArray(list)) continue;
      const items: ProbedItem[] = [];
      for (const it of list.slice(0, PROBE_ITEM_LIMIT)) {
        const [key, value, length] = Array.isArray(it) ? it : [];
        if (typeof key !== 'string' || typeof value !== 'string') {
          dropped++;
          continue;
        }
        const whole = finite(length) && length >= value.length ? Math.floor(length) : value.length;
        items.push([key.slice(0, 1024), value.slice(0, PROBE_VALUE_LIMIT), whole]);
      }
      frame[area] = items;
    }
    const unread = f.unread as { local?: unknown; session?: unknown } | undefined;
    const count = (v: unknown) => (finite(v) && v > 0 ? Math.floor(v) : 0);
    if (unread && (count(unread.local) || count(unread.session))) frame.unread = { local: count(unread.local), session: count(unread.session) };
    const errors = [str(f.error, 500), dropped ? `${dropped} items were not text and were left out` : undefined].filter(Boolean);
    if (errors.length) frame.error = errors.join('; ');
    out.push(Object.assign(frame, checkedIndexedDb(f)));
  }
  if (answer.length > PROBE_FRAME_LIMIT) out.push({ frameUrl: '', origin: '', error: `${answer.length - PROBE_FRAME_LIMIT} more frames were not read.` });
  return out;
}

/** The IndexedDB part of a probe's answer (a frame's, or the worker's own IndexedDB read), checked and bounded. */
export function checkedIndexedDb(answer: unknown): Pick<FrameStorage, 'indexedDB' | 'indexedDBError' | 'indexedDBBytes'> {
  const f = (answer ?? {}) as Record<string, unknown>;
  const out: Pick<FrameStorage, 'indexedDB' | 'indexedDBError' | 'indexedDBBytes'> = {};
  if (Array.isArray(f.indexedDB)) out.indexedDB = (f.indexedDB as unknown[]).slice(0, 50).map(checkedDb);
  if (finite(f.indexedDBBytes) && f.indexedDBBytes >= 0) out.indexedDBBytes = Math.round(f.indexedDBBytes);
  const error = str(f.indexedDBError, 500);
  if (error) out.indexedDBError = error;
  return out;
}

function checkedDb(raw: unknown): IndexedDbInfo {
  const d = (raw ?? {}) as Record<string, unknown>;
  const stores = Array.isArray(d.stores) ? (d.stores as unknown[]).slice(0, 100) : [];
  const error = str(d.error, 500);
  return {
    name: str(d.name, 256) ?? '',
    ...(finite(d.version) ? { version: d.version } : {}),
    stores: stores.map((x) => {
      const s = (x ?? {}) as Record<string, unknown>;
      return { name: str(s.name, 256) ?? '', ...(finite(s.count) ? { count: s.count } : {}) };
    }),
    ...(error ? { error } : {}),
  };
}

/** The probe's frames as one list of items per origin and area (frames of one origin share its storage). */
export function storageItems(frames: readonly FrameStorage[]): StorageReport {
  const items: StorageItem[] = [];
  const seen = new Set<string>();
  const report: StorageReport = { items, frames: [], indexedDB: [], indexedDBErrors: [] };
  const idbSeen = new Set<string>();
  for (const f of frames) {
    const unread = (f.unread?.local ?? 0) + (f.unread?.session ?? 0);
    let count = 0;
    for (const area of ['local', 'session'] as const) {
      // sessionStorage is per tab and origin; localStorage per origin (and partition): either way one list per origin here.
      const once = `${f.origin}\u0000${area}`;
      if (seen.has(once)) continue;
      const list = f[area];
      if (list) seen.add(once);
      for (const [key, value, length] of list ?? []) {
        count++;
        items.push({ origin: f.origin, area, key, value, length, frameUrl: f.frameUrl, ...(length > value.length ? { cut: true } : {}) });
      }
    }
    report.frames.push({ frameUrl: f.frameUrl, origin: f.origin, items: count, unread, ...(f.error ? { error: f.error } : {}) });
    if (f.origin && !idbSeen.has(f.origin)) {
      if (f.indexedDB) {
        idbSeen.add(f.origin);
        for (const db of f.indexedDB) report.indexedDB.push({ ...db, origin: f.origin });
        if (f.indexedDBBytes !== undefined) report.indexedDBBytes = { ...report.indexedDBBytes, [f.origin]: f.indexedDBBytes };
      } else if (f.indexedDBError) report.indexedDBErrors.push({ origin: f.origin, error: f.indexedDBError });
    }
  }
  return report;
}

/** A name for an item in messages: `localStorage "access_token" of https://app.example`. */
export function itemLabel(item: Pick<StorageItem, 'area' | 'key' | 'origin'>): string {
  return `${AREA_NAME[item.area]} ${JSON.stringify(item.key)} of ${item.origin}`;
}

/** One item's identity across reads: origin, area and key. */
export function itemKey(item: Pick<StorageItem, 'area' | 'key' | 'origin'>): string {
  return [item.origin, item.area, item.key].join('\u0001');
}
