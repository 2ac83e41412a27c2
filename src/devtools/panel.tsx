import { render } from 'preact';
import browser from 'webextension-polyfill';
import { type DevtoolsApi, type HarEntry, standaloneApi, tabIdFromQuery } from '../ui/panel/devtools-api';
import { PanelApp } from '../ui/panel/panel-app';
import { inspectedUrls } from './frame-urls';
import { inspectedStorage } from './inspected-storage';

interface DevtoolsNetwork {
  getHAR(): Promise<{ entries: HarEntry[] }>;
  onRequestFinished: { addListener(fn: (e: HarEntry) => void): void; removeListener(fn: (e: HarEntry) => void): void };
  onNavigated: { addListener(fn: (url: string) => void): void; removeListener(fn: (url: string) => void): void };
}

/** Inside DevTools: the inspected tab, its frames and resources, and DevTools' network log. */
function devtoolsApi(): DevtoolsApi {
  const network = browser.devtools.network as unknown as DevtoolsNetwork;
  return {
    tabId: browser.devtools.inspectedWindow.tabId,
    resourceUrls: inspectedUrls,
    pageStorage: inspectedStorage,
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
    onThemeChanged(listener) {
      // Firefox has an event; Chrome one handler slot (chrome.devtools.panels.setThemeChangeHandler, Chrome 99+).
      const panels = browser.devtools.panels as unknown as {
        onThemeChanged?: { addListener(fn: (name: string) => void): void; removeListener(fn: (name: string) => void): void };
      };
      const chromePanels = (globalThis as unknown as { chrome?: { devtools?: { panels?: { setThemeChangeHandler?(fn?: (name: string) => void): void } } } })
        .chrome?.devtools?.panels;
      if (panels.onThemeChanged) {
        panels.onThemeChanged.addListener(listener);
        return () => panels.onThemeChanged?.removeListener(listener);
      }
      chromePanels?.setThemeChangeHandler?.(listener);
      return () => chromePanels?.setThemeChangeHandler?.();
    },
  };
}

/** In a tab of its own (`panel.html?tabId=N`): that tab's cookies; navigation seen through tabs.onUpdated. */
function tabApi(tabId: number): DevtoolsApi {
  return standaloneApi(tabId, {
    dark: globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
    onNavigated(listener) {
      const onUpdated = (id: number, change: { url?: string }) => {
        if (id === tabId && change.url) listener(change.url);
      };
      browser.tabs.onUpdated.addListener(onUpdated);
      return () => browser.tabs.onUpdated.removeListener(onUpdated);
    },
  });
}

const standaloneTab = tabIdFromQuery(location.search);
const root = document.getElementById('app');
if (root) {
  if (standaloneTab !== undefined) render(<PanelApp api={tabApi(standaloneTab)} />, root);
  else if (browser.devtools?.inspectedWindow) render(<PanelApp api={devtoolsApi()} />, root);
  else render(<p class="empty">Open this page from DevTools (the Cookie Lens tab), or as panel.html?tabId=N for one tab.</p>, root);
}
