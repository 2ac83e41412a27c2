// The functions that run inside the inspected page to read and write its web storage: the DevTools panel sends
// them as text through `devtools.inspectedWindow.eval`, the worker through `scripting.executeScript` (popup, tab
// views, audit). Each is self-contained — no imports, no outer names, plain ES2020 — because both ways send the
// function's source, not a closure. Types come from core/web-storage.ts and are erased.
import type { FrameStorage, StorageArea } from './core/web-storage';

export interface StorageWrite {
  origin: string;
  area: StorageArea;
  key: string;
  /** null removes the item. */
  value: string | null;
}

/** Every item of one origin's localStorage replaced by these (a profile switch: the other user's tokens must go). */
export interface StorageReplace {
  origin: string;
  replaceAll: { name: string; value: string }[];
}

export type StorageWriteAnswer = { ok: true; previous: string | null } | { ok: false; error: string };

/**
 * localStorage and sessionStorage of the top frame and of every same-origin frame (nested ones too); a
 * cross-origin frame is listed with why it was not read; a second frame of an origin is listed without reading
 * the same storage again. At most `itemLimit` items per area and `valueLimit` characters per value are read;
 * the rest is counted. Synchronous, so `inspectedWindow.eval` can return it.
 */
export function readPageStorage(itemLimit: number, valueLimit: number): FrameStorage[] {
  const out: FrameStorage[] = [];
  const message = (e: unknown) => (e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e));
  const readArea = (w: Window, area: 'localStorage' | 'sessionStorage') => {
    const s = w[area];
    const items: [string, string, number][] = [];
    for (let i = 0; i < s.length && items.length < itemLimit; i++) {
      const key = s.key(i);
      if (key === null) continue;
      const value = s.getItem(key) ?? '';
      items.push([key, value.length > valueLimit ? value.slice(0, valueLimit) : value, value.length]);
    }
    return { items, unread: Math.max(0, s.length - items.length) };
  };
  // Frames of one origin share its storage (sessionStorage per tab and origin): each origin is read once.
  const readOrigins = new Set<string>();
  const visit = (w: Window, depth: number) => {
    const entry: FrameStorage = { frameUrl: w.location.href, origin: w.location.origin };
    const errors: string[] = [];
    const unread = { local: 0, session: 0 };
    const again = readOrigins.has(entry.origin);
    readOrigins.add(entry.origin);
    for (const [area, key] of again
      ? []
      : ([
          ['localStorage', 'local'],
          ['sessionStorage', 'session'],
        ] as const)) {
      try {
        const r = readArea(w, area);
        entry[key] = r.items;
        unread[key] = r.unread;
      } catch (e) {
        errors.push(`${area} could not be read: ${message(e)}`);
      }
    }
    if (unread.local || unread.session) entry.unread = unread;
    if (errors.length) entry.error = errors.join('; ');
    out.push(entry);
    if (depth > 4) return;
    const frames = w.document.querySelectorAll('iframe, frame');
    for (const el of Array.from(frames)) {
      const child = (el as HTMLIFrameElement).contentWindow;
      const src = (el as HTMLIFrameElement).src || '(no src)';
      if (!child) continue;
      let href: string | undefined;
      try {
        href = child.location.href;
      } catch {
        href = undefined;
      }
      if (href === undefined) out.push({ frameUrl: src, origin: '', error: 'a cross-origin frame: its storage belongs to its own origin and is not read' });
      else if (/^https?:/.test(href)) visit(child, depth + 1);
    }
  };
  visit(window, 0);
  return out;
}

/** The top frame's IndexedDB databases: names, versions, object stores, their record counts and the bytes the browser says they use (async: worker only). */
export async function readIndexedDb(timeoutMs: number): Promise<Pick<FrameStorage, 'indexedDB' | 'indexedDBError' | 'indexedDBBytes'>> {
  const message = (e: unknown) => (e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e));
  const withTimeout = <T>(p: Promise<T>, what: string) =>
    Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs))]);
  try {
    const list = await withTimeout(indexedDB.databases(), 'indexedDB.databases()');
    const dbs = [];
    for (const info of list.slice(0, 50)) {
      const name = info.name ?? '';
      try {
        const db = await withTimeout(
          new Promise<IDBDatabase>((resolve, reject) => {
            // Opened without a version: an existing database opens as it is; it is never upgraded here.
            const req = indexedDB.open(name);
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
            req.onblocked = () => reject(new Error('blocked by a pending upgrade'));
          }),
          `opening ${name}`,
        );
        const storeNames = Array.from(db.objectStoreNames).slice(0, 100);
        const stores = [];
        for (const store of storeNames) {
          const count = await withTimeout(
            new Promise<number>((resolve, reject) => {
              const req = db.transaction(store, 'readonly').objectStore(store).count();
              req.onsuccess = () => resolve(req.result);
              req.onerror = () => reject(req.error);
            }),
            `counting ${store}`,
          ).catch(() => undefined);
          stores.push(count === undefined ? { name: store } : { name: store, count });
        }
        db.close();
        dbs.push({ name, version: info.version, stores });
      } catch (e) {
        dbs.push({ name, version: info.version, stores: [], error: message(e) });
      }
    }
    // The browser's own estimate of the bytes the origin's IndexedDB takes (Chrome splits usage by kind; Firefox does not).
    const estimate = (await withTimeout(navigator.storage?.estimate?.() ?? Promise.resolve(undefined), 'navigator.storage.estimate()').catch(
      () => undefined,
    )) as { usageDetails?: { indexedDB?: number } } | undefined;
    const bytes = estimate?.usageDetails?.indexedDB;
    return typeof bytes === 'number' ? { indexedDB: dbs, indexedDBBytes: bytes } : { indexedDB: dbs };
  } catch (e) {
    return { indexedDBError: message(e) };
  }
}

/**
 * Sets or removes one item in the frame of `origin` (the top frame or a same-origin one) and answers the value
 * before; or replaces that origin's whole localStorage (`replaceAll`) and answers null.
 */
export function writePageStorage(op: StorageWrite | StorageReplace): StorageWriteAnswer {
  const find = (w: Window, depth: number): Window | undefined => {
    if (w.location.origin === op.origin) return w;
    if (depth > 4) return undefined;
    for (const el of Array.from(w.document.querySelectorAll('iframe, frame'))) {
      const child = (el as HTMLIFrameElement).contentWindow;
      try {
        const found = child && find(child, depth + 1);
        if (found) return found;
      } catch {
        // a cross-origin frame
      }
    }
    return undefined;
  };
  try {
    const w = find(window, 0);
    if (!w) return { ok: false, error: `No frame of ${op.origin} is open in this page now.` };
    if ('replaceAll' in op) {
      w.localStorage.clear();
      for (const { name, value } of op.replaceAll) w.localStorage.setItem(name, value);
      return { ok: true, previous: null };
    }
    const s = op.area === 'local' ? w.localStorage : w.sessionStorage;
    const previous = s.getItem(op.key);
    if (op.value === null) s.removeItem(op.key);
    else s.setItem(op.key, op.value);
    return { ok: true, previous };
  } catch (e) {
    return { ok: false, error: e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e) };
  }
}
