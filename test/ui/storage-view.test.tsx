// The popup's Storage tab over the fake browser, whose scripting.executeScript runs the probe in happy-dom's own
// window (the "page"): items listed as text, the token flagged, delete and edit really write the page's storage,
// Undo restores the value before; a page that cannot be scripted says why.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, withWorker, XSS_VALUE } from './setup';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT = `${b64({ alg: 'HS256' })}.${b64({ sub: 'ada', exp: 4102444800 })}.c2ln`;

describe('popup Storage tab', () => {
  let fake: Awaited<ReturnType<typeof withWorker>>;
  beforeEach(async () => {
    fake = await withWorker();
    localStorage.clear();
    sessionStorage.clear();
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
  });

  const open = async () => {
    const { PopupApp } = await import('../../src/ui/popup/popup-app');
    const root = mount(<PopupApp tabId={1} />);
    await vi.waitFor(() => expect(root.querySelector('[data-tab="storage"]')).not.toBeNull());
    (root.querySelector('[data-tab="storage"]') as HTMLButtonElement).click();
    return root;
  };
  const item = (root: HTMLElement, key: string) => root.querySelector(`.storage-item[data-key="${key}"]`);

  it('lists items as text with the token flagged; delete removes it from the page and Undo brings it back', async () => {
    localStorage.setItem('access_token', JWT);
    localStorage.setItem('note', XSS_VALUE);
    sessionStorage.setItem('step', '2');
    const root = await open();
    await vi.waitFor(() => expect(item(root, 'access_token')).not.toBeNull());
    expect(item(root, 'access_token')?.textContent).toMatch(/High.*an OAuth access token, a JWT with a subject \(sub\)/);
    expect(item(root, 'note')?.querySelector('.storage-value')?.textContent).toBe(XSS_VALUE);
    expect(item(root, 'note')?.querySelector('script')).toBeNull();
    expect(root.querySelector('[data-tab="storage"]')?.textContent).toBe('Storage (3)');

    (root.querySelectorAll('.storage-item[data-key="access_token"] .storage-actions button')[1] as HTMLButtonElement).click();
    await vi.waitFor(() => expect(localStorage.getItem('access_token')).toBeNull());
    await vi.waitFor(() => expect(item(root, 'access_token')).toBeNull());
    await vi.waitFor(() => expect(root.querySelector('.storage-done button')).not.toBeNull());
    (root.querySelector('.storage-done button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(localStorage.getItem('access_token')).toBe(JWT));
    await vi.waitFor(() => expect(item(root, 'access_token')).not.toBeNull());
  });

  it('an edit writes the new value; Undo restores the old one', async () => {
    sessionStorage.setItem('step', '2');
    const root = await open();
    await vi.waitFor(() => expect(item(root, 'step')).not.toBeNull());
    (root.querySelector('.storage-item[data-key="step"] .storage-actions button') as HTMLButtonElement).click();
    const area = await vi.waitFor(() => {
      const found = item(root, 'step')?.querySelector('textarea');
      if (!found) throw new Error('no editor yet');
      return found;
    });
    area.value = '3';
    area.dispatchEvent(new Event('input'));
    await vi.waitFor(() => expect(item(root, 'step')?.querySelector('textarea')?.value).toBe('3'));
    (root.querySelector('.storage-item[data-key="step"] .storage-edit button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(sessionStorage.getItem('step')).toBe('3'));
    await vi.waitFor(() => expect(root.querySelector('.storage-done')?.textContent).toMatch(/Saved sessionStorage "step"/));
    (root.querySelector('.storage-done button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(sessionStorage.getItem('step')).toBe('2'));
  });

  it('a long value is folded at 300 characters and can be shown whole, then folded again', async () => {
    const long = `${'a'.repeat(400)}<b>end</b>`;
    localStorage.setItem('blob', long);
    const root = await open();
    const value = () => root.querySelector('.storage-item[data-key="blob"] .storage-value')?.textContent;
    await vi.waitFor(() => expect(value()).toBe(`${'a'.repeat(300)}…`));
    const button = () => root.querySelector('.storage-item[data-key="blob"] .storage-value + button') as HTMLButtonElement;
    expect(button().textContent).toBe('Show all 410 characters');
    button().click();
    await vi.waitFor(() => expect(value()).toBe(long));
    expect(root.querySelector('.storage-item[data-key="blob"] .storage-value b')).toBeNull();
    button().click();
    await vi.waitFor(() => expect(value()).toBe(`${'a'.repeat(300)}…`));
  });

  it('a page the extension may not script: the reason is shown, not an empty list', async () => {
    fake.fake.scriptingError = 'Cannot access contents of the page. Extension manifest must request permission to access the respective host.';
    const root = await open();
    await vi.waitFor(() => expect(root.querySelector('.storage-unreadable')).not.toBeNull());
    expect(root.querySelector('.storage-unreadable')?.textContent).toMatch(/could not be read: .*Cannot access contents of the page/);
  });
});
