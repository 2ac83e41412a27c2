import { render } from 'preact';
import browser from 'webextension-polyfill';
import { tabIdFromQuery } from '../ui/panel/devtools-api';
import { PopupApp } from '../ui/popup/popup-app';

/** The tab the popup reports on: `?tabId=N` when opened as a page of its own, else the active tab. */
async function reportedTabId(): Promise<number | undefined> {
  const fromQuery = tabIdFromQuery(location.search);
  if (fromQuery !== undefined) {
    // A tab, not a popup: no popup height limit.
    document.body.classList.add('in-tab');
    return fromQuery;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The panel page for that tab, in a new tab: the whole table without opening DevTools. */
function openTable(tabId: number): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`src/devtools/panel.html?tabId=${tabId}`) }).then(() => {
    if (!document.body.classList.contains('in-tab')) window.close();
  });
}

const root = document.getElementById('app');
if (root) void reportedTabId().then((tabId) => render(<PopupApp tabId={tabId} onOpenTable={tabId === undefined ? undefined : () => openTable(tabId)} />, root));
