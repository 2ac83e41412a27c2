import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, withWorker, XSS_NAME, XSS_VALUE } from './setup';

describe('DevTools panel', () => {
  let fake: Awaited<ReturnType<typeof withWorker>>;
  beforeEach(async () => {
    fake = await withWorker();
  });

  const renderPanel = async (urls: string[] = []) => {
    const { PanelApp } = await import('../../src/ui/panel-app');
    return mount(<PanelApp tabId={1} urls={async () => urls} onNavigated={(fn) => fake.fakeBrowser.devtools.network.onNavigated.addListener(fn)} />);
  };

  const rowNames = (root: HTMLElement) => [...root.querySelectorAll('tr[data-cookie]')].map((tr) => tr.getAttribute('data-cookie'));

  it('lists the cookies of the page and of its frames, with flags, badges and findings', async () => {
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: 'x', secure: true, httpOnly: true, sameSite: 'strict' });
    await fake.fakeBrowser.cookies.set({ url: 'https://cdn.example/', name: 'cdn', value: 'y', secure: true, sameSite: 'no_restriction' });
    await fake.fakeBrowser.cookies.set({ url: 'https://unrelated.example/', name: 'other', value: 'z' });
    const root = await renderPanel(['https://cdn.example/lib.js']);
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['sid', 'cdn']));
    const sid = root.querySelector('tr[data-cookie="sid"]');
    expect([...(sid?.querySelectorAll('.badge') ?? [])].map((b) => b.textContent)).toEqual(['Session', 'Secure', 'HttpOnly']);
    expect(sid?.textContent).toContain('Strict');
    const cdn = root.querySelector('tr[data-cookie="cdn"]');
    expect([...(cdn?.querySelectorAll('.badge') ?? [])].map((b) => b.textContent)).toContain('Third-party');
    expect(root.querySelector('[data-testid="timeline-status"]')?.textContent).toMatch(/3 changes recorded/);
  });

  it('follows cookie changes and navigations without a reload', async () => {
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const root = await renderPanel();
    await vi.waitFor(() => expect(root.textContent).toContain('This page uses no cookies.'));
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'a', value: '1' });
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['a']));
    await fake.fakeBrowser.cookies.remove({ url: 'https://shop.example/', name: 'a' });
    await vi.waitFor(() => expect(rowNames(root)).toEqual([]));
    fake.fake.addTab({ id: 1, url: 'https://news.example/' });
    await fake.fakeBrowser.cookies.set({ url: 'https://news.example/', name: 'n', value: '1' });
    fake.fakeBrowser.devtools.network.onNavigated.trigger('https://news.example/');
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['n']));
  });

  it('shows the number of dropped timeline entries when the ring is full', async () => {
    fake = await withWorker((f) => f.fakeBrowser.storage.local.data.set('timeline.meta', { version: 1, nextSeq: 12_000, dropped: 2_000, chunks: [] }));
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const root = await renderPanel();
    await vi.waitFor(() => expect(root.querySelector('[data-testid="timeline-status"]')?.textContent).toMatch(/2000 oldest dropped/));
  });

  it('renders hostile names and values as text', async () => {
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: XSS_NAME, value: XSS_VALUE });
    const root = await renderPanel();
    await vi.waitFor(() => expect(root.querySelectorAll('tr[data-cookie]')).toHaveLength(1));
    expect(root.querySelector('td.name')?.textContent).toBe(XSS_NAME);
    expect(root.querySelector('td.value')?.textContent).toBe(XSS_VALUE);
    expect(root.querySelector('tbody img, tbody script')).toBeNull();
  });
});
