import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

/**
 * A real button that opens a file picker and hands over the picked file (the same file can be picked
 * again). A button, not a label around a hidden input: a label cannot be focused, so the picker was
 * mouse-only.
 */
export function FileButton({ children, accept, label, onFile }: { children: ComponentChildren; accept: string; label: string; onFile(file: File): void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="button-like" title={label} onClick={() => input.current?.click()}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        accept={accept}
        aria-label={label}
        onChange={(e) => {
          const target = e.target as HTMLInputElement;
          const file = target.files?.[0];
          if (file) onFile(file);
          target.value = '';
        }}
      />
    </>
  );
}
