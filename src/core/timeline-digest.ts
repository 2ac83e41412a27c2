// The store as the timeline knows it, kept small: per cookie its identity and a digest of its state (value
// or the hash of a long value, expiry, flags) — about 100 bytes a cookie whatever the size of its value, so
// a jar bigger than the storage quota still fits. Saved with the timeline position it corresponds to; when
// the worker starts again, replaying the timeline from there and comparing with the real store, cookie by
// cookie, shows every change nobody recorded (the browser was closed, the worker was stopped mid-storm).
import { type Cookie, refKey } from './cookie';
import type { CookieChange, TimelineEntry } from './timeline';
import { sameState, stateDigest } from './timeline-codec';

/** [storeId, name, domain, hostOnly, path, topLevelSite, crossSiteAncestor, firstPartyDomain, expirationDate, digest] */
export type DigestItem = [
  storeId: string | null,
  name: string,
  domain: string,
  hostOnly: 0 | 1,
  path: string,
  topLevelSite: string | null,
  crossSite: 0 | 1,
  firstPartyDomain: string | null,
  expirationDate: number | null,
  digest: string,
];

export interface StoredDigest {
  version: 2;
  /** The timeline's next seq when this was the state: entries from this seq on come after it. */
  seq: number;
  items: DigestItem[];
}

function itemOf(c: Cookie, truncated?: { hash: string }): DigestItem {
  return [
    c.storeId ?? null,
    c.name,
    c.domain,
    c.hostOnly ? 1 : 0,
    c.path,
    c.partitionKey?.topLevelSite ?? null,
    c.partitionKey?.hasCrossSiteAncestor ? 1 : 0,
    c.firstPartyDomain ?? null,
    c.expirationDate ?? null,
    stateDigest(c, truncated),
  ];
}

/** The cookie an item stands for, without its value (the digest does not keep it). */
export function cookieOfItem(item: DigestItem): Cookie {
  const [storeId, name, domain, hostOnly, path, topLevelSite, crossSite, firstPartyDomain, expirationDate] = item;
  const cookie: Cookie = {
    name,
    value: '',
    domain,
    hostOnly: hostOnly === 1,
    path,
    secure: false,
    httpOnly: false,
    sameSite: 'unspecified',
    session: expirationDate === null,
  };
  if (storeId !== null) cookie.storeId = storeId;
  if (topLevelSite !== null) cookie.partitionKey = { topLevelSite, hasCrossSiteAncestor: crossSite === 1 };
  if (firstPartyDomain !== null) cookie.firstPartyDomain = firstPartyDomain;
  if (expirationDate !== null) cookie.expirationDate = expirationDate;
  return cookie;
}

/**
 * A cookie as the live state holds it: the cookie itself until the digest is saved — comparing its fields is
 * cheaper than hashing them on every change (two or three hashes per event were a tenth of the worker's time
 * during page loads); its item is worked out when the digest is saved or compared with the store.
 */
interface Held {
  cookie: Cookie;
  truncated?: { hash: string };
}
type Entry = DigestItem | Held;

const itemFor = (e: Entry): DigestItem => (Array.isArray(e) ? e : itemOf(e.cookie, e.truncated));
const digestFor = (e: Entry): string => (Array.isArray(e) ? e[9] : stateDigest(e.cookie, e.truncated));

export class StoreDigest {
  private readonly items = new Map<string, Entry>();

  static of(cookies: readonly Cookie[]): StoreDigest {
    const d = new StoreDigest();
    for (const c of cookies) d.items.set(refKey(c), { cookie: c });
    return d;
  }

  static fromStored(stored: StoredDigest): StoreDigest {
    const d = new StoreDigest();
    for (const item of stored.items) d.items.set(refKey(cookieOfItem(item)), item);
    return d;
  }

  get size(): number {
    return this.items.size;
  }

  clone(): StoreDigest {
    const d = new StoreDigest();
    for (const [k, v] of this.items) d.items.set(k, v);
    return d;
  }

  /** The cookie of this key as the state has it (without its value), if it has one. */
  cookieAt(c: Cookie): Cookie | undefined {
    const entry = this.items.get(refKey(c));
    return entry && cookieOfItem(itemFor(entry));
  }

  /** Does the state hold this cookie, in this state? */
  holds(c: Cookie): boolean {
    const entry = this.items.get(refKey(c));
    if (!entry) return false;
    return Array.isArray(entry) || entry.truncated ? digestFor(entry) === stateDigest(c) : sameState(entry.cookie, c);
  }

  /** Applies a recorded change; `known`, when given, keeps the last recorded cookie of each key. */
  apply(entry: Pick<TimelineEntry, 'removed' | 'cookie' | 'truncated'>, known?: Map<string, Cookie>): void {
    const key = refKey(entry.cookie);
    if (entry.removed) {
      this.items.delete(key);
      known?.delete(key);
    } else {
      this.items.set(key, entry.truncated ? { cookie: entry.cookie, truncated: entry.truncated } : { cookie: entry.cookie });
      known?.set(key, entry.cookie);
    }
  }

  toStored(seq: number): StoredDigest {
    return { version: 2, seq, items: [...this.items.values()].map(itemFor) };
  }

  /**
   * The changes that turn this state into `actual`, each marked `missed` (the time is when it was noticed).
   * A vanished cookie whose expiry has passed is reported as expired, anything else as explicit.
   */
  missedChanges(actual: readonly Cookie[], now: number, known: ReadonlyMap<string, Cookie> = new Map()): CookieChange[] {
    const changes: CookieChange[] = [];
    const current = new Map(actual.map((c) => [refKey(c), c]));
    for (const [key, entry] of this.items) {
      const cur = current.get(key);
      // The last recorded state, where the replayed timeline has it; else the digest's (no value).
      const old = known.get(key) ?? cookieOfItem(itemFor(entry));
      if (!cur) {
        const expired = old.expirationDate !== undefined && old.expirationDate * 1000 <= now;
        changes.push({ time: now, cause: expired ? 'expired' : 'explicit', removed: true, cookie: old, missed: true });
      } else if (stateDigest(cur) !== digestFor(entry)) {
        changes.push({ time: now, cause: 'overwrite', removed: true, cookie: old, missed: true });
        changes.push({ time: now, cause: 'explicit', removed: false, cookie: cur, missed: true });
      }
    }
    for (const [key, cur] of current) if (!this.items.has(key)) changes.push({ time: now, cause: 'explicit', removed: false, cookie: cur, missed: true });
    return changes;
  }
}
