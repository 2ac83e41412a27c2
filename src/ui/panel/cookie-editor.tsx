import { useState } from 'preact/hooks';
import { type Cookie, cookieHost, type SameSite } from '../../core/cookie';
import { writeProblem } from '../../core/cookie-check';
import type { CookieWrite } from '../../protocol';
import { localDateTime } from '../format';

interface Draft {
  name: string;
  value: string;
  host: string;
  hostOnly: boolean;
  path: string;
  session: boolean;
  /** datetime-local value, local time. */
  expires: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  partitioned: boolean;
  topLevelSite: string;
}

/** A datetime-local value: the reader's own time, as every date in the UI. */
const toLocal = (seconds: number) => localDateTime(seconds * 1000).replace(' ', 'T');

function draftOf(c: Partial<Cookie>, defaultHost: string, defaultSite: string): Draft {
  return {
    name: c.name ?? '',
    value: c.value ?? '',
    host: c.domain ? cookieHost({ domain: c.domain }) : defaultHost,
    hostOnly: c.hostOnly ?? true,
    path: c.path ?? '/',
    session: c.session ?? true,
    expires: c.expirationDate ? toLocal(c.expirationDate) : toLocal(Date.now() / 1000 + 86400),
    secure: c.secure ?? true,
    httpOnly: c.httpOnly ?? false,
    sameSite: c.sameSite ?? 'lax',
    partitioned: Boolean(c.partitionKey?.topLevelSite),
    topLevelSite: c.partitionKey?.topLevelSite ?? defaultSite,
  };
}

export function writeOf(d: Draft, storeId: string | undefined): CookieWrite {
  return {
    name: d.name,
    value: d.value,
    domain: d.hostOnly ? d.host : `.${d.host}`,
    hostOnly: d.hostOnly,
    path: d.path || '/',
    secure: d.secure,
    httpOnly: d.httpOnly,
    sameSite: d.sameSite,
    session: d.session,
    // Without a zone, a date-time string is local time (ECMAScript Date.parse), as the input shows it.
    ...(d.session ? {} : { expirationDate: Date.parse(d.expires) / 1000 }),
    ...(storeId ? { storeId } : {}),
    ...(d.partitioned ? { partitionKey: { topLevelSite: d.topLevelSite } } : {}),
  };
}

/** What the browser will say about this cookie, checked before sending it: the same check imports use. */
export function precheck(d: Draft): string | null {
  if (!d.host) return 'A domain is needed.';
  return writeProblem(writeOf(d, undefined));
}

interface Props {
  /** The cookie being edited; undefined to create one. */
  cookie?: Cookie;
  defaultHost: string;
  defaultSite: string;
  /** Where a new cookie goes: the inspected tab's store (a Firefox container, a private window). */
  defaultStoreId?: string;
  error?: string;
  onSave(write: CookieWrite): void;
  onCancel(): void;
}

export function CookieEditor({ cookie, defaultHost, defaultSite, defaultStoreId, error, onSave, onCancel }: Props) {
  const [d, setD] = useState<Draft>(() => draftOf(cookie ?? {}, defaultHost, defaultSite));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((x) => ({ ...x, [key]: value }));
  const problem = precheck(d);
  const text = (key: 'name' | 'host' | 'path' | 'topLevelSite', label: string) => (
    <label>
      {label}
      <input name={key} value={d[key]} onInput={(e) => set(key, (e.target as HTMLInputElement).value)} />
    </label>
  );
  const check = (key: 'hostOnly' | 'session' | 'secure' | 'httpOnly' | 'partitioned', label: string) => (
    <label class="check">
      <input type="checkbox" name={key} checked={d[key]} onChange={(e) => set(key, (e.target as HTMLInputElement).checked)} /> {label}
    </label>
  );
  return (
    <div class="modal-backdrop" role="dialog" aria-modal="true" aria-label={cookie ? `Edit cookie ${cookie.name}` : 'Add a cookie'}>
      <form
        class="editor"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) onSave(writeOf(d, cookie ? cookie.storeId : defaultStoreId));
        }}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <h2>{cookie ? `Edit "${cookie.name}"` : 'Add a cookie'}</h2>
        {text('name', 'Name')}
        <label>
          Value
          <textarea name="value" rows={3} value={d.value} onInput={(e) => set('value', (e.target as HTMLTextAreaElement).value)} />
        </label>
        {text('host', 'Domain')}
        {check('hostOnly', 'Host-only (no Domain attribute)')}
        {text('path', 'Path')}
        {check('session', 'Session cookie (no expiry)')}
        {!d.session && (
          <label>
            Expires (your time)
            <input type="datetime-local" name="expires" value={d.expires} onInput={(e) => set('expires', (e.target as HTMLInputElement).value)} />
          </label>
        )}
        {check('secure', 'Secure')}
        {check('httpOnly', 'HttpOnly')}
        <label>
          SameSite
          <select name="sameSite" value={d.sameSite} onChange={(e) => set('sameSite', (e.target as HTMLSelectElement).value as SameSite)}>
            <option value="unspecified">not set</option>
            <option value="lax">Lax</option>
            <option value="strict">Strict</option>
            <option value="no_restriction">None</option>
          </select>
        </label>
        {check('partitioned', 'Partitioned (CHIPS)')}
        {d.partitioned && text('topLevelSite', 'Top-level site of the partition')}
        {(problem || error) && (
          <p class="error" role="alert">
            {problem ?? error}
          </p>
        )}
        <div class="editor-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={problem !== null}>
            Save
          </button>
        </div>
      </form>
    </div>
  );
}
