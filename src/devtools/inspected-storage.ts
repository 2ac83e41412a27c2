import browser from 'webextension-polyfill';
import { type FrameStorage, PROBE_ITEM_LIMIT, PROBE_VALUE_LIMIT } from '../core/web-storage';
import { readPageStorage, type StorageWrite, type StorageWriteAnswer, writePageStorage } from '../page-storage';

type ExceptionInfo = { isException?: boolean; isError?: boolean; value?: string; description?: string } | undefined;
type NativeEval = (expression: string, options: object, callback: (result: unknown, failure: ExceptionInfo) => void) => void;

/**
 * inspectedWindow.eval with the browser's own callback, (result, exceptionInfo) in Chrome and Firefox alike:
 * through the polyfill Chrome's answer is the bare result and Firefox's a [result, exceptionInfo] pair, which a
 * list of frames cannot be told apart from.
 */
function evaluate(expression: string): Promise<unknown> {
  const native = (globalThis as unknown as { chrome?: { devtools?: { inspectedWindow?: { eval?: NativeEval } } } }).chrome?.devtools?.inspectedWindow;
  return new Promise((resolve, reject) => {
    if (!native?.eval) {
      reject(new Error('devtools.inspectedWindow.eval is not available'));
      return;
    }
    native.eval(expression, {}, (result, failure) => {
      if (failure && (failure.isException || failure.isError))
        reject(new Error(`the page could not run it: ${failure.value ?? failure.description ?? 'unknown error'}`));
      else resolve(result);
    });
  });
}

/**
 * The inspected page's web storage through DevTools' inspectedWindow.eval, which needs no permission: the probe functions of
 * page-storage.ts sent as their source, with their arguments as JSON.
 */
export const inspectedStorage = {
  async read(): Promise<FrameStorage[]> {
    const url = browser.devtools.inspectedWindow.tabId;
    try {
      return (await evaluate(`(${readPageStorage.toString()})(${PROBE_ITEM_LIMIT}, ${PROBE_VALUE_LIMIT})`)) as FrameStorage[];
    } catch (error) {
      return [{ frameUrl: `tab ${url}`, origin: '', error: `The page's storage could not be read: ${(error as Error).message}` }];
    }
  },
  async write(op: StorageWrite): Promise<StorageWriteAnswer> {
    try {
      return (await evaluate(`(${writePageStorage.toString()})(${JSON.stringify(op)})`)) as StorageWriteAnswer;
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  },
};
