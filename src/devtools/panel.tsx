import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { DevtoolsApi, HarEntry } from '../ui/panel/devtools-api';
import { PanelApp } from '../ui/panel-app';
import { inspectedUrls } from './frame-urls';

const network = browser.devtools.network as unknown as {
  getHAR(): Promise<{ entries: HarEntry[] }>;
  onRequestFinished: { addListener(fn: (e: HarEntry) => void): void; removeListener(fn: (e: HarEntry) => void): void };
  onNavigated: { addListener(fn: (url: string) => void): void; removeListener(fn: (url: string) => void): void };
};

const api: DevtoolsApi = {
  tabId: browser.devtools.inspectedWindow.tabId,
  resourceUrls: inspectedUrls,
  getHar: async () => (await network.getHAR()).entries ?? [],
  onRequestFinished(listener) {
    network.onRequestFinished.addListener(listener);
    return () => network.onRequestFinished.removeListener(listener);
  },
  onNavigated(listener) {
    network.onNavigated.addListener(listener);
    return () => network.onNavigated.removeListener(listener);
  },
  themeName: (browser.devtools.panels as unknown as { themeName?: string }).themeName ?? 'default',
};

const root = document.getElementById('app');
if (root) render(<PanelApp api={api} />, root);
