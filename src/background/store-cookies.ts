import browser from 'webextension-polyfill';
import type { Cookie } from '../core/cookie';

/** Every cookie of every cookie store (normal, incognito, containers), partitioned ones included. */
export async function allStoreCookies(): Promise<Cookie[]> {
  const stores = await browser.cookies.getAllCookieStores();
  const batches = await Promise.all(
    stores.map((s) => browser.cookies.getAll({ storeId: s.id, partitionKey: {} }).catch(() => browser.cookies.getAll({ storeId: s.id }))),
  );
  return batches.flat() as Cookie[];
}
