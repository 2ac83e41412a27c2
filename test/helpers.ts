import type { Cookie } from '../src/core/cookie';

/** A first-party, persistent-by-choice cookie with safe defaults; tests override what they are about. */
export function makeCookie(overrides: Partial<Cookie> = {}): Cookie {
  return {
    name: 'c',
    value: 'v',
    domain: 'shop.example',
    hostOnly: true,
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
    session: true,
    storeId: '0',
    ...overrides,
  };
}

export const PAGE = 'https://shop.example/';

/** Two Firefox containers as contextualIdentities.query describes them, for the fake's asFirefox(). */
export const WORK = { cookieStoreId: 'firefox-container-1', name: 'Work', color: 'blue', colorCode: '#37adff', icon: 'briefcase' };
export const BANK = { cookieStoreId: 'firefox-container-2', name: 'Banking', color: 'green', colorCode: '#51cd00', icon: 'dollar' };
