import { render } from 'preact';
import browser from 'webextension-polyfill';
import { tabIdFromQuery } from '../ui/panel/devtools-api';
import { PopupApp } from '../ui/popup/popup-app';
import { followSystemTheme } from '../ui/theme';

followSystemTheme();

/** Opened as a page of its own (`?tabId=N`) rather than as the toolbar popup. */
const queriedTab = tabIdFromQuery(location.search);
// A tab, not a popup: no popup height limit.
if (queriedTab !== undefined) document.body.classList.add('in-tab');

/** The tab the popup reports on: the one named in the query, else the active tab. */
async function reportedTabId(): Promise<number | undefined> {
  if (queriedTab !== undefined) return queriedTab;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The panel page for that tab, in a new tab: the whole table without opening DevTools. */
function openTable(tabId: number): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`src/devtools/panel.html?tabId=${tabId}`) }).then(() => {
    if (queriedTab === undefined) window.close();
  });
}

const root = document.getElementById('app');
if (root) void reportedTabId().then((tabId) => render(<PopupApp tabId={tabId} onOpenTable={tabId === undefined ? undefined : () => openTable(tabId)} />, root));
