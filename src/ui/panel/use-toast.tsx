import { useEffect, useState } from 'preact/hooks';
import type { Cookie } from '../../core/cookie';
import { request } from '../../messages';
import { plural } from '../format';

interface ToastState {
  message: string;
  /** Deleted cookies to write back, or an action that undoes what was done and says how it went. */
  undo?: Cookie[] | (() => Promise<string>);
}

/**
 * The panel's one message line. A toast goes away by itself; one with Undo (cookies deleted) stays longer,
 * and its Undo restores them through the worker, then calls `restored`.
 */
export function useToast(restored: () => void) {
  const [toast, setToast] = useState<ToastState | null>(null);
  useEffect(() => {
    if (!toast) return undefined;
    const timer = setTimeout(() => setToast(null), toast.undo ? 15_000 : 5_000);
    return () => clearTimeout(timer);
  }, [toast]);

  const say = (message: string, undo?: ToastState['undo']) => setToast({ message, undo });
  const undo = async (what: NonNullable<ToastState['undo']>) => {
    if (typeof what === 'function') {
      say(await what());
      restored();
      return;
    }
    const r = await request('restoreCookies', { cookies: what });
    const parts = [`Restored ${plural(r.restored.length, 'cookie')}.`];
    if (r.leftAlone.length) parts.push(`Left alone: ${r.leftAlone.map((l) => `"${l.name}" (${l.reason})`).join('; ')}.`);
    if (r.errors.length) parts.push(`Not restored: ${r.errors.map((e) => `"${e.name}": ${e.message}`).join('; ')}`);
    say(parts.join(' '));
    restored();
  };

  const view = toast && (
    <div class="toast" role="status">
      <span>{toast.message}</span>
      {toast.undo && (typeof toast.undo === 'function' || toast.undo.length > 0) && (
        <button type="button" onClick={() => toast.undo && void undo(toast.undo)}>
          Undo
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={() => setToast(null)}>
        ×
      </button>
    </div>
  );
  return { say, view };
}
