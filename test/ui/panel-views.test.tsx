// The panel's view registry (src/ui/panel/views.tsx), entry by entry: each view has a tab with its own label,
// opens when its tab is clicked, and renders; the Cookies view's filter and selection survive a visit elsewhere.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PANEL_VIEWS } from '../../src/ui/panel/views';
import { fakeDevtools, mount, rowNames, withWorker } from './setup';

describe('panel view catalogue', () => {
  let root: HTMLElement;
  beforeEach(async () => {
    const env = await withWorker();
    env.fake.addTab({ id: 1, url: 'https://shop.example/' });
    await env.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: true });
    await env.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'theme', value: 'dark', secure: true });
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    root = mount(<PanelApp api={fakeDevtools(1, []).api} />);
    await vi.waitFor(() => expect(rowNames(root)).toHaveLength(2), { timeout: 5000 });
  });

  const tab = (id: string) => root.querySelector<HTMLButtonElement>(`[role="tab"][data-view="${id}"]`);
  /** What the active view rendered: everything in the panel but its header, toast and status bar. */
  const body = () => [...(root.querySelector('main.panel-app')?.children ?? [])].filter((el) => !el.matches('header, footer, .toast'));

  it('ids are unique and every view has a tab, in registry order', () => {
    expect(new Set(PANEL_VIEWS.map((v) => v.id)).size).toBe(PANEL_VIEWS.length);
    expect([...root.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('data-view'))).toEqual(PANEL_VIEWS.map((v) => v.id));
  });

  for (const view of PANEL_VIEWS)
    it(`${view.id}: its tab has its own label, and clicking it shows the view`, async () => {
      const button = tab(view.id);
      expect(button?.textContent?.trim()).toBeTruthy();
      const others = PANEL_VIEWS.filter((v) => v !== view).map((v) => tab(v.id)?.textContent);
      expect(others).not.toContain(button?.textContent);
      button?.click();
      await vi.waitFor(() => expect(button?.getAttribute('aria-selected')).toBe('true'));
      await vi.waitFor(() => expect(body().length).toBeGreaterThan(0));
      expect(root.querySelectorAll('[role="tab"][aria-selected="true"]')).toHaveLength(1);
    });

  it('the Cookies view keeps its filter and selection across a visit to another view', async () => {
    const box = root.querySelector<HTMLInputElement>('input.filter');
    if (!box) throw new Error('no filter box');
    box.value = 'name:sid';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['sid']));
    tab('timeline')?.click();
    await vi.waitFor(() => expect(rowNames(root)).toEqual([]));
    tab('cookies')?.click();
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['sid']));
    expect(root.querySelector<HTMLInputElement>('input.filter')?.value).toBe('name:sid');
  });
});
