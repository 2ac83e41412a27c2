// Open popups and panels refresh their report only for changes on a site they show, coalesced.
import { describe, expect, it, vi } from 'vitest';
import { withWorker } from './setup';

describe('report refresh', () => {
  it('a storm on another site costs no report; one on the shown site a few, and the last state shows', async () => {
    const fake = await withWorker();
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const { usePageReport } = await import('../../src/ui/use-page-report');
    const { render } = await import('preact');
    const requests: string[] = [];
    let latest: ReturnType<typeof usePageReport> | undefined;
    const Probe = () => {
      latest = usePageReport(1, { urls: async () => [] });
      return null;
    };
    const root = document.createElement('div');
    // Count the report requests the page makes.
    const messaging = await import('../../src/messages');
    const original = messaging.request;
    const spy = vi.spyOn(messaging, 'request').mockImplementation(((name: never, params: never) => {
      requests.push(name);
      return original(name, params);
    }) as unknown as typeof original);
    render(<Probe />, root);
    await vi.waitFor(() => expect(latest?.page).toBeDefined());
    const initial = requests.filter((r) => r === 'getReport').length;
    for (let i = 0; i < 200; i++) await fake.fakeBrowser.cookies.set({ url: 'https://news.example/', name: `n${i}`, value: 'x' });
    await new Promise((r) => setTimeout(r, 800));
    expect(requests.filter((r) => r === 'getReport').length).toBe(initial);
    const started = performance.now();
    for (let i = 0; i < 200; i++) await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: `s${i % 20}`, value: `v${i}` });
    await vi.waitFor(() => expect(latest?.page?.report?.cookies.find((c) => c.name === 's19')?.value).toBe('v199'), { timeout: 5000 });
    const elapsed = performance.now() - started;
    const reloads = requests.filter((r) => r === 'getReport').length - initial;
    expect(reloads).toBeGreaterThan(0);
    // Never more than one per 300 ms (plus the last one).
    expect(reloads).toBeLessThanOrEqual(Math.ceil(elapsed / 300) + 1);
    spy.mockRestore();
  });
});
