// Every difference between the browsers Cookie Lens runs in, in one object picked once per context. Code
// elsewhere asks the platform (`platform().defaultStoreId`) instead of checking which browser it is in; a
// static test fails when a browser check appears outside this file. Each quirk links what documents it.
// (One difference needs no switch: Firefox reports every removal with cause `explicit` — an overwrite is a
// removal and an add, https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/cookies/onChanged —
// so core/timeline-view.ts tells overwrites and expiries apart by what follows, in any browser.)
import browser from 'webextension-polyfill';
import { CHROME_LIMITS, type CookieLimits, FIREFOX_LIMITS } from './core/cookie-check';

export interface Platform {
  name: 'chrome' | 'firefox';
  /**
   * The store of a normal window: Chrome `"0"`, Firefox `"firefox-default"`
   * (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/cookies/CookieStore).
   */
  defaultStoreId: string;
  /** The store of private (incognito) windows: Chrome `"1"`, Firefox `"firefox-private"`. */
  privateStoreId: string;
  /** How many cookies the browser keeps per site and in all, past which it evicts (import checks against it). */
  limits: CookieLimits;
  /**
   * Extra `cookies.getAll` filter: with first-party isolation on, Firefox's getAll throws unless told to
   * return every first-party domain (`firstPartyDomain: null`,
   * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/cookies#first-party_isolation);
   * Chrome rejects the unknown key, so it gets nothing.
   */
  allFirstParties: { firstPartyDomain?: null };
  /**
   * The cookie's first-party domain for a write or remove: Firefox needs it back (with isolation on, calls
   * without it throw); Chrome rejects the key, even from an imported Firefox export.
   */
  firstPartyOf(c: { firstPartyDomain?: string }): { firstPartyDomain?: string };
  /**
   * Whether a refused write should be tried again with a first-party domain: Firefox with isolation on
   * refuses a new cookie that has none ("First-Party Isolation is enabled, but the required
   * 'firstPartyDomain' attribute was not set", same MDN page).
   */
  needsFirstPartyDomain(error: string): boolean;
  /**
   * webRequest.onHeadersReceived options to see Set-Cookie: Chrome hides it unless `extraHeaders` is asked for
   * (https://developer.chrome.com/docs/extensions/reference/api/webRequest#life-cycle_of_requests); Firefox
   * gives it in `responseHeaders` and has no such option.
   */
  responseHeaderOptions: string[];
  /**
   * tabs.onUpdated filter for the changes the worker acts on (a load starting, the URL, the load done):
   * Firefox wakes the worker only for those (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/tabs/onUpdated#extraparameters);
   * only Firefox desktop has it (https://github.com/mdn/content/pull/44592), so Chrome gets none and hears every title
   * and icon change.
   */
  tabUpdateFilter?: { properties: ('status' | 'url')[] };
}

export const CHROME: Platform = {
  name: 'chrome',
  defaultStoreId: '0',
  privateStoreId: '1',
  limits: CHROME_LIMITS,
  allFirstParties: {},
  firstPartyOf: () => ({}),
  needsFirstPartyDomain: () => false,
  responseHeaderOptions: ['responseHeaders', 'extraHeaders'],
};

export const FIREFOX: Platform = {
  name: 'firefox',
  defaultStoreId: 'firefox-default',
  privateStoreId: 'firefox-private',
  limits: FIREFOX_LIMITS,
  allFirstParties: { firstPartyDomain: null },
  firstPartyOf: (c) => (c.firstPartyDomain !== undefined ? { firstPartyDomain: c.firstPartyDomain } : {}),
  needsFirstPartyDomain: (error) => /First-Party Isolation/i.test(error),
  responseHeaderOptions: ['responseHeaders'],
  tabUpdateFilter: { properties: ['status', 'url'] },
};

let picked: Platform | undefined;

/** The browser this context runs in, by its extension URL scheme (moz-extension: is Firefox). */
export function platform(): Platform {
  picked ??= browser.runtime.getURL('').startsWith('moz-extension:') ? FIREFOX : CHROME;
  return picked;
}

/** How a cookie store is named to users: its container, a private window, or the store id. */
export function storeLabel(storeId: string | undefined, container?: { name: string }): string {
  if (container) return `Container “${container.name}”`;
  if (storeId === platform().privateStoreId) return 'Private window (incognito)';
  if (storeId === undefined || storeId === platform().defaultStoreId) return 'Default store';
  return `Store ${storeId}`;
}
