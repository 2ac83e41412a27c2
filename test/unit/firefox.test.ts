import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Fake from '../fake-browser/index';
import { BANK, makeCookie, WORK } from '../helpers';

type FakeModule = typeof Fake;
type Env = FakeModule & { messages: typeof import('../../src/messages') };

/** Paths of objects reached twice in a message: Firefox's message cloning delivers the second one as null. */
function sharedReferences(value: unknown, seen = new Map<object, string>(), path = '$'): string[] {
  if (typeof value !== 'object' || value === null) return [];
  if (seen.has(value)) return [`${path} = ${seen.get(value)}`];
  seen.set(value, path);
  return Object.entries(value).flatMap(([k, v]) => sharedReferences(v, seen, `${path}.${k}`));
}

/** A fresh worker on a fake browser set up as `setup` says (Chromium unless it calls asFirefox). */
async function startWorker(setup: (fake: FakeModule) => void = () => undefined): Promise<Env> {
  vi.resetModules();
  const fake = (await import('webextension-polyfill')) as unknown as FakeModule;
  fake.resetBrowser();
  setup(fake);
  await import('../../src/background/worker');
  return { ...fake, messages: await import('../../src/messages') };
}

describe('platform differences', () => {
  it('picks the platform once per context, and asks Firefox, only, for every first-party domain', async () => {
    await startWorker();
    const chrome = (await import('../../src/platform')).platform();
    expect([chrome.name, chrome.defaultStoreId, chrome.privateStoreId, chrome.limits.browser]).toEqual(['chrome', '0', '1', 'Chrome']);
    expect(chrome.allFirstParties).toEqual({});
    expect(chrome.firstPartyOf({ firstPartyDomain: '' })).toEqual({});
    expect(chrome.needsFirstPartyDomain("First-Party Isolation is enabled, but the required 'firstPartyDomain' attribute was not set.")).toBe(false);
    await startWorker((f) => f.fake.asFirefox());
    const firefox = (await import('../../src/platform')).platform();
    expect([firefox.name, firefox.defaultStoreId, firefox.privateStoreId, firefox.limits.browser]).toEqual([
      'firefox',
      'firefox-default',
      'firefox-private',
      'Firefox',
    ]);
    expect(firefox.allFirstParties).toEqual({ firstPartyDomain: null });
    expect(firefox.firstPartyOf({ firstPartyDomain: 'shop.example' })).toEqual({ firstPartyDomain: 'shop.example' });
    expect(firefox.needsFirstPartyDomain("First-Party Isolation is enabled, but the required 'firstPartyDomain' attribute was not set.")).toBe(true);
  });

  it('reads, edits and deletes cookies with first-party isolation on (calls without firstPartyDomain throw there)', async () => {
    const { fakeBrowser, fake, messages } = await startWorker((f) => f.fake.asFirefox({ firstPartyIsolation: true }));
    fake.addTab({ id: 4, url: 'https://shop.example/' });
    await fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: 'a', firstPartyDomain: 'shop.example' });
    const page = await messages.request('getReport', { tabId: 4 });
    const [cookie] = page.report?.cookies ?? [];
    expect([cookie?.name, cookie?.storeId, cookie?.firstPartyDomain]).toEqual(['sid', 'firefox-default', 'shop.example']);

    const written = await messages.request('setCookies', { cookies: [{ ...cookie, value: 'b' }] as never });
    expect(written.errors).toEqual([]);
    expect([...fakeBrowser.cookies.jar.values()].map((c) => c.value)).toEqual(['b']);
    const removed = await messages.request('removeCookies', { cookies: [{ ...cookie, value: 'b' }] as never });
    expect(removed.removed.map((c) => c.name)).toEqual(['sid']);
    expect(fakeBrowser.cookies.jar.size).toBe(0);
  });

  it('creates a new cookie under first-party isolation with the site as its first-party domain', async () => {
    const { fakeBrowser, messages } = await startWorker((f) => f.fake.asFirefox({ firstPartyIsolation: true }));
    const fresh = makeCookie({ name: 'made', value: '1', domain: 'app.shop.example', httpOnly: false, storeId: 'firefox-default' });
    const written = await messages.request('setCookies', { cookies: [fresh] });
    expect(written.errors).toEqual([]);
    expect([...fakeBrowser.cookies.jar.values()].map((c) => [c.name, c.firstPartyDomain])).toEqual([['made', 'shop.example']]);
  });

  it('never sends Chromium the Firefox-only key, even for a cookie imported from a Firefox export', async () => {
    const { fakeBrowser, fake, messages } = await startWorker();
    fake.addTab({ id: 4, url: 'https://shop.example/' });
    const fromFirefox = makeCookie({ name: 'sid', value: 'a', firstPartyDomain: '' });
    const outcome = await messages.request('importCookies', { id: 'i', cookies: [fromFirefox] });
    expect(outcome).toMatchObject({ problems: [], written: 1, rolledBack: false });
    expect((await messages.request('getReport', { tabId: 4 })).report?.cookies.map((c) => c.name)).toEqual(['sid']);
    expect(fakeBrowser.cookies.jar.size).toBe(1);
  });

  it('records a Firefox update (reported as an explicit removal then an add) as an overwrite in the timeline', async () => {
    const { fakeBrowser, messages } = await startWorker((f) => f.fake.asFirefox());
    await fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: '1' });
    await fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: '2' });
    const page = await messages.request('getTimeline', {});
    expect(page.entries.map((e) => [e.cause, e.removed, e.cookie.value])).toEqual([
      ['explicit', false, '1'],
      ['explicit', true, '1'],
      ['explicit', false, '2'],
    ]);
    const { timelineRows } = await import('../../src/core/timeline-view');
    const rows = timelineRows(page.entries);
    expect(rows.map((r) => r.kind)).toContain('overwritten');
  });
});

