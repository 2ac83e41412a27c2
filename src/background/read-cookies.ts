import type browser from 'webextension-polyfill';
import type { Cookie } from '../core/cookie';
import { platform } from '../platform';

type Query = Parameters<typeof browser.cookies.getAll>[0];

/**
 * cookies.getAll with every first-party domain (Firefox's isolation) and, where the query asks for
 * partitioned cookies, without that filter again in browsers that have no CHIPS and reject it.
 */
export async function getAll(cookies: Pick<typeof browser.cookies, 'getAll'>, q: Query): Promise<Cookie[]> {
  const query = { ...q, ...platform().allFirstParties } as Query;
  try {
    return (await cookies.getAll(query)) as Cookie[];
  } catch {
    // Browsers without CHIPS support reject the partitionKey filter: ask again without it.
    const { partitionKey: _, ...rest } = query as Query & { partitionKey?: unknown };
    return (await cookies.getAll(rest)) as Cookie[];
  }
}
