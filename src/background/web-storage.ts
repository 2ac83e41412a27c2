// The worker's reads and writes of a tab's web storage, through scripting.executeScript in the top frame (the
// popup, the panel as a tab and the audit; the panel inside DevTools reads through inspectedWindow.eval and
// asks here only for IndexedDB, which needs an async probe that eval cannot await).
import browser from 'webextension-polyfill';
import { explainError } from '../core/browser-errors';
import { checkedFrames, checkedIndexedDb, type FrameStorage, PROBE_ITEM_LIMIT, PROBE_VALUE_LIMIT } from '../core/web-storage';
import { readIndexedDb, readPageStorage, type StorageWrite, type StorageWriteAnswer, writePageStorage } from '../page-storage';

/** How long the IndexedDB listing may take per step (a database held by an upgrade elsewhere never answers). */
const IDB_TIMEOUT = 1000;

async function inTopFrame<A extends unknown[], R>(tabId: number, func: (...args: A) => R, args: A): Promise<Awaited<R>> {
  const [first] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: func as () => void, args });
  if (!first) throw new Error('the page did not answer');
  const failed = (first as { error?: unknown }).error;
  if (failed) throw failed instanceof Error ? failed : new Error(String((failed as { message?: string }).message ?? failed));
  return first.result as Awaited<R>;
}

/**
 * The tab's web storage per frame (`given`: what the DevTools panel read itself), with the top frame's IndexedDB
 * unless asked not to (a profile saves localStorage only).
 * A page the extension may not script (the Web Store, a PDF viewer) gives one entry saying why, never an empty list.
 */
export async function readTabStorage(
  tabId: number,
  pageUrl: string,
  given?: readonly FrameStorage[],
  { indexedDB = true }: { indexedDB?: boolean } = {},
): Promise<FrameStorage[]> {
  let frames: FrameStorage[];
  try {
    frames = checkedFrames(given ?? (await inTopFrame(tabId, readPageStorage, [PROBE_ITEM_LIMIT, PROBE_VALUE_LIMIT])));
  } catch (error) {
    return [{ frameUrl: pageUrl, origin: '', error: `The page's storage could not be read: ${explainError(error).message}` }];
  }
  const top = frames[0];
  if (indexedDB && top?.origin) {
    try {
      Object.assign(top, checkedIndexedDb(await inTopFrame(tabId, readIndexedDb, [IDB_TIMEOUT])));
    } catch (error) {
      top.indexedDBError = explainError(error).message;
    }
  }
  return frames;
}

/** Sets or removes one web storage item of the tab's page; answers the value before, for undo. */
export async function writeTabStorage(tabId: number, op: StorageWrite): Promise<StorageWriteAnswer> {
  try {
    return await inTopFrame(tabId, writePageStorage, [op]);
  } catch (error) {
    return { ok: false, error: explainError(error).message };
  }
}

/** Replaces one origin's localStorage in the tab's page (a profile switch). */
export async function replaceTabLocalStorage(tabId: number, origin: string, items: { name: string; value: string }[]): Promise<StorageWriteAnswer> {
  try {
    return await inTopFrame(tabId, writePageStorage, [{ origin, replaceAll: items }]);
  } catch (error) {
    return { ok: false, error: explainError(error).message };
  }
}
