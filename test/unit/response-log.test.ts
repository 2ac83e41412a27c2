import { describe, expect, it } from 'vitest';
import { LOG_LIMITS, type ResponseDetails, ResponseLog } from '../../src/background/response-log';
import { FakeStorageArea } from '../fake-browser/storage';

const response = (over: Partial<ResponseDetails> & { url: string }, ...setCookies: string[]): ResponseDetails => ({
  tabId: 7,
  statusCode: 200,
  type: 'xmlhttprequest',
  frameId: 0,
  timeStamp: 1_764_590_400_000,
  responseHeaders: [{ name: 'content-type', value: 'text/html' }, ...setCookies.map((value) => ({ name: 'Set-Cookie', value }))],
  ...over,
});
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('the worker’s per-tab response log', () => {
  it('keeps a login’s POST, its 302 and the page it leads to, in order, with status and each Set-Cookie line', async () => {
    const log = new ResponseLog(new FakeStorageArea(), 5);
    log.observe(response({ url: 'https://app.example/login', type: 'main_frame' }, 'csrftoken=a; Path=/'));
    log.observe(response({ url: 'https://app.example/login', type: 'main_frame', statusCode: 302 }, 'sessionid=s; HttpOnly', 'csrftoken=b; Path=/'));
    log.observe(response({ url: 'https://app.example/account', type: 'main_frame' }));
    log.observe(response({ url: 'https://cdn.example/app.js?v=3', type: 'script' }));
    await settle();
    const tab = await log.forTab(7);
    expect(tab.responses.map((r) => [r.url, r.status, r.setCookies])).toEqual([
      ['https://app.example/login', 200, ['csrftoken=a; Path=/']],
      ['https://app.example/login', 302, ['sessionid=s; HttpOnly', 'csrftoken=b; Path=/']],
      ['https://app.example/account', 200, []],
    ]);
    // The current page starts at its redirect chain (the 302), and only its fetches count as its URLs.
    expect(tab.pageStart).toBe(1);
    expect(tab.urls).toEqual(['https://app.example/account', 'https://cdn.example/app.js']);
  });

  it('survives a worker restart (storage.session), forgets a closed tab, ignores requests of no tab', async () => {
    const area = new FakeStorageArea();
    const first = new ResponseLog(area, 5);
    first.observe(response({ url: 'https://tracker.example/p' }, 'uid=1; SameSite=None; Secure'));
    first.observe(response({ url: 'https://x.example/', tabId: -1 }, 'bg=1'));
    await settle();
    const second = new ResponseLog(area, 5);
    expect((await second.forTab(7)).responses.map((r) => r.setCookies)).toEqual([['uid=1; SameSite=None; Secure']]);
    expect(await second.forTab(-1)).toMatchObject({ responses: [] });
    await second.forget(7);
    expect(await new ResponseLog(area, 5).forTab(7)).toMatchObject({ responses: [], urls: [] });
  });

  it('reads header bytes as UTF-8, as the Network panel does', async () => {
    const log = new ResponseLog(new FakeStorageArea(), 5);
    const bytes = [...new TextEncoder().encode('msg=héllo wörld')];
    log.observe({ ...response({ url: 'https://a.example/' }), responseHeaders: [{ name: 'set-cookie', binaryValue: bytes }] });
    log.observe(response({ url: 'https://b.example/' }, String.fromCharCode(...bytes)));
    await settle();
    expect((await log.forTab(7)).responses.map((r) => r.setCookies[0])).toEqual(['msg=héllo wörld', 'msg=héllo wörld']);
  });

  it('is bounded: past 1,000 responses with cookies the oldest go, counted as dropped', async () => {
    const log = new ResponseLog(new FakeStorageArea(), 5);
    for (let i = 0; i < LOG_LIMITS.responses + 25; i++) log.observe(response({ url: `https://a.example/${i}` }, `c${i}=v`));
    await settle();
    const tab = await log.forTab(7);
    expect(tab.responses).toHaveLength(LOG_LIMITS.responses);
    expect(tab.dropped).toBe(25);
    expect(tab.responses[0].setCookies).toEqual(['c25=v']);
  });

  it('a write the session quota refuses sheds the oldest half, counts it, and the log goes on; other failures lose nothing', async () => {
    const area = new FakeStorageArea();
    let refuse: string | undefined;
    const flaky = {
      get: (k: string | string[]) => area.get(k),
      remove: (k: string | string[]) => area.remove(k),
      async set(items: Record<string, unknown>) {
        const message = refuse;
        refuse = undefined;
        if (message) throw new Error(message);
        return area.set(items);
      },
    };
    const log = new ResponseLog(flaky, 5);
    refuse = 'Session storage quota bytes exceeded. Values were not stored.';
    for (let i = 0; i < 10; i++) log.observe(response({ url: `https://a.example/${i}` }, `c${i}=v`));
    await settle();
    let tab = await new ResponseLog(area, 5).forTab(7);
    expect(tab.responses.map((r) => r.setCookies[0])).toEqual(['c5=v', 'c6=v', 'c7=v', 'c8=v', 'c9=v']);
    expect(tab.dropped).toBe(5);
    refuse = 'IO error: something went wrong';
    log.observe(response({ url: 'https://a.example/10' }, 'c10=v'));
    await new Promise((r) => setTimeout(r, 1100));
    tab = await new ResponseLog(area, 5).forTab(7);
    expect(tab.responses.map((r) => r.setCookies[0])).toEqual(['c5=v', 'c6=v', 'c7=v', 'c8=v', 'c9=v', 'c10=v']);
    expect(tab.dropped).toBe(5);
  });

  it('keeps only a few tabs in the worker’s memory; the others come back from storage.session intact', async () => {
    const area = new FakeStorageArea();
    const log = new ResponseLog(area, 5);
    for (let tab = 1; tab <= 12; tab++) log.observe(response({ tabId: tab, url: `https://t${tab}.example/` }, `c${tab}=v`));
    await settle();
    expect(log.resident).toBeLessThanOrEqual(4);
    for (let tab = 1; tab <= 12; tab++) expect((await log.forTab(tab)).responses.map((r) => r.setCookies[0])).toEqual([`c${tab}=v`]);
  });

  it('writes append-only: flushing after every response writes each record once, never the log again', async () => {
    const area = new FakeStorageArea();
    const writes = new Map<string, number>();
    const counting = {
      get: (k: string | string[] | null) => area.get(k),
      remove: (k: string | string[]) => area.remove(k),
      set(items: Record<string, unknown>) {
        for (const key of Object.keys(items)) writes.set(key, (writes.get(key) ?? 0) + 1);
        return area.set(items);
      },
    };
    const log = new ResponseLog(counting, 1);
    // One URL (with a query): the list of URLs the tab touched, written with the meta, has its own bound (1,000).
    for (let i = 0; i < 300; i++) {
      log.observe(response({ url: `https://a.example/api?n=${i}` }, `c${i}=${'v'.repeat(200)}`));
      await settle(3);
    }
    await settle();
    const logBytes = JSON.stringify((await log.forTab(7)).responses).length;
    const records = [...writes].filter(([key]) => /^responses:7:\d+$/.test(key));
    expect(records).toHaveLength(300);
    expect(records.filter(([, n]) => n !== 1)).toEqual([]);
    // Each flush adds the small meta: well under twice the log (rewriting chunks of 8 as they fill was ×5; the whole log each time ×150).
    expect(writes.get('responses:7')).toBeGreaterThan(100);
    expect(area.bytesWritten).toBeLessThan(1.6 * logBytes);
    expect((await new ResponseLog(area, 1).forTab(7)).responses).toHaveLength(300);
  });

  it('removes the items of dropped records, and counts a record whose write never landed', async () => {
    const area = new FakeStorageArea();
    const log = new ResponseLog(area, 5);
    for (let i = 0; i < LOG_LIMITS.responses + 30; i++) log.observe(response({ url: `https://a.example/${i}` }, `c${i}=v`));
    await settle();
    const keys = Object.keys(await area.get(null)).filter((k) => /^responses:7:\d+$/.test(k));
    expect(keys).toHaveLength(LOG_LIMITS.responses);
    expect(keys).not.toContain('responses:7:29');
    await area.remove('responses:7:500');
    const back = await new ResponseLog(area, 5).forTab(7);
    expect(back.responses).toHaveLength(LOG_LIMITS.responses - 1);
    expect(back.responses[0].setCookies).toEqual(['c30=v']);
    expect(back.responses.map((r) => r.setCookies[0])).not.toContain('c500=v');
    expect(back.responses[470].setCookies).toEqual(['c501=v']);
    expect(back.dropped).toBe(31);
    // The next flush numbers the log again without the gap: a later start reads it whole, no orphaned item.
    const again = new ResponseLog(area, 5);
    await again.forTab(7);
    again.observe(response({ url: 'https://a.example/next' }, 'next=v'));
    await settle();
    const last = await new ResponseLog(area, 5).forTab(7);
    expect(last.responses.map((r) => r.setCookies[0])).toEqual([...back.responses.map((r) => r.setCookies[0]), 'next=v']);
    expect(last.dropped).toBe(31);
    expect(Object.keys(await area.get(null)).filter((k) => /^responses:7:\d+$/.test(k))).toHaveLength(LOG_LIMITS.responses);
  });

  it('stores the page’s URLs append-only: a flush after each of 300 fetches writes what arrived, a restart reads them all, a new page’s list replaces them', async () => {
    const area = new FakeStorageArea();
    const log = new ResponseLog(area, 1);
    log.observe(response({ url: 'https://shop.example/', type: 'main_frame' }, 'sid=1'));
    const urls = ['https://shop.example/'];
    for (let i = 0; i < 300; i++) {
      const url = `https://cdn${i % 7}.example/asset/${i}/${'x'.repeat(60)}.js`;
      urls.push(url);
      log.observe(response({ url: `${url}?v=${i}`, type: 'script' }));
      // The same URL again adds nothing.
      log.observe(response({ url, type: 'script' }));
      await settle(3);
    }
    await settle();
    expect((await log.forTab(7)).urls).toEqual(urls);
    const listBytes = JSON.stringify(urls).length;
    // Rewriting the whole list with each flush writes ≈ 150 × the list; a chunk of 32 being filled, under ×20.
    expect(area.bytesWritten).toBeLessThan(20 * listBytes);
    expect(area.bytesWritten).toBeGreaterThan(listBytes);
    expect((await new ResponseLog(area, 1).forTab(7)).urls).toEqual(urls);

    // The next page: its URLs alone, the earlier page's chunks removed (all but the one it overwrites).
    const again = new ResponseLog(area, 1);
    again.observe(response({ url: 'https://shop.example/cart', type: 'main_frame' }));
    again.observe(response({ url: 'https://cdn0.example/cart.js', type: 'script' }));
    await settle();
    const tab = await new ResponseLog(area, 1).forTab(7);
    expect(tab.urls).toEqual(['https://shop.example/cart', 'https://cdn0.example/cart.js']);
    const urlKeys = Object.keys(await area.get(null)).filter((k) => /^responses:7:u/.test(k));
    expect(urlKeys).toEqual(['responses:7:u0']);
    await again.forget(7);
    expect(Object.keys(await area.get(null))).toEqual([]);
  });

  it('a new page that starts while the last page’s URLs are being written keeps its own list', async () => {
    const area = new FakeStorageArea();
    let release: () => void = () => undefined;
    let held = true;
    // The browser applies writes in the order they were asked for; only the first one's answer comes late.
    const slow = {
      get: (keys: string | string[]) => area.get(keys),
      remove: (keys: string | string[]) => area.remove(keys),
      async set(items: Record<string, unknown>) {
        await area.set(items);
        if (held) {
          held = false;
          await new Promise<void>((r) => {
            release = r;
          });
        }
      },
    };
    const log = new ResponseLog(slow, 1);
    log.observe(response({ url: 'https://a.example/', type: 'main_frame' }));
    for (let i = 0; i < 40; i++) log.observe(response({ url: `https://a.example/${i}.js`, type: 'script' }));
    await settle();
    // The first write (41 URLs) has not answered; meanwhile the tab goes to another page, which is written.
    log.observe(response({ url: 'https://b.example/', type: 'main_frame' }));
    log.observe(response({ url: 'https://b.example/b.js', type: 'script' }));
    await settle();
    release();
    await settle();
    log.observe(response({ url: 'https://b.example/late.js', type: 'script' }));
    await settle();
    expect((await new ResponseLog(area, 1).forTab(7)).urls).toEqual(['https://b.example/', 'https://b.example/b.js', 'https://b.example/late.js']);
  });

  it('a view hears of new responses within 100 ms and reads them before they are written; the write follows within 500 ms', async () => {
    const area = new FakeStorageArea();
    const heard: number[] = [];
    const log = new ResponseLog(area, 500, (tabId) => heard.push(tabId), 100);
    log.observe(response({ url: 'https://app.example/', type: 'main_frame' }, 'sid=1; HttpOnly'));
    log.observe(response({ url: 'https://app.example/api' }, 'pref=dark'));
    await settle(150);
    expect(heard).toEqual([7]);
    expect((await log.forTab(7)).responses.map((r) => r.setCookies[0])).toEqual(['sid=1; HttpOnly', 'pref=dark']);
    expect((await new ResponseLog(area, 5).forTab(7)).responses).toEqual([]);
    await settle(450);
    expect((await new ResponseLog(area, 5).forTab(7)).responses.map((r) => r.setCookies[0])).toEqual(['sid=1; HttpOnly', 'pref=dark']);
  });
});
