import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { type Manifest, manifestFor, type Target } from './src/manifest.ts';

const fakeBrowser = fileURLToPath(new URL('./test/fake-browser/index.ts', import.meta.url));

/** `--mode node`: the package's Node side — the pure core as a library and the `cookie-lens` command. */
const nodeBuild = defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/node',
    emptyOutDir: true,
    rollupOptions: {
      input: { index: 'src/core/index.ts', 'cookie-lens': 'src/cli/cookie-lens.ts' },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});

/** `--mode bench`: the benchmark runner, bundled for node (bench/ imports the TypeScript sources). */
const benchBuild = defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/bench',
    emptyOutDir: true,
    rollupOptions: { input: { bench: 'bench/main.ts', accuracy: 'bench/accuracy.ts' }, output: { format: 'es', entryFileNames: '[name].js' } },
  },
});

export default defineConfig(({ mode }) => {
  if (mode === 'node') return nodeBuild;
  if (mode === 'bench') return benchBuild;
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  const manifest = manifestFor(target, baseManifest as Manifest, pkg.version);
  return {
    // Vitest runs in mode 'test': component tests need Preact but not the extension bundler.
    plugins: mode === 'test' ? [preact()] : [preact(), crx({ manifest: manifest as unknown as ManifestV3Export, browser: target })],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      // Firefox add-on review reads the shipped code: keep it unminified (readable without a source build).
      minify: target !== 'firefox' && !process.env.NO_MINIFY,
      // The extension loads its chunks from disk, so their size costs no download: Vite's 500 kB web warning
      // (the engine with its cookie database is one ~540 kB chunk) would only be noise in `npm start`.
      chunkSizeWarningLimit: 1024,
      // The preload polyfill fetch()es modules; the extension's CSP forbids every connection.
      modulePreload: { polyfill: false },
      // The panel page is only named from JS (devtools.panels.create), so crxjs cannot find it alone.
      // ASCII-only chunks: V8 keeps an all-ASCII script source one byte per character instead of two, which
      // halves what the worker holds for the engine's ~540 kB chunk (measured by `npm run bench -- heap`).
      rollupOptions: { input: { panel: 'src/devtools/panel.html' }, output: { charset: 'ascii' } },
    },
    test: {
      reporters: ['default', './test/summary-reporter.ts'],
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'], environment: 'node', alias: { 'webextension-polyfill': fakeBrowser } },
        },
        {
          extends: true,
          test: { name: 'ui', include: ['test/ui/**/*.test.tsx'], environment: 'happy-dom', alias: { 'webextension-polyfill': fakeBrowser } },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['test/e2e/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
