import browser from 'webextension-polyfill';
import type { Cookie } from '../core/cookie';
import { allFirstParties } from './platform';

/** Every cookie of every cookie store (normal, incognito, containers), partitioned ones included. */
export async function allStoreCookies(): Promise<Cookie[]> {
  const stores = await browser.cookies.getAllCookieStores();
  const extra = allFirstParties();
  const batches = await Promise.all(
    stores.map((s) =>
      browser.cookies
        .getAll({ storeId: s.id, partitionKey: {}, ...extra } as Parameters<typeof browser.cookies.getAll>[0])
        .catch(() => browser.cookies.getAll({ storeId: s.id, ...extra } as Parameters<typeof browser.cookies.getAll>[0])),
    ),
  );
  return batches.flat() as Cookie[];
}
