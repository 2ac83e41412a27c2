import { describe, expect, it, vi } from 'vitest';
import { standaloneApi, tabIdFromQuery } from '../../src/ui/panel/devtools-api';
import { BANK, WORK } from '../helpers';
import { mount, rowNames, withWorker } from './setup';

/** Firefox with two containers; tab 1 outside any, tab 2 in "Work"; one cookie per store. */
async function firefoxWithContainers() {
  const env = await withWorker((f) => f.fake.asFirefox({ containers: [WORK, BANK] }));
  env.fake.addTab({ id: 1, url: 'https://shop.example/' });
  env.fake.addTab({ id: 2, url: 'https://shop.example/', active: false });
  env.fakeBrowser.cookies.tabStores.set(2, WORK.cookieStoreId);
  const set = (name: string, storeId?: string) =>
    env.fakeBrowser.cookies.set({ url: 'https://shop.example/', name, value: 'v', secure: true, sameSite: 'lax', ...(storeId ? { storeId } : {}) });
  await set('home');
  await set('work', WORK.cookieStoreId);
  await set('bank', BANK.cookieStoreId);
  return env;
}

const noNavigation = () => () => undefined;

describe('Firefox containers in the UI', () => {
  it('the popup of a tab in a container names the container, in its colour', async () => {
    await firefoxWithContainers();
    const { PopupApp } = await import('../../src/ui/popup/popup-app');
    const root = mount(<PopupApp tabId={2} />);
    await vi.waitFor(() => expect(root.querySelector('.popup-header .badge-container')).not.toBeNull());
    const badge = root.querySelector<HTMLElement>('.popup-header .badge-container');
    expect(badge?.textContent).toBe('Work');
    expect(badge?.style.color).toMatch(/#37adff|rgb\(55, 173, 255\)/);
  });

  it('the panel lists one container, or all of them with their names, filterable with container:', async () => {
    await firefoxWithContainers();
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    const root = mount(<PanelApp api={standaloneApi(1, { dark: false, onNavigated: noNavigation })} />);
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['home']));
    const all = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes('All containers'))?.querySelector('input');
    if (!all) throw new Error('no "All containers" toggle');
    all.click();
    await vi.waitFor(() => expect(rowNames(root)?.sort()).toEqual(['bank', 'home', 'work']));
    expect([...root.querySelectorAll('.grid-row .badge-container')].map((b) => b.textContent).sort()).toEqual(['Banking', 'Work']);
    const filter = root.querySelector<HTMLInputElement>('input.filter');
    if (!filter) throw new Error('no filter box');
    filter.value = 'container:work';
    filter.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['work']));
  });
});

describe('one cookie name in two containers', () => {
  it('each keeps its own findings in "All containers"', async () => {
    const env = await withWorker((f) => f.fake.asFirefox({ containers: [WORK, BANK] }));
    env.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const base = { url: 'https://shop.example/', name: 'sessionid', value: 'k7Qx9Zp2k7Qx9Zp2k7Qx9Zp2k7Qx9Zp2' };
    // A well-set session cookie outside any container; the same name in "Banking" with no flags at all.
    await env.fakeBrowser.cookies.set({ ...base, secure: true, httpOnly: true, sameSite: 'lax' });
    await env.fakeBrowser.cookies.set({ ...base, storeId: BANK.cookieStoreId, secure: false, httpOnly: false });
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    const root = mount(<PanelApp api={standaloneApi(1, { dark: false, onNavigated: noNavigation })} />);
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['sessionid']));
    const all = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes('All containers'))?.querySelector('input');
    all?.click();
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['sessionid', 'sessionid']));
    const rows = () =>
      [...root.querySelectorAll('.grid-row[data-cookie="sessionid"]')].map((r) => ({
        container: r.querySelector('.badge-container')?.textContent ?? '',
        worst: r.querySelector('.issue')?.getAttribute('data-rule') ?? null,
      }));
    await vi.waitFor(() => expect(rows().find((r) => r.container === 'Banking')?.worst).toBe('missing-secure'));
    // The default container's cookie has none of the Banking cookie's findings.
    const home = rows().find((r) => r.container === '');
    expect(home?.worst).not.toBe('missing-secure');
    expect(home?.worst).not.toBe('missing-httponly');
  });
});

