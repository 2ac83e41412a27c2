import type { VNode } from 'preact';
import { render } from 'preact';
import { vi } from 'vitest';
import type { DevtoolsApi, HarEntry } from '../../src/ui/panel/devtools-api';
import { FakeEvent } from '../fake-browser/events';
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

/** The DevTools side of the panel, faked: a HAR to return, and events the test fires. */
export function fakeDevtools(tabId = 1, urls: string[] = [], har: HarEntry[] = []) {
  const requestFinished = new FakeEvent<[HarEntry]>();
  const navigated = new FakeEvent<[string]>();
  const api: DevtoolsApi = {
    tabId,
    resourceUrls: async () => urls,
    getHar: async () => har,
    onRequestFinished(listener) {
      requestFinished.addListener(listener);
      return () => requestFinished.removeListener(listener);
    },
    onNavigated(listener) {
      navigated.addListener(listener);
      return () => navigated.removeListener(listener);
    },
    themeName: 'default',
  };
  return { api, requestFinished, navigated };
}

export const harEntry = (url: string, setCookies: string[]): HarEntry => ({
  startedDateTime: new Date().toISOString(),
  request: { url },
  response: { status: 200, headers: setCookies.map((value) => ({ name: 'set-cookie', value })) },
});

export const XSS_NAME = '<img src=x onerror="globalThis.__xss=1">';
export const XSS_VALUE = '<script>globalThis.__xss=2</script>';

/** Names of the grid rows the panel shows. */
export const rowNames = (root: HTMLElement) => [...root.querySelectorAll('.grid-row[data-cookie]')].map((tr) => tr.getAttribute('data-cookie'));
