import type { Cookie, PartitionKey, SameSite } from '../../src/core/cookie';
import { refKey } from '../../src/core/cookie';
import { parseSetCookie } from '../../src/core/set-cookie';
import { cookieCoversUrl, domainMatch } from '../../src/core/site';
import type { ChangeCause } from '../../src/core/timeline';
import { FakeEvent } from './events';

export interface SetDetails {
  url: string;
  name?: string;
  value?: string;
  domain?: string;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: SameSite;
  expirationDate?: number;
  storeId?: string;
  partitionKey?: PartitionKey;
  firstPartyDomain?: string;
}

interface GetAllFilter {
  url?: string;
  name?: string;
  domain?: string;
  path?: string;
  secure?: boolean;
  session?: boolean;
  storeId?: string;
  partitionKey?: PartitionKey;
}

/** What differs when the fake plays Firefox rather than Chromium (see `fake.asFirefox`). */
export interface FirefoxMode {
  /** privacy.firstparty.isolate: cookie calls without `firstPartyDomain` throw, as Firefox's do. */
  firstPartyIsolation?: boolean;
}

/** An in-memory cookie store that behaves like chrome.cookies: set/remove fire onChanged. */
export class FakeCookies {
  readonly jar = new Map<string, Cookie>();
  readonly onChanged = new FakeEvent<[{ removed: boolean; cookie: Cookie; cause: ChangeCause }]>();
  /** tabId → storeId, for getAllCookieStores. */
  readonly tabStores = new Map<number, string>();
  now = () => Date.now();
  /** Set by `fake.asFirefox`: Firefox store ids and first-party checks; undefined plays Chromium. */
  firefox: FirefoxMode | undefined;

  get defaultStore(): string {
    return this.firefox ? 'firefox-default' : '0';
  }

  /** The argument checks the two browsers make that differ: Chromium rejects the Firefox-only key. */
  private checkFirstParty(d: object, call: string): void {
    const has = 'firstPartyDomain' in d;
    if (!this.firefox && has) throw new Error(`Error in invocation of cookies.${call}: Unexpected property: 'firstPartyDomain'.`);
    if (this.firefox?.firstPartyIsolation && !has)
      throw new Error("First-Party Isolation is enabled, but the required 'firstPartyDomain' attribute was not set.");
  }

  async set(d: SetDetails): Promise<Cookie> {
    this.checkFirstParty(d, 'set');
    // Judge the write as a browser would: through the engine's storage model, as a Set-Cookie line.
    const attrs = [
      `${d.name ?? ''}=${d.value ?? ''}`,
      d.domain ? `Domain=${d.domain}` : '',
      `Path=${d.path ?? '/'}`,
      d.secure ? 'Secure' : '',
      d.httpOnly ? 'HttpOnly' : '',
      d.sameSite && d.sameSite !== 'unspecified' ? `SameSite=${{ no_restriction: 'None', lax: 'Lax', strict: 'Strict' }[d.sameSite]}` : '',
      d.partitionKey ? 'Partitioned' : '',
    ].filter(Boolean);
    const verdict = parseSetCookie(attrs.join('; '), d.url, this.now());
    if (!verdict.accepted) throw new Error(`Failed to parse or set cookie named "${d.name}": ${verdict.reason}`);
    const url = new URL(d.url);
    const domain = d.domain ? `.${d.domain.replace(/^\./, '')}` : url.hostname;
    const cookie: Cookie = {
      name: d.name ?? '',
      value: d.value ?? '',
      domain,
      hostOnly: !d.domain,
      path: d.path ?? '/',
      secure: d.secure ?? false,
      httpOnly: d.httpOnly ?? false,
      sameSite: d.sameSite ?? 'unspecified',
      session: d.expirationDate === undefined,
      storeId: d.storeId ?? this.defaultStore,
      ...(d.expirationDate !== undefined ? { expirationDate: d.expirationDate } : {}),
      ...(d.partitionKey ? { partitionKey: d.partitionKey } : {}),
      // Firefox gives every cookie a first-party domain ('' without first-party isolation).
      ...(this.firefox ? { firstPartyDomain: d.firstPartyDomain ?? '' } : {}),
    };
    this.put(cookie);
    return cookie;
  }

