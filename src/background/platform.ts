import browser from 'webextension-polyfill';

/** Firefox (moz-extension:) rather than Chromium: decides the few API calls that differ. */
export function isFirefox(): boolean {
  return browser.runtime.getURL('').startsWith('moz-extension:');
}

/**
 * Extra getAll filter Firefox needs: with first-party isolation on, getAll throws unless it is told to
 * return cookies of every first-party domain. Chromium rejects the unknown key, so it is added for Firefox only.
 */
export function allFirstParties(): { firstPartyDomain?: null } {
  return isFirefox() ? { firstPartyDomain: null } : {};
}

/**
 * The cookie's first-party domain for a write or remove: Firefox needs it back (with first-party
 * isolation on, calls without it throw); Chromium rejects the key, even from an imported Firefox export.
 */
export function firstPartyOf(c: { firstPartyDomain?: string }): { firstPartyDomain?: string } {
  return isFirefox() && c.firstPartyDomain !== undefined ? { firstPartyDomain: c.firstPartyDomain } : {};
}
