// The page's web storage beside its cookies — in the popup and in the panel: each origin's localStorage and
// sessionStorage items with their decoded form and the token-in-web-storage finding, edit and delete with undo,
// the frames that could not be read and the IndexedDB databases. Every value is rendered as text.
import { useState } from 'preact/hooks';
import { AREA_NAME, itemKey, type StorageItem, type StorageReport } from '../core/web-storage';
import type { StorageWrite, StorageWriteAnswer } from '../page-storage';
import { SeverityTag } from './badges';
import { FoldedText } from './folded-text';
import { plural } from './format';

export interface StorageListProps {
  storage: StorageReport | undefined;
  /** Items in the report beyond those listed (the popup's compact report keeps the first 300). */
  total?: number;
  /** Writes one item; absent: read only. */
  write?: (op: StorageWrite) => Promise<StorageWriteAnswer>;
  /** After a write: read the page again. */
  reload(): void;
}

/** What the last edit or delete did, with its undo. */
interface Done {
  text: string;
  undo?: StorageWrite;
}

const SHOWN = 300;

function ItemRow({ item, onWrite }: { item: StorageItem; onWrite?: (op: StorageWrite, what: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const op = (value: string | null): StorageWrite => ({ origin: item.origin, area: item.area, key: item.key, value });
  return (
    <li class="storage-item" data-key={item.key} data-area={item.area}>
      <div class="storage-line">
        <button type="button" class="link-button storage-key" aria-expanded={open} onClick={() => setOpen(!open)}>
          {item.key || '(empty key)'}
        </button>
        <span class="badge">{AREA_NAME[item.area]}</span>
        {item.decoded && <span class="badge badge-decoded">{item.formatName ?? item.decoded.format}</span>}
        {item.credential && (
          <span class="storage-credential">
            <SeverityTag severity={item.credential.severity} /> {item.credential.what}
          </span>
        )}
        <span class="muted storage-size">{plural(item.length, 'character')}</span>
      </div>
      <FoldedText text={item.value} limit={SHOWN} as="code" class="storage-value" />
      {item.cut && <p class="muted">The value is {item.length.toLocaleString('en-US')} characters; the first ones are shown.</p>}
      {open && (
        <div class="storage-details">
          <p class="muted">
            {item.origin} · read in {item.frameUrl}
          </p>
          {item.decoded?.payload !== undefined && <pre class="storage-decoded">{JSON.stringify(item.decoded.payload, null, 2)}</pre>}
          {item.credential && (
            <p>
              Any script on {item.origin} can read this item — there is no HttpOnly for web storage. Keep the session in an HttpOnly, Secure, SameSite cookie
              (or a backend-for-frontend that holds the tokens).
            </p>
          )}
        </div>
      )}
      {onWrite && editing === null && (
        <div class="storage-actions">
          <button
            type="button"
            disabled={item.cut}
            title={item.cut ? 'Too long to edit here: only its start was read' : undefined}
            onClick={() => setEditing(item.value)}
          >
            Edit
          </button>
          <button type="button" onClick={() => void onWrite(op(null), `Deleted ${AREA_NAME[item.area]} "${item.key}".`)}>
            Delete
          </button>
        </div>
      )}
      {onWrite && editing !== null && (
        <div class="storage-edit">
          <textarea aria-label={`New value of ${item.key}`} value={editing} onInput={(e) => setEditing((e.target as HTMLTextAreaElement).value)} />
          <button
            type="button"
            onClick={() => {
              const value = editing;
              setEditing(null);
              void onWrite(op(value), `Saved ${AREA_NAME[item.area]} "${item.key}".`);
            }}
          >
            Save
          </button>
          <button type="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}

export function StorageList({ storage, total, write, reload }: StorageListProps) {
  const [done, setDone] = useState<Done | null>(null);
  if (!storage) return <p class="empty">Reading the page's storage…</p>;
  const onWrite = write
    ? async (op: StorageWrite, text: string) => {
        const answer = await write(op);
        if (!answer.ok) setDone({ text: `Not written: ${answer.error}` });
        else setDone({ text, undo: { ...op, value: answer.previous } });
        reload();
      }
    : undefined;
  const undo = async (op: StorageWrite) => {
    const answer = write && (await write(op));
    setDone({ text: answer && !answer.ok ? `Undo failed: ${answer.error}` : `Undone: ${AREA_NAME[op.area]} "${op.key}" is back as it was.` });
    reload();
  };
  const origins = [...new Set(storage.items.map((i) => i.origin))];
  const unreadable = storage.frames.filter((f) => f.error);
  const unread = storage.frames.reduce((n, f) => n + f.unread, 0);
  return (
    <div class="storage-list">
      {done && (
        <p class="storage-done" role="status">
          {done.text}{' '}
          {done.undo && (
            <button type="button" class="link-button" onClick={() => done.undo && void undo(done.undo)}>
              Undo
            </button>
          )}
        </p>
      )}
      {storage.items.length === 0 && <p class="empty">No localStorage or sessionStorage items on this page's origins.</p>}
      {origins.map((origin) => {
        const items = storage.items.filter((i) => i.origin === origin);
        return (
          <section key={origin} class="storage-origin">
            <h3>
              {origin} <span class="muted">({plural(items.length, 'item')})</span>
            </h3>
            <ul>
              {items.map((item) => (
                <ItemRow key={itemKey(item)} item={item} onWrite={onWrite} />
              ))}
            </ul>
          </section>
        );
      })}
      {total !== undefined && total > storage.items.length && (
        <p class="muted">
          {storage.items.length} of {total} items listed here; the panel lists them all.
        </p>
      )}
      {unread > 0 && <p class="muted">{plural(unread, 'more item')} not read: a page may keep thousands; the first 500 per area are read.</p>}
      {unreadable.length > 0 && (
        <section class="storage-unreadable">
          <h3>Not read</h3>
          <ul>
            {unreadable.map((f) => (
              <li key={f.frameUrl}>
                <code>{f.frameUrl}</code>: {f.error}
              </li>
            ))}
          </ul>
        </section>
      )}
      {(storage.indexedDB.length > 0 || storage.indexedDBErrors.length > 0) && (
        <section class="storage-idb">
          <h3>IndexedDB</h3>
          {Object.entries(storage.indexedDBBytes ?? {}).map(([origin, bytes]) => (
            <p key={origin} class="muted" data-testid="idb-bytes">
              {origin}: about {bytes < 1024 ? plural(bytes, 'byte') : `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`} on disk, by
              the browser's estimate
            </p>
          ))}
          <ul>
            {storage.indexedDB.map((db) => (
              <li key={`${db.origin} ${db.name}`}>
                <strong>{db.name}</strong>
                {db.version !== undefined && <span class="muted"> v{db.version}</span>} <span class="muted">({db.origin})</span>
                {db.error ? (
                  <span>: could not be opened ({db.error})</span>
                ) : (
                  <span>
                    {': '}
                    {db.stores.length === 0
                      ? 'no object stores'
                      : db.stores.map((s) => `${s.name} (${s.count === undefined ? '? records' : plural(s.count, 'record')})`).join(', ')}
                  </span>
                )}
              </li>
            ))}
            {storage.indexedDBErrors.map((e) => (
              <li key={e.origin}>
                {e.origin}: IndexedDB could not be listed ({e.error})
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
