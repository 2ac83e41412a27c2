import { refKey } from '../../core/cookie';
import { plural } from '../format';
import type { ImportState } from './use-import';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The import, step by step: reading the file (progress, Cancel), the checks, the review — with any
 * problem nothing can be imported, and the first ones are listed — and the writing (progress, Cancel).
 */
export function ImportDialog({ state, onConfirm, onCancel }: { state: ImportState; onConfirm(): void; onCancel(): void }) {
  const ready = state.step === 'review' && state.problemCount === 0 && (state.result.cookies.length > 0 || Boolean(state.result.origins?.length));
  const busy = state.step === 'reading' || state.step === 'checking' || state.step === 'writing';
  return (
    <div class="modal-backdrop">
      <div class="editor import-dialog" role="dialog" aria-modal="true" aria-label="Import cookies" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <h2>Import cookies from {state.file}</h2>
        {state.step === 'reading' && (
          <p role="status">
            Reading… {Math.min(100, Math.round((100 * state.read) / (state.size || 1)))}%
            <progress max={state.size || 1} value={Math.min(state.read, state.size)} />
          </p>
        )}
        {state.step === 'checking' && <p role="status">Checking every cookie against the browser’s rules and limits…</p>}
        {state.step === 'writing' && (
          <p role="status">
            Writing… {count(state.done)} of {count(state.total)} cookies
            <progress max={state.total || 1} value={state.done} />
          </p>
        )}
        {state.step === 'review' &&
          (state.problemCount > 0 ? (
            <>
              <p class="error" role="alert">
                Nothing will be imported: fix {plural(state.problemCount, 'problem')} first.
              </p>
              <ul class="import-errors">
                {state.problems.map((e) => (
                  <li key={e}>{e}</li>
                ))}
                {state.problemCount > state.problems.length && <li>… and {count(state.problemCount - state.problems.length)} more</li>}
              </ul>
            </>
          ) : state.result.cookies.length === 0 && !state.result.origins?.length ? (
            <p>The file holds no cookies.</p>
          ) : (
            <>
              <p>
                {plural(state.result.cookies.length, 'cookie')} ({state.result.format === 'json' ? 'JSON' : 'cookies.txt'}) ready to import. Each passed the
                browser’s rules and the store has room for them. All of them are written, or none: if the browser refuses one, the others are rolled back.
              </p>
              {state.result.origins?.length ? (
                <p data-testid="import-origins">
                  A Playwright storageState: after the cookies, its localStorage is written too —{' '}
                  {state.result.origins.map((o) => `${plural(o.localStorage.length, 'item')} for ${o.origin}`).join(', ')} (only an origin open in this tab can
                  be written).
                </p>
              ) : null}
              <ul class="import-list">
                {state.result.cookies.slice(0, 50).map((c) => (
                  <li key={refKey(c)}>
                    {c.name} — {c.domain}
                    {c.path}
                  </li>
                ))}
                {state.result.cookies.length > 50 && <li>… and {state.result.cookies.length - 50} more</li>}
              </ul>
            </>
          ))}
        <div class="editor-actions">
          <button type="button" onClick={onCancel}>
            {busy || ready ? 'Cancel' : 'Close'}
          </button>
          {ready && (
            <button type="button" class="primary" onClick={onConfirm}>
              Import
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
