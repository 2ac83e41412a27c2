// The manifest is one file (manifest.json, Chrome's shape) turned into each browser's variant here,
// so adding a browser is a new branch of this function, not a second manifest to keep in step.
export type Target = 'chrome' | 'firefox';

export type Manifest = Record<string, unknown> & {
  version: string;
  background: { service_worker?: string; scripts?: string[]; type?: 'module' };
};

export const GECKO_ID = 'cookie-lens@cookie-lens.dev';
export const FIREFOX_MIN_VERSION = '142.0';

export function manifestFor(target: Target, base: Manifest, version: string): Manifest {
  const manifest: Manifest = { ...structuredClone(base), version };
  if (target === 'chrome') return manifest;
  const worker = base.background.service_worker;
  // Chrome's own key; Firefox warns about it (its minimum is strict_min_version below).
  const { minimum_chrome_version: _, ...common } = manifest;
  return {
    ...common,
    // Container names and colours, so cookies can be told apart per container (Firefox only).
    permissions: [...((manifest.permissions as string[]) ?? []), 'contextualIdentities'],
    background: { scripts: worker ? [worker] : [], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Cookie Lens collects nothing: cookies are read and judged inside the browser only.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
