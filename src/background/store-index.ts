import type browser from 'webextension-polyfill';
import { type Cookie, cookieHost, refKey } from '../core/cookie';
import { hostOf, siteOf } from '../core/site';
import { sameState } from '../core/timeline-codec';
import { getAll } from './read-cookies';

type CookiesApi = Pick<typeof browser.cookies, 'getAll'>;

interface StoreCookies {
  /** Unpartitioned cookies by the site of their domain. */
  bySite: Map<string, Map<string, Cookie>>;
  /** Partitioned cookies by the site of their top-level site. */
  byPartition: Map<string, Map<string, Cookie>>;
  loadedAt: number;
}

/** How long an index serves before it is read again from the browser, in case an event went missing. */
const REFRESH_MS = 5 * 60_000;

const siteOfCookie = (c: Cookie) => siteOf(cookieHost(c));

/**
 * The browser's cookie stores, indexed by site in the worker: one full read per store, then kept current
 * by cookies.onChanged, so a report reads the few cookies of its page's sites instead of asking the browser
 * to scan its whole store (measured 22 → 48 ms for the popup once the store is full; an index look-up is
 * under a millisecond). Each store is read on first use and again every REFRESH_MS.
 */
export class StoreIndex {
  private readonly stores = new Map<string, Promise<StoreCookies>>();
  private readonly loaded = new Map<string, StoreCookies>();
  /** Changes received while a store is being read, applied once it is. */
  private readonly early = new Map<string, { removed: boolean; cookie: Cookie }[]>();

  constructor(
    private readonly cookies: CookiesApi,
    private readonly now = () => Date.now(),
  ) {}

  changed(info: { removed: boolean; cookie: Cookie }): void {
    const id = info.cookie.storeId ?? '0';
    const early = this.early.get(id);
    if (early) early.push(info);
    else {
      const store = this.loaded.get(id);
      if (store) apply(store, info);
    }
  }

  /** The cookies of these sites in the store, and those partitioned under the top-level site. */
  async cookiesFor(storeId: string, sites: readonly string[], topLevelSite?: string): Promise<Cookie[]> {
    const store = await this.load(storeId);
    const now = this.now() / 1000;
    const out: Cookie[] = [];
    const live = (c: Cookie) => c.expirationDate === undefined || c.expirationDate > now;
    for (const site of new Set(sites)) for (const c of store.bySite.get(site)?.values() ?? []) if (live(c)) out.push(c);
    if (topLevelSite) for (const c of store.byPartition.get(siteOf(hostOf(topLevelSite)))?.values() ?? []) if (live(c)) out.push(c);
    return out;
  }

  /** Every cookie of the store. */
  async all(storeId: string): Promise<Cookie[]> {
    const store = await this.load(storeId);
    return [...store.bySite.values(), ...store.byPartition.values()].flatMap((m) => [...m.values()]);
  }

  private load(storeId: string): Promise<StoreCookies> {
    const had = this.stores.get(storeId);
    const ready = this.loaded.get(storeId);
    if (had && !(ready && this.now() - ready.loadedAt > REFRESH_MS)) return had;
    this.early.set(storeId, []);
    const loading = this.read(storeId).then(
      (cookies) => {
        const store: StoreCookies = { bySite: new Map(), byPartition: new Map(), loadedAt: this.now() };
        for (const c of cookies) apply(store, { removed: false, cookie: c });
        for (const info of this.early.get(storeId) ?? []) apply(store, info);
        this.early.delete(storeId);
        this.loaded.set(storeId, store);
        return store;
      },
      (error: unknown) => {
        this.early.delete(storeId);
        this.stores.delete(storeId);
        this.loaded.delete(storeId);
        throw error;
      },
    );
    this.stores.set(storeId, loading);
    return loading;
  }

  private read(storeId: string): Promise<Cookie[]> {
    return getAll(this.cookies, { storeId, partitionKey: {} });
  }
}

/** Applies a change; a removal only removes the cookie in the state it names (the index may hold a newer one). */
function apply(store: StoreCookies, { removed, cookie }: { removed: boolean; cookie: Cookie }): void {
  const top = cookie.partitionKey?.topLevelSite;
  const map = top ? store.byPartition : store.bySite;
  const site = top ? siteOf(hostOf(top)) : siteOfCookie(cookie);
  const key = refKey(cookie);
  let cookies = map.get(site);
  if (removed) {
    const held = cookies?.get(key);
    if (held && sameState(held, cookie)) cookies?.delete(key);
    return;
  }
  if (!cookies) {
    cookies = new Map();
    map.set(site, cookies);
  }
  cookies.set(key, cookie);
}
