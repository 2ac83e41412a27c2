import { describe, expect, it } from 'vitest';
import { collectPageCookies, cookiesOfPage } from '../../src/background/collect';
import { makeCookie } from '../helpers';

describe('which cookies a page uses', () => {
  const top = 'https://www.shop.example/cart/view';
  const jar = [
    makeCookie({ name: 'host', domain: 'www.shop.example' }),
    makeCookie({ name: 'parent', domain: '.shop.example', hostOnly: false }),
    makeCookie({ name: 'sibling', domain: 'api.shop.example' }),
    makeCookie({ name: 'deep', domain: 'www.shop.example', path: '/admin' }),
    makeCookie({ name: 'cart', domain: 'www.shop.example', path: '/cart' }),
    makeCookie({ name: 'tracker', domain: '.tracker.example', hostOnly: false }),
    makeCookie({ name: 'chips-here', domain: 'widget.example', partitionKey: { topLevelSite: 'https://shop.example' } }),
    makeCookie({ name: 'chips-elsewhere', domain: 'widget.example', partitionKey: { topLevelSite: 'https://news.example' } }),
  ];

  it('takes cookies whose domain and path cover the page, and the page partition', () => {
    expect(cookiesOfPage(jar, top, []).map((c) => c.name)).toEqual(['host', 'parent', 'cart', 'chips-here']);
  });

  it('adds cookies of frames and subresources when their URLs are given', () => {
    const names = cookiesOfPage(jar, top, ['https://api.shop.example/v1', 'https://px.tracker.example/p.gif']).map((c) => c.name);
    expect(names).toContain('sibling');
    expect(names).toContain('tracker');
    expect(names).not.toContain('chips-elsewhere');
  });

  it('ignores non-web URLs', () => {
    expect(cookiesOfPage(jar, top, ['data:text/plain,x', 'blob:https://x/y']).map((c) => c.name)).toHaveLength(4);
  });
});

describe('collecting a page’s cookies from the store', () => {
  it('asks per site and for the page partition, and keeps what the page uses', async () => {
    const { FakeCookies } = await import('../fake-browser/cookies');
    const store = new FakeCookies();
    for (const c of [
      makeCookie({ name: 'mine', domain: 'shop.example' }),
      makeCookie({ name: 'parent', domain: '.shop.example', hostOnly: false }),
      makeCookie({ name: 'unrelated', domain: 'news.example' }),
      makeCookie({ name: 'chips-here', domain: 'widget.example', partitionKey: { topLevelSite: 'https://shop.example', hasCrossSiteAncestor: true } }),
      makeCookie({ name: 'chips-there', domain: 'widget.example', partitionKey: { topLevelSite: 'https://news.example' } }),
      makeCookie({ name: 'other-store', domain: 'shop.example', storeId: '1' }),
    ])
      store.put(c);
    const names = (await collectPageCookies(store as unknown as Parameters<typeof collectPageCookies>[0], 'https://shop.example/', [], '0'))
      .map((c) => c.name)
      .sort();
    expect(names).toEqual(['chips-here', 'mine', 'parent']);
  });
});
