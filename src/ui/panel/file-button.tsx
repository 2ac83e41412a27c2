import type { ComponentChildren } from 'preact';

/** A button that opens a file picker and hands over the picked file (the same file can be picked again). */
export function FileButton({ children, accept, label, onFile }: { children: ComponentChildren; accept: string; label: string; onFile(file: File): void }) {
  return (
    <label class="button-like">
      {children}
      <input
        type="file"
        accept={accept}
        aria-label={label}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          if (file) onFile(file);
          input.value = '';
        }}
      />
    </label>
  );
}
