// One theme source per context: DevTools' own theme in its panel (a developer may keep DevTools light on a
// dark system), the system's everywhere else. The stylesheets follow only these classes, never the media
// query directly, so a badge cannot take the dark palette on a light panel.

/** Sets the document's theme: `theme-dark` or `theme-light` on the root element. */
export function applyTheme(dark: boolean): void {
  const root = document.documentElement;
  root.classList.toggle('theme-dark', dark);
  root.classList.toggle('theme-light', !dark);
}

/** Follows the system's light or dark preference, live; returns the function that stops following it. */
export function followSystemTheme(): () => void {
  const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  applyTheme(query?.matches ?? false);
  if (!query) return () => undefined;
  const onChange = (e: MediaQueryListEvent) => applyTheme(e.matches);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
