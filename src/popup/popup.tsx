import { render } from 'preact';
import browser from 'webextension-polyfill';
import { PopupApp } from '../ui/popup/popup-app';

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const root = document.getElementById('app');
if (root) void activeTabId().then((tabId) => render(<PopupApp tabId={tabId} />, root));
