import { describe, expect, it } from 'vitest';
import { StoreIndex } from '../../src/background/store-index';
import type { Cookie } from '../../src/core/cookie';
import { makeCookie } from '../helpers';

/** A cookies API with a store behind it and a count of full reads. */
function api(initial: Cookie[]) {
  const store = [...initial];
  let reads = 0;
  let gate: Promise<void> = Promise.resolve();
  return {
    store,
    get reads() {
      return reads;
    },
    hold(p: Promise<void>) {
      gate = p;
    },
    cookies: {
      getAll: async () => {
        reads++;
        const snapshot = [...store];
        await gate;
        return snapshot;
      },
    } as never,
  };
}

describe('the store index', () => {
  it('reads the store once, then answers per site from the index, kept current by the change events', async () => {
    const a = api([makeCookie({ name: 'sid', domain: 'shop.example' }), makeCookie({ name: 'n', domain: 'news.example' })]);
    const index = new StoreIndex(a.cookies);
    expect((await index.cookiesFor('0', ['shop.example'])).map((c) => c.name)).toEqual(['sid']);
    index.changed({ removed: false, cookie: makeCookie({ name: 'cart', domain: '.shop.example', hostOnly: false }) });
    index.changed({ removed: false, cookie: makeCookie({ name: 'w', domain: 'widget.example', partitionKey: { topLevelSite: 'https://shop.example' } }) });
    index.changed({ removed: true, cookie: makeCookie({ name: 'sid', domain: 'shop.example' }) });
    const names = (await index.cookiesFor('0', ['shop.example'], 'https://shop.example')).map((c) => c.name).sort();
    expect(names).toEqual(['cart', 'w']);
    expect((await index.cookiesFor('0', ['news.example'])).map((c) => c.name)).toEqual(['n']);
    expect(a.reads).toBe(1);
  });

  it('a removal of an older state does not remove the newer one; expired cookies are not served', async () => {
    const a = api([]);
    const index = new StoreIndex(a.cookies, () => 10_000_000);
    await index.cookiesFor('0', []);
    index.changed({ removed: false, cookie: makeCookie({ name: 'k', value: 'new' }) });
    index.changed({ removed: true, cookie: makeCookie({ name: 'k', value: 'old' }) });
    index.changed({ removed: false, cookie: makeCookie({ name: 'gone', session: false, expirationDate: 9_000 }) });
    expect((await index.cookiesFor('0', ['shop.example'])).map((c) => `${c.name}=${c.value}`)).toEqual(['k=new']);
  });

  it('changes that arrive while the store is being read are applied after the read', async () => {
    const a = api([makeCookie({ name: 'first', value: '1' })]);
    let release: () => void = () => undefined;
    a.hold(
      new Promise<void>((r) => {
        release = r;
      }),
    );
    const index = new StoreIndex(a.cookies);
    const pending = index.cookiesFor('0', ['shop.example']);
    index.changed({ removed: true, cookie: makeCookie({ name: 'first', value: '1' }) });
    index.changed({ removed: false, cookie: makeCookie({ name: 'first', value: '2' }) });
    release();
    expect((await pending).map((c) => `${c.name}=${c.value}`)).toEqual(['first=2']);
  });
});
