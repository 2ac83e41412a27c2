import browser from 'webextension-polyfill';
import type { Cookie } from '../core/cookie';
import { getAll } from './read-cookies';

/** Every cookie of every cookie store (normal, incognito, containers), partitioned ones included. */
export async function allStoreCookies(): Promise<Cookie[]> {
  const stores = await browser.cookies.getAllCookieStores();
  const batches = await Promise.all(stores.map((s) => getAll(browser.cookies, { storeId: s.id, partitionKey: {} })));
  return batches.flat();
}
