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

const root = document.getElementById('app');
if (root) void reportedTabId().then((tabId) => render(<PopupApp tabId={tabId} />, root));