  /** Stores a cookie as given (tests use it for jars of any shape) and fires the events a browser would. */
  put(cookie: Cookie): void {
    const key = refKey({ ...cookie, storeId: cookie.storeId ?? this.defaultStore });
    const old = this.jar.get(key);
    // Firefox reports every removal as 'explicit', overwrites and expiries included.
    if (old) this.onChanged.trigger({ removed: true, cookie: old, cause: this.firefox ? 'explicit' : 'overwrite' });
    const expired = cookie.expirationDate !== undefined && cookie.expirationDate * 1000 <= this.now();
    if (expired) {
      this.jar.delete(key);
      if (old) this.onChanged.trigger({ removed: true, cookie: old, cause: this.firefox ? 'explicit' : 'expired_overwrite' });
      return;
    }
    const stored = { ...cookie, storeId: cookie.storeId ?? this.defaultStore };
    this.jar.set(key, stored);
    this.onChanged.trigger({ removed: false, cookie: stored, cause: 'explicit' });
  }

  async remove(d: { url: string; name: string; storeId?: string; partitionKey?: PartitionKey; firstPartyDomain?: string }): Promise<{ name: string } | null> {
    this.checkFirstParty(d, 'remove');
    const match = [...this.jar.entries()].find(
      ([, c]) =>
        c.name === d.name &&
        cookieCoversUrl(c, d.url) &&
        (c.storeId ?? this.defaultStore) === (d.storeId ?? this.defaultStore) &&
        samePartition(c.partitionKey, d.partitionKey),
    );
    if (!match) return null;
    this.jar.delete(match[0]);
    this.onChanged.trigger({ removed: true, cookie: match[1], cause: 'explicit' });
    return { name: d.name };
  }

  async getAll(f: GetAllFilter = {}): Promise<Cookie[]> {
    this.checkFirstParty(f, 'getAll');
    return [...this.jar.values()].filter((c) => {
      // Without a storeId, browsers answer from the caller's own store: the default one.
      if ((c.storeId ?? this.defaultStore) !== (f.storeId ?? this.defaultStore)) return false;
      if (f.name !== undefined && c.name !== f.name) return false;
      if (f.domain !== undefined && !domainMatch(c.domain.replace(/^\./, ''), f.domain)) return false;
      if (f.path !== undefined && c.path !== f.path) return false;
      if (f.secure !== undefined && c.secure !== f.secure) return false;
      if (f.session !== undefined && c.session !== f.session) return false;
      if (f.url !== undefined && !cookieCoversUrl(c, f.url)) return false;
      // As Chrome 156 answers: no partitionKey → unpartitioned only; `{}` → all; a top-level site → that partition only.
      const site = c.partitionKey?.topLevelSite;
      if (!f.partitionKey) return site === undefined;
      if (f.partitionKey.topLevelSite !== undefined) return site === f.partitionKey.topLevelSite;
      return true;
    });
  }

  async getAllCookieStores(): Promise<{ id: string; tabIds: number[] }[]> {
    const stores = new Map<string, number[]>([[this.defaultStore, []]]);
    for (const [tabId, storeId] of this.tabStores) stores.set(storeId, [...(stores.get(storeId) ?? []), tabId]);
    return [...stores].map(([id, tabIds]) => ({ id, tabIds }));
  }

  reset(): void {
    this.jar.clear();
    this.onChanged.clear();
    this.tabStores.clear();
    this.now = () => Date.now();
    this.firefox = undefined;
  }
}

function samePartition(a: PartitionKey | null | undefined, b: PartitionKey | undefined): boolean {
  return (a?.topLevelSite ?? '') === (b?.topLevelSite ?? '');
}
