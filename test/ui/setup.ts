import type { VNode } from 'preact';
import { render } from 'preact';
import { vi } from 'vitest';
import type * as Fake from '../fake-browser/index';

type FakeModule = typeof Fake;

/** A fresh fake browser with a running worker behind it, as the popup and panel see it. */
export async function withWorker(before: (fake: FakeModule) => void = () => undefined): Promise<FakeModule> {
  vi.resetModules();
  const fake = (await import('webextension-polyfill')) as unknown as FakeModule;
  fake.resetBrowser();
  before(fake);
  await import('../../src/background/worker');
  return fake;
}

export function mount(node: VNode): HTMLElement {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  render(node, root);
  return root;
}

export const XSS_NAME = '<img src=x onerror="globalThis.__xss=1">';
export const XSS_VALUE = '<script>globalThis.__xss=2</script>';
