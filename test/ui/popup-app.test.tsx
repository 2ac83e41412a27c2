import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, withWorker, XSS_NAME, XSS_VALUE } from './setup';

describe('popup', () => {
  let fake: Awaited<ReturnType<typeof withWorker>>;
  beforeEach(async () => {
    fake = await withWorker();
  });

  const renderPopup = async (tabId: number | undefined) => {
    const { PopupApp } = await import('../../src/ui/popup-app');
    return mount(<PopupApp tabId={tabId} />);
  };

  it('shows the site, grade, counts by type and findings worst first with a one-line explanation', async () => {
    fake.fake.addTab({ id: 1, url: 'https://shop.example/account' });
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'PHPSESSID',
      value: 'k2j3h4g5f6d7s8a9q1w2e3r4t5',
      httpOnly: false,
      sameSite: 'lax',
    });
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'lang',
      value: 'en',
      secure: true,
      sameSite: 'lax',
      expirationDate: Date.now() / 1000 + 30 * 86400,
    });
    const root = await renderPopup(1);
    await vi.waitFor(() => expect(root.querySelector('.finding')).not.toBeNull());
    expect(root.querySelector('.site')?.textContent).toBe('shop.example');
    // missing-secure (high) caps the grade at C; with the medium and info findings the score is 70.
    expect(root.querySelector('.grade-letter')?.textContent).toBe('C');
    const counts = Object.fromEntries([...root.querySelectorAll('.count')].map((c) => [c.getAttribute('data-count'), c.querySelector('dd')?.textContent]));
    expect(counts).toEqual({ session: '1', persistent: '1', secure: '1', 'third-party': '0' });
    const findings = [...root.querySelectorAll('.finding')].map((f) => [f.querySelector('.severity')?.textContent, f.getAttribute('data-rule')]);
    expect(findings).toEqual([
      ['High', 'missing-secure'],
      ['Medium', 'missing-httponly'],
      ['Info', 'default-session-name'],
    ]);
    expect(root.querySelector('.finding-summary')?.textContent).toMatch(/plain HTTP/);
  });

  it('updates live when a cookie changes', async () => {
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const root = await renderPopup(1);
    await vi.waitFor(() => expect(root.textContent).toContain('This site sets no cookies.'));
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sessionid', value: 'x' });
    await vi.waitFor(() => expect(root.querySelector('[data-rule="missing-secure"]')).not.toBeNull());
  });

  it('explains a browser page instead of showing an empty report', async () => {
    fake.fake.addTab({ id: 2, url: 'chrome://extensions/' });
    const root = await renderPopup(2);
    await vi.waitFor(() => expect(root.textContent).toMatch(/chrome: page\. Only http and https pages have cookies/));
  });

  it('shows cookie names and values carrying HTML as text, never as markup', async () => {
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: `session${XSS_NAME}`, value: XSS_VALUE });
    const root = await renderPopup(1);
    await vi.waitFor(() => expect(root.querySelector('.finding')).not.toBeNull());
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.textContent).toContain(XSS_NAME);
    expect((globalThis as { __xss?: number }).__xss).toBeUndefined();
  });
});