describe('the timeline in Firefox', () => {
  it('names the container each change happened in', async () => {
    await firefoxWithContainers();
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    const root = mount(<PanelApp api={standaloneApi(1, { dark: false, onNavigated: noNavigation })} />);
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['home']));
    ([...root.querySelectorAll('[role="tab"]')].find((t) => t.textContent === 'Timeline') as HTMLElement).click();
    const pairs = () =>
      [
        ...new Set(
          [...root.querySelectorAll('.timeline-table tbody tr')].map(
            (tr) => `${tr.getAttribute('data-cookie')}|${tr.querySelector('.badge-container')?.textContent ?? ''}`,
          ),
        ),
      ].sort();
    // (A worker from an earlier test may still flush the same changes into the shared fake storage: compare sets.)
    await vi.waitFor(() => expect(pairs()).toEqual(['bank|Banking', 'home|', 'work|Work']));
  });
});

describe('editing in a container tab', () => {
  it('a cookie added in the panel of a container tab lands in that container', async () => {
    const env = await firefoxWithContainers();
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    const root = mount(<PanelApp api={standaloneApi(2, { dark: false, onNavigated: noNavigation })} />);
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['work']));
    ([...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Add') as HTMLElement).click();
    const name = await vi.waitFor(() => {
      const el = root.querySelector<HTMLInputElement>('input[name="name"]');
      if (!el) throw new Error('editor not open yet');
      return el;
    });
    name.value = 'added';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    (root.querySelector('.editor button[type="submit"]') as HTMLElement).click();
    await vi.waitFor(() => expect([...env.fakeBrowser.cookies.jar.values()].find((c) => c.name === 'added')?.storeId).toBe(WORK.cookieStoreId));
    await vi.waitFor(() => expect(rowNames(root)?.sort()).toEqual(['added', 'work']));
  });
});

describe('panel outside DevTools (panel.html?tabId=N)', () => {
  it('reads the tab id from the query and nothing else', () => {
    expect(tabIdFromQuery('?tabId=12')).toBe(12);
    expect(tabIdFromQuery('')).toBeUndefined();
    expect(tabIdFromQuery('?tabId=abc')).toBeUndefined();
    expect(tabIdFromQuery('?tabId=-1')).toBeUndefined();
  });

  it('shows the tab’s cookies, which response set each and the Network view, from the worker’s own log', async () => {
    const env = await withWorker();
    env.fake.addTab({ id: 3, url: 'https://shop.example/' });
    await env.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: 'v' });
    env.fakeBrowser.webRequest.onHeadersReceived.trigger({
      tabId: 3,
      url: 'https://shop.example/login',
      type: 'main_frame',
      statusCode: 302,
      frameId: 0,
      timeStamp: Date.now(),
      responseHeaders: [{ name: 'Set-Cookie', value: 'sid=v; Path=/' }],
    });
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    const root = mount(<PanelApp api={standaloneApi(3, { dark: false, onNavigated: noNavigation })} />);
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['sid']));
    (root.querySelector('.grid-row[data-cookie="sid"]') as HTMLElement).click();
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="set-by"]')?.textContent).toMatch(/https:\/\/shop\.example\/login.*Set-Cookie: sid=v; Path=\//),
    );
    (root.querySelector('[role="tab"][data-view="network"]') as HTMLElement).click();
    await vi.waitFor(() => expect(root.querySelector('.network-table tbody tr')?.textContent).toMatch(/stored.*302.*shop\.example\/login.*sid=v/));
    // "show" opens the cookie in the Cookies view.
    (root.querySelector('[data-show-cookie="sid"]') as HTMLElement).click();
    await vi.waitFor(() => expect(root.querySelector('.detail-name')?.textContent).toBe('sid'));
  });
});
