// The worker's one response log, on storage.session (shared by the listener in worker.ts and the page report).
import browser from 'webextension-polyfill';
import { emit } from '../messages';
import { ResponseLog } from './response-log';

export type { ResponseDetails } from './response-log';
export const responseLog = new ResponseLog(browser.storage.session, 100, (tabId) => emit('responsesAppended', { tabId }));
