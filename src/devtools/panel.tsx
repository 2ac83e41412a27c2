import { render } from 'preact';
import browser from 'webextension-polyfill';
import { PanelApp } from '../ui/panel-app';
import { inspectedUrls } from './frame-urls';

const tabId = browser.devtools.inspectedWindow.tabId;
const root = document.getElementById('app');
if (root) render(<PanelApp tabId={tabId} urls={inspectedUrls} onNavigated={(fn) => browser.devtools.network.onNavigated.addListener(fn)} />, root);
