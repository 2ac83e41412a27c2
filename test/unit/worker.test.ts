import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Fake from '../fake-browser/index';
import { makeCookie } from '../helpers';

type FakeModule = typeof Fake;

/** Loads a fresh worker against a fresh fake browser, as the browser would start it. */
async function startWorker(): Promise<FakeModule & { messages: typeof import('../../src/messages') }> {
  vi.resetModules();
  const fake = (await import('webextension-polyfill')) as unknown as FakeModule;
  fake.resetBrowser();
  await import('../../src/background/worker');
  const messages = await import('../../src/messages');
  return { ...fake, messages };
}

describe('background worker', () => {
  let env: Awaited<ReturnType<typeof startWorker>>;
  beforeEach(async () => {
    env = await startWorker();
  });

  it('records every cookies.onChanged event in the timeline, overwrite pairs included', async () => {
    const { fakeBrowser, messages } = env;
    await fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: '1' });
    await fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: '2' });
    await fakeBrowser.cookies.remove({ url: 'https://shop.example/', name: 'sid' });
    const page = await messages.request('getTimeline', {});
    expect(page.entries.map((e) => [e.cause, e.removed, e.cookie.value])).toEqual([
      ['explicit', false, '1'],
      ['overwrite', true, '1'],
      ['explicit', false, '2'],
      ['explicit', true, '2'],
    ]);
    expect(page.entries.every((e) => typeof e.time === 'number')).toBe(true);
  });

  it('reports the cookies of every host the tab fetched and which response set each, from its own webRequest log', async () => {
    const { fakeBrowser, fake, messages } = env;
    fake.addTab({ id: 3, url: 'https://shop.example/' });
    await fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: true });
    await fakeBrowser.cookies.set({ url: 'https://tracker.example/', name: 'uid', value: 'x1', secure: true, sameSite: 'no_restriction' });
    const seen = (url: string, type: string, ...setCookies: string[]) =>
      fakeBrowser.webRequest.onHeadersReceived.trigger({
        tabId: 3,
        url,
        type,
        statusCode: 200,
        frameId: type === 'main_frame' ? 0 : 4,
        timeStamp: Date.now(),
        responseHeaders: setCookies.map((value) => ({ name: 'set-cookie', value })),
      });
    const before = await messages.request('getReport', { tabId: 3 });
    expect(before.report?.cookies.map((c) => c.name)).toEqual(['sid']);
    seen('https://shop.example/', 'main_frame', 'sid=n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z; Secure');
    seen('https://tracker.example/frame', 'sub_frame', 'uid=x1; SameSite=None; Secure');
    await vi.waitFor(async () => {
      const page = await messages.request('getReport', { tabId: 3 });
      expect(page.report?.cookies.map((c) => [c.name, c.setBy?.url])).toEqual([
        ['sid', 'https://shop.example/'],
        ['uid', 'https://tracker.example/frame'],
      ]);
    });
    // The tab closes: its log goes with it.
    fakeBrowser.tabs.onRemoved.trigger(3, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(await fakeBrowser.storage.session.get('responses:3')).toEqual({}));
  });

  it("judges only the current page's responses; an earlier page's still says which response set a cookie", async () => {
    const { fakeBrowser, fake, messages } = env;
    fake.addTab({ id: 5, url: 'https://shop.example/account' });
    await fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'lang', value: 'en', secure: true });
    const seen = (url: string, ...setCookies: string[]) =>
      fakeBrowser.webRequest.onHeadersReceived.trigger({
        tabId: 5,
        url,
        type: 'main_frame',
        statusCode: 200,
        frameId: 0,
        timeStamp: Date.now(),
        responseHeaders: setCookies.map((value) => ({ name: 'set-cookie', value })),
      });
    seen('https://shop.example/', 'lang=en; Secure', 'bad=1; SameSite=None');
    seen('https://shop.example/account');
    await vi.waitFor(async () => {
      const page = await messages.request('getReport', { tabId: 5 });
      expect(page.report?.cookies.map((c) => [c.name, c.setBy?.url])).toEqual([['lang', 'https://shop.example/']]);
      // The rejected header belongs to the first page, not to this one.
      expect(page.report?.rejected).toEqual([]);
    });
  });

  it('keeps the timeline across a worker restart and goes on recording', async () => {
    await env.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'a', value: '1' });
    await env.messages.request('getTimeline', {});
    const stored = new Map(env.fakeBrowser.storage.local.data);
    const jar = new Map(env.fakeBrowser.cookies.jar);

    // A new worker instance: fresh module state, the same storage.
    vi.resetModules();
    const fake = (await import('webextension-polyfill')) as unknown as FakeModule;
    fake.resetBrowser();
    for (const [k, v] of stored) fake.fakeBrowser.storage.local.data.set(k, v);
    for (const [k, v] of jar) fake.fakeBrowser.cookies.jar.set(k, v);
    await import('../../src/background/worker');
    const messages = await import('../../src/messages');
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'b', value: '2' });
    const page = await messages.request('getTimeline', {});
    expect(page.entries.map((e) => [e.seq, e.cookie.name])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
  });

  it('answers getReport for a tab with the cookies its page uses, analysed', async () => {
    const { fakeBrowser, fake, messages } = env;
    fake.addTab({ id: 7, url: 'https://shop.example/cart' });
    await fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', sameSite: 'lax' });
    await fakeBrowser.cookies.set({ url: 'https://other.example/', name: 'elsewhere', value: 'y' });
    const page = await messages.request('getReport', { tabId: 7 });
    expect(page.site).toBe('shop.example');
    expect(page.report?.cookies.map((c) => [c.name, c.role, c.sessionStorage, c.framework])).toEqual([['sessionid', 'session', 'server', 'Django']]);
    expect(page.report?.findings.map((f) => f.rule).sort()).toEqual(['default-session-name', 'missing-httponly', 'missing-secure']);
  });

  it('says why a browser page has no cookies instead of failing', async () => {
    env.fake.addTab({ id: 3, url: 'chrome://settings/' });
    const page = await env.messages.request('getReport', { tabId: 3 });
    expect(page.report).toBeUndefined();
    expect(page.unsupported).toMatch(/chrome: page/);
  });

  it('passes a handler error back to the caller as a clear message', async () => {
    await expect(env.messages.request('getReport', { tabId: 999 })).rejects.toThrow(/No tab with id: 999/);
  });

  it('sets the badge to the count of high and medium findings of the active tab, live', async () => {
    const { fakeBrowser, fake } = env;
    fake.addTab({ id: 5, url: 'https://shop.example/' });
    fakeBrowser.tabs.onActivated.trigger({ tabId: 5, windowId: 1 });
    await vi.waitFor(() => expect(fake.badge(5)?.text).toBe(''), { timeout: 2000 });
    await fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'PHPSESSID', value: 'abc' });
    // missing-secure and low-entropy-session-id (high), missing-httponly and samesite-missing (medium)
    await vi.waitFor(() => expect(fake.badge(5)?.text).toBe('4'), { timeout: 2000 });
    expect(fake.badge(5)?.color).toBe('#c5221f');
  });

  it('the badge counts the web storage findings a view last read for the page; a navigation forgets them', async () => {
    const { fakeBrowser, fake, messages } = env;
    fake.addTab({ id: 6, url: 'https://spa.example/' });
    fakeBrowser.tabs.onActivated.trigger({ tabId: 6, windowId: 1 });
    await vi.waitFor(() => expect(fake.badge(6)?.title).toMatch(/0 high\/medium findings$/), { timeout: 2000 });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'HS256' })}.${b64({ sub: 'ada' })}.c2ln`;
    // What the DevTools panel read through inspectedWindow.eval, sent with its report request.
    const page = await messages.request('getReport', {
      tabId: 6,
      storage: [{ frameUrl: 'https://spa.example/', origin: 'https://spa.example', local: [['access_token', jwt, jwt.length]], session: [] }],
    });
    expect(page.report?.findings.map((f) => f.rule)).toEqual(['token-in-web-storage']);
    fakeBrowser.tabs.onActivated.trigger({ tabId: 6, windowId: 1 });
    await vi.waitFor(() => expect(fake.badge(6)?.text).toBe('1'), { timeout: 2000 });
    expect(fake.badge(6)?.title).toContain('(web storage as the popup or panel last read it)');
    fakeBrowser.tabs.onUpdated.trigger(6, { status: 'loading' }, { id: 6, url: 'https://spa.example/', active: true, windowId: 1 });
    fakeBrowser.tabs.onUpdated.trigger(6, { status: 'complete' }, { id: 6, url: 'https://spa.example/', active: true, windowId: 1 });
    await vi.waitFor(() => expect(fake.badge(6)?.text).toBe(''), { timeout: 2000 });
  });

  it('emits timelineAppended to open pages after each write', async () => {
    const seen: unknown[] = [];
    env.messages.onEvent('timelineAppended', (e) => seen.push(e));
    await env.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'a', value: '1' });
    await env.fakeBrowser.cookies.set({ url: 'https://app.shop.example/', name: 'b', value: '1', domain: 'shop.example' });
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([{ firstSeq: 0, nextSeq: 2, dropped: 0, domains: ['shop.example', '.shop.example'], sites: ['shop.example'] }]);
  });
});

describe('badge scheduling', () => {
  it('refreshes once for a burst of changes and ignores sites no active tab shows', async () => {
    vi.resetModules();
    const fake = (await import('webextension-polyfill')) as unknown as FakeModule;
    fake.resetBrowser();
    const { BadgeScheduler } = await import('../../src/background/badge');
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    // Each refresh asks once which tabs are active (an unchanged badge is not sent again, so count those).
    const texts: string[] = [];
    const query = fake.fakeBrowser.tabs.query.bind(fake.fakeBrowser.tabs);
    vi.spyOn(fake.fakeBrowser.tabs, 'query').mockImplementation(async (q) => {
      texts.push('refresh');
      return query(q);
    });
    const scheduler = new BadgeScheduler({ delay: 30 });
    scheduler.tabChanged(1);
    await vi.waitFor(() => expect(texts).toHaveLength(1), { timeout: 10_000 });
    const cookie = (name: string, domain: string) => makeCookie({ name, domain });
    for (let i = 0; i < 50; i++) scheduler.cookieChanged(cookie(`c${i}`, 'shop.example'));
    // A slow first refresh (a loaded machine) stretches the wait before the next one: allow for it.
    await vi.waitFor(() => expect(texts).toHaveLength(2), { timeout: 10_000 });
    scheduler.cookieChanged(cookie('elsewhere', 'news.example'));
    await new Promise((r) => setTimeout(r, 100));
    expect(texts).toHaveLength(2);
    vi.restoreAllMocks();
  });

  it('waits longer after a slow refresh, so a cookie storm is not slowed by its own badge, and not after a quiet spell', async () => {
    vi.resetModules();
    const fake = (await import('webextension-polyfill')) as unknown as FakeModule;
    fake.resetBrowser();
    const { BadgeScheduler } = await import('../../src/background/badge');
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const times: number[] = [];
    const query = fake.fakeBrowser.tabs.query.bind(fake.fakeBrowser.tabs);
    vi.spyOn(fake.fakeBrowser.tabs, 'query').mockImplementation(async (q) => {
      times.push(performance.now());
      return query(q);
    });
    // A clock on which every refresh seems to take 60 ms: at most 5 % of the time → about 1.2 s between refreshes.
    let slow = 0;
    const clock = () => {
      slow += 60;
      return performance.now() + slow;
    };
    const scheduler = new BadgeScheduler({ delay: 20, maxShare: 0.05, maxDelay: 5000, clock });
    scheduler.tabChanged(1);
    await vi.waitFor(() => expect(times).toHaveLength(1));
    scheduler.tabChanged(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(times).toHaveLength(1);
    await vi.waitFor(() => expect(times).toHaveLength(2), { timeout: 3000 });
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(800);
    // After a quiet spell longer than the gap, a change shows after the short delay again.
    await new Promise((r) => setTimeout(r, 1400));
    const quiet = performance.now();
    scheduler.tabChanged(1);
    await vi.waitFor(() => expect(times).toHaveLength(3), { timeout: 2000 });
    expect(times[2] - quiet).toBeLessThan(300);
    vi.restoreAllMocks();
  });

  it('sends a badge only when it differs from what the button shows, and again after the tab navigates', async () => {
    vi.resetModules();
    const fake = (await import('webextension-polyfill')) as unknown as FakeModule;
    fake.resetBrowser();
    const { refreshBadge, forgetBadge } = await import('../../src/background/badge');
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    fake.fakeBrowser.cookies.put(makeCookie({ name: 'sessionid', value: 'a'.repeat(32), domain: 'shop.example', secure: false, httpOnly: false }));
    const sent: string[] = [];
    const setBadgeText = fake.fakeBrowser.action.setBadgeText;
    fake.fakeBrowser.action.setBadgeText = async (d) => {
      sent.push(d.text);
      return setBadgeText(d);
    };
    await refreshBadge(1);
    await refreshBadge(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toBe('');
    // A second cookie changes the button's title (the cookie count): sent.
    fake.fakeBrowser.cookies.put(makeCookie({ name: 'token', value: 'b'.repeat(32), domain: 'shop.example', secure: false, httpOnly: false }));
    await refreshBadge(1);
    expect(sent).toHaveLength(2);
    // The tab navigated (the browser may have reset its button): the same badge is sent again.
    forgetBadge(1);
    await refreshBadge(1);
    expect(sent).toHaveLength(3);
    fake.fakeBrowser.action.setBadgeText = setBadgeText;
  });
});

describe('editing cookies through the worker', () => {
  let env: Awaited<ReturnType<typeof startWorker>>;
  beforeEach(async () => {
    env = await startWorker();
  });
  const write = (name: string, over: Record<string, unknown> = {}) => ({
    name,
    value: 'v',
    domain: 'shop.example',
    hostOnly: true,
    path: '/',
    secure: true,
    httpOnly: false,
    sameSite: 'lax' as const,
    ...over,
  });

  it('writes, then deletes and returns what it deleted (for undo)', async () => {
    const { messages, fakeBrowser } = env;
    const r = await messages.request('setCookies', { cookies: [write('a'), write('b', { hostOnly: false, domain: '.shop.example' })] });
    expect(r.errors).toEqual([]);
    expect(r.written.map((c) => [c.name, c.domain, c.hostOnly])).toEqual([
      ['a', 'shop.example', true],
      ['b', '.shop.example', false],
    ]);
    const { removed } = await messages.request('removeCookies', { cookies: r.written });
    expect(removed.map((c) => c.name)).toEqual(['a', 'b']);
    expect(fakeBrowser.cookies.jar.size).toBe(0);
    // Undo: write them back exactly.
    await messages.request('restoreCookies', { cookies: removed });
    expect([...fakeBrowser.cookies.jar.values()].map((c) => c.name).sort()).toEqual(['a', 'b']);
  });

  it('an import with a cookie the browser would refuse is stopped before anything is written, naming the cause', async () => {
    const { messages, fakeBrowser } = env;
    await messages.request('setCookies', { cookies: [write('keep', { value: 'original' })] });
    const r = await messages.request('importCookies', {
      id: 'i1',
      cookies: [write('keep', { value: 'overwritten' }), write('new'), write('bad', { sameSite: 'no_restriction', secure: false }), write('', { value: '' })],
    });
    expect(r.problems).toEqual([
      '3. "bad" (shop.example/): SameSite=None requires the Secure attribute.',
      '4. "(nameless)" (shop.example/): A cookie needs a name or a value.',
    ]);
    expect(r.written).toBe(0);
    expect([...fakeBrowser.cookies.jar.values()].map((c) => [c.name, c.value])).toEqual([['keep', 'original']]);
  });

  it('an import over the per-site limit is refused before writing, with the limit and the site', async () => {
    const { messages, fakeBrowser } = env;
    for (let i = 0; i < 150; i++) fakeBrowser.cookies.put(makeCookie({ name: `x${i}`, domain: 'app.shop.example' }));
    const r = await messages.request('importCookies', { id: 'i2', cookies: Array.from({ length: 31 }, (_, i) => write(`c${i}`)) });
    expect(r.problems).toEqual(['shop.example would have 181 cookies (31 imported); Chrome keeps at most 180 per site, then cuts the site back to 150.']);
    expect(fakeBrowser.cookies.jar.size).toBe(150);
  });

  it('a write the browser refuses rolls the import back, restoring what it overwrote — but not what the page changed meanwhile', async () => {
    const { messages, fakeBrowser } = env;
    await messages.request('setCookies', { cookies: [write('keep', { value: 'original' }), write('mine', { value: 'original' })] });
    const set = fakeBrowser.cookies.set.bind(fakeBrowser.cookies);
    vi.spyOn(fakeBrowser.cookies, 'set').mockImplementation(async (d) => {
      // While the import runs, the page sets "keep" again.
      if (d.name === 'trigger') fakeBrowser.cookies.put(makeCookie({ name: 'keep', value: 'from-the-page', httpOnly: false }));
      if (d.name === 'bad') throw new Error('Failed to parse or set cookie named "bad".');
      return set(d);
    });
    const r = await messages.request('importCookies', {
      id: 'i3',
      cookies: [write('keep', { value: 'import' }), write('mine', { value: 'import' }), write('new'), write('trigger'), write('bad')],
    });
    expect(r.rolledBack).toBe(true);
    expect(r.failed).toEqual({
      name: 'bad',
      message:
        'The browser refused "bad" without saying why. Usual causes: its domain is not one the extension may reach, third-party cookie blocking, or a value the browser will not store.',
      raw: 'Failed to parse or set cookie named "bad".',
    });
    expect(r.leftAlone).toEqual([{ name: 'keep', domain: 'shop.example', reason: 'the page changed it after it was written (now "from-the-page")' }]);
    const values = Object.fromEntries([...fakeBrowser.cookies.jar.values()].map((c) => [c.name, c.value]));
    expect(values).toEqual({ keep: 'from-the-page', mine: 'original' });
  });

  it('reads the store back after writing: cookies the browser evicted at once are reported, not counted as imported', async () => {
    const { messages, fakeBrowser } = env;
    const set = fakeBrowser.cookies.set.bind(fakeBrowser.cookies);
    vi.spyOn(fakeBrowser.cookies, 'set').mockImplementation(async (d) => {
      const stored = await set(d);
      // The browser's limit evicts the first cookie when the third arrives.
      if (d.name === 'c') await fakeBrowser.cookies.remove({ url: 'https://shop.example/', name: 'a' });
      return stored;
    });
    const r = await messages.request('importCookies', { id: 'i4', cookies: [write('a'), write('b'), write('c')] });
    expect(r).toMatchObject({ written: 2, evicted: [{ name: 'a', domain: 'shop.example' }], rolledBack: false });
  });

  it('an import can be cancelled: what it wrote is rolled back', async () => {
    const { messages, fakeBrowser } = env;
    const running = messages.request('importCookies', { id: 'i5', cookies: Array.from({ length: 50 }, (_, i) => write(`c${i}`)) });
    await messages.request('cancelImport', { id: 'i5' });
    const r = await running;
    expect(r.cancelled).toBe(true);
    expect(r.rolledBack).toBe(true);
    expect(fakeBrowser.cookies.jar.size).toBe(0);
  });

  it("undo of a delete restores the cookie, but leaves one the page has set again since (never clobbers the page's value)", async () => {
    const { messages, fakeBrowser } = env;
    const { written } = await messages.request('setCookies', { cookies: [write('a', { value: 'old' }), write('b', { value: 'old' })] });
    const { removed } = await messages.request('removeCookies', { cookies: written });
    fakeBrowser.cookies.put(makeCookie({ name: 'b', value: 'newer', httpOnly: false }));
    const r = await messages.request('restoreCookies', { cookies: removed });
    expect(r.restored.map((c) => c.name)).toEqual(['a']);
    expect(r.leftAlone).toEqual([{ name: 'b', domain: 'shop.example', reason: 'the page set it again since (now "newer")' }]);
    expect(Object.fromEntries([...fakeBrowser.cookies.jar.values()].map((c) => [c.name, c.value]))).toEqual({ a: 'old', b: 'newer' });
  });

  it('an edit that renames a cookie removes the old one; a failed edit restores it', async () => {
    const { messages, fakeBrowser } = env;
    const [old] = (await messages.request('setCookies', { cookies: [write('before')] })).written;
    await messages.request('setCookies', { cookies: [write('after')], replace: [old] });
    expect([...fakeBrowser.cookies.jar.values()].map((c) => c.name)).toEqual(['after']);
    const [current] = [...fakeBrowser.cookies.jar.values()];
    const failed = await messages.request('setCookies', { cookies: [write('__Host-x', { path: '/sub' })], replace: [current] });
    expect(failed.errors[0].message).toMatch(/__Host-/);
    expect([...fakeBrowser.cookies.jar.values()].map((c) => c.name)).toEqual(['after']);
  });
});
