// The layers of src/ stay apart: core is pure and imports nothing outside core; the pages (ui, popup, devtools)
// never reach into the worker or the Node command; the command never imports the pages. Type imports count.
// Import cycles are Biome's `noImportCycles` (type imports included), run by static-checks.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm,
  ))
    out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** The top folder of src/ a relative import lands in ('messages.ts', 'protocol.ts' and 'manifest.ts' count as themselves). */
function layerOf(file: string): string {
  return relative(SRC, file)
    .split('/')[0]
    .replace(/\.tsx?$/, '');
}

/** `from` → the layers it may not import. */
const FORBIDDEN: Record<string, string[]> = {
  core: ['background', 'cli', 'ui', 'popup', 'devtools', 'messages', 'protocol', 'manifest'],
  // The protocol is types and guards: the transport (messages.ts) and the browser stay out of it.
  protocol: ['background', 'cli', 'ui', 'popup', 'devtools', 'messages', 'manifest'],
  ui: ['background', 'cli'],
  popup: ['background', 'cli'],
  devtools: ['background', 'cli'],
  cli: ['ui', 'popup', 'devtools'],
};
/** Packages that only a browser or only Node has: core may use neither. */
const CORE_PACKAGES = /^(webextension-polyfill|preact|puppeteer-core|node:)/;

function violations(): string[] {
  const out: string[] = [];
  for (const file of sources(SRC)) {
    const from = layerOf(file);
    const banned = FORBIDDEN[from] ?? [];
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const where = relative(SRC, file);
      if (spec.startsWith('.')) {
        const to = layerOf(resolve(dirname(file), spec));
        if (banned.includes(to)) out.push(`${where} imports ${spec} (${from} → ${to})`);
      } else if ((from === 'core' || from === 'protocol') && CORE_PACKAGES.test(spec))
        out.push(`${where} imports ${spec} (${from} → a browser or Node package)`);
    }
  }
  return out;
}

describe('layers of src/', () => {
  it('finds imports of every kind (the check can see what it checks)', () => {
    const text = [
      "import { a } from '../background/worker';",
      "import type { B } from '../cli/main';",
      "export { c } from './c';",
      "const d = await import('../ui/panel/panel-app');",
      "import './side-effect';",
    ].join('\n');
    expect(specifiers(text)).toEqual(['../background/worker', '../cli/main', './c', '../ui/panel/panel-app', './side-effect']);
  });

  it('core imports nothing outside core; the protocol nothing but core types; the pages never import the worker or the command; the command never the pages', () => {
    expect(violations()).toEqual([]);
  });
});
