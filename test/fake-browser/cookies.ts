import type { Cookie, PartitionKey, SameSite } from '../../src/core/cookie';
import { cookieKey } from '../../src/core/cookie';
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

const DEFAULT_STORE = '0';

/** An in-memory cookie store that behaves like chrome.cookies: set/remove fire onChanged. */
export class FakeCookies {
  readonly jar = new Map<string, Cookie>();
  readonly onChanged = new FakeEvent<[{ removed: boolean; cookie: Cookie; cause: ChangeCause }]>();
  /** tabId → storeId, for getAllCookieStores. */
  readonly tabStores = new Map<number, string>();
  now = () => Date.now();

  async set(d: SetDetails): Promise<Cookie> {
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
      storeId: d.storeId ?? DEFAULT_STORE,
      ...(d.expirationDate !== undefined ? { expirationDate: d.expirationDate } : {}),
      ...(d.partitionKey ? { partitionKey: d.partitionKey } : {}),
    };
    this.put(cookie);
    return cookie;
  }

  /** Stores a cookie as given (tests use it for jars of any shape) and fires the events a browser would. */
  put(cookie: Cookie): void {
    const key = cookieKey({ ...cookie, storeId: cookie.storeId ?? DEFAULT_STORE });
    const old = this.jar.get(key);
    if (old) this.onChanged.trigger({ removed: true, cookie: old, cause: 'overwrite' });
    const expired = cookie.expirationDate !== undefined && cookie.expirationDate * 1000 <= this.now();
    if (expired) {
      this.jar.delete(key);
      if (old) this.onChanged.trigger({ removed: true, cookie: old, cause: 'expired_overwrite' });
      return;
    }
    const stored = { ...cookie, storeId: cookie.storeId ?? DEFAULT_STORE };
    this.jar.set(key, stored);
    this.onChanged.trigger({ removed: false, cookie: stored, cause: 'explicit' });
  }

  async remove(d: { url: string; name: string; storeId?: string; partitionKey?: PartitionKey }): Promise<{ name: string } | null> {
    const match = [...this.jar.entries()].find(
      ([, c]) =>
        c.name === d.name &&
        cookieCoversUrl(c, d.url) &&
        (c.storeId ?? DEFAULT_STORE) === (d.storeId ?? DEFAULT_STORE) &&
        samePartition(c.partitionKey, d.partitionKey),
    );
    if (!match) return null;
    this.jar.delete(match[0]);
    this.onChanged.trigger({ removed: true, cookie: match[1], cause: 'explicit' });
    return { name: d.name };
  }

  async getAll(f: GetAllFilter = {}): Promise<Cookie[]> {
    return [...this.jar.values()].filter((c) => {
      if (f.storeId !== undefined && c.storeId !== f.storeId) return false;
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
    const stores = new Map<string, number[]>([[DEFAULT_STORE, []]]);
    for (const [tabId, storeId] of this.tabStores) stores.set(storeId, [...(stores.get(storeId) ?? []), tabId]);
    return [...stores].map(([id, tabIds]) => ({ id, tabIds }));
  }

  reset(): void {
    this.jar.clear();
    this.onChanged.clear();
    this.tabStores.clear();
    this.now = () => Date.now();
  }
}

function samePartition(a: PartitionKey | null | undefined, b: PartitionKey | undefined): boolean {
  return (a?.topLevelSite ?? '') === (b?.topLevelSite ?? '');
}
