import browser from 'webextension-polyfill';
import type { ContainerInfo } from '../core/analyzed';

/**
 * Firefox containers by cookie store id. Empty where there are none: Chromium has no
 * contextualIdentities API, and Firefox throws when containers are turned off.
 */
export async function containersByStore(): Promise<Map<string, ContainerInfo>> {
  const api = (browser as unknown as { contextualIdentities?: typeof browser.contextualIdentities }).contextualIdentities;
  if (!api) return new Map();
  try {
    const identities = await api.query({});
    return new Map(identities.map((i) => [i.cookieStoreId, { name: i.name, color: i.color, colorCode: i.colorCode }]));
  } catch {
    return new Map();
  }
}