describe('Firefox containers', () => {
  let env: Env;
  beforeEach(async () => {
    env = await startWorker((f) => f.fake.asFirefox({ containers: [WORK, BANK] }));
    env.fake.addTab({ id: 1, url: 'https://shop.example/' });
    env.fake.addTab({ id: 2, url: 'https://shop.example/', active: false });
    env.fakeBrowser.cookies.tabStores.set(2, WORK.cookieStoreId);
    await env.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'home', value: '1' });
    await env.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'work', value: '1', storeId: WORK.cookieStoreId });
    await env.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'bank', value: '1', storeId: BANK.cookieStoreId });
  });

  it('reports a tab in a container with that container’s cookies, name and colour', async () => {
    const page = await env.messages.request('getReport', { tabId: 2 });
    expect(page.storeId).toBe(WORK.cookieStoreId);
    expect(page.container).toEqual({ name: 'Work', color: 'blue', colorCode: '#37adff' });
    expect(page.report?.cookies.map((c) => [c.name, c.container?.name])).toEqual([['work', 'Work']]);
    const outside = await env.messages.request('getReport', { tabId: 1 });
    expect(outside.container).toBeUndefined();
    expect(outside.report?.cookies.map((c) => c.name)).toEqual(['home']);
  });

  it('lists every container’s cookies with allStores, filterable with container:', async () => {
    const page = await env.messages.request('getReport', { tabId: 1, allStores: true });
    const cookies = page.report?.cookies ?? [];
    expect(cookies.map((c) => [c.name, c.container?.name ?? '(default)']).sort()).toEqual([
      ['bank', 'Banking'],
      ['home', '(default)'],
      ['work', 'Work'],
    ]);
    expect(page.containers?.map((c) => c.name)).toEqual(['Work', 'Banking']);
    expect(sharedReferences(page)).toEqual([]);
    const { applyFilter, parseFilter } = await import('../../src/core/filter');
    const only = (query: string) =>
      applyFilter(cookies, parseFilter(query), { findings: cookies.map(() => []), now: Date.now() })
        .map((i) => cookies[i].name)
        .sort();
    expect(only('container:bank')).toEqual(['bank']);
    expect(only('container:default')).toEqual(['home']);
    expect(only('-container:work')).toEqual(['bank', 'home']);
  });

  it('names the container in the JSON export', async () => {
    const page = await env.messages.request('getReport', { tabId: 2 });
    const { toJson } = await import('../../src/core/transfer');
    expect(JSON.parse(toJson(page.report?.cookies ?? []))).toEqual([
      expect.objectContaining({ name: 'work', storeId: WORK.cookieStoreId, container: { name: 'Work', color: 'blue' } }),
    ]);
  });

  it('still reports when containers are turned off (contextualIdentities throws)', async () => {
    const off = await startWorker((f) => f.fake.asFirefox({ containers: 'disabled' }));
    off.fake.addTab({ id: 1, url: 'https://shop.example/' });
    await off.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'home', value: '1' });
    const page = await off.messages.request('getReport', { tabId: 1, allStores: true });
    expect(page.report?.cookies.map((c) => [c.name, c.container])).toEqual([['home', undefined]]);
    expect(page.containers).toBeUndefined();
  });
});
