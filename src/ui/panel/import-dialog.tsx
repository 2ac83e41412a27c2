import type { ImportResult } from '../../core/transfer';
import { plural } from '../format';

/** Shows what an import file holds; with any bad line nothing can be imported, and every line is listed. */
export function ImportDialog({ result, onConfirm, onCancel }: { result: ImportResult; onConfirm(): void; onCancel(): void }) {
  const ok = result.errors.length === 0 && result.cookies.length > 0;
  return (
    <div class="modal-backdrop">
      <div class="editor import-dialog" role="dialog" aria-modal="true" aria-label="Import cookies" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <h2>Import cookies ({result.format === 'json' ? 'JSON' : 'cookies.txt'})</h2>
        {result.errors.length > 0 ? (
          <>
            <p class="error" role="alert">
              Nothing will be imported: fix {plural(result.errors.length, 'problem')} first.
            </p>
            <ul class="import-errors">
              {result.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </>
        ) : result.cookies.length === 0 ? (
          <p>The file holds no cookies.</p>
        ) : (
          <>
            <p>
              {plural(result.cookies.length, 'cookie')} ready to import. All of them are written, or none (if the browser refuses one, the others are rolled
              back).
            </p>
            <ul class="import-list">
              {result.cookies.slice(0, 50).map((c) => (
                <li key={`${c.name}|${c.domain}|${c.path}`}>
                  {c.name} — {c.domain}
                  {c.path}
                </li>
              ))}
              {result.cookies.length > 50 && <li>… and {result.cookies.length - 50} more</li>}
            </ul>
          </>
        )}
        <div class="editor-actions">
          <button type="button" onClick={onCancel}>
            {ok ? 'Cancel' : 'Close'}
          </button>
          {ok && (
            <button type="button" class="primary" onClick={onConfirm}>
              Import
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
