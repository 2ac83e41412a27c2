import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../src/core');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// Only relative imports and libraries that are themselves pure may appear in src/core.
const ALLOWED_PACKAGES = new Set(['tldts', 'redos-detector', '@iabtcf/core']);
const BANNED = [
  /\bdocument\./,
  /\bwindow\./,
  /\bchrome\./,
  /\bbrowser\./,
  /\bfetch\s*\(/,
  /\bXMLHttpRequest\b/,
  /\bWebSocket\b/,
  /\bnavigator\.sendBeacon\b/,
  // The global, not a property of that name (Playwright's storageState has `origins[].localStorage`).
  /(?<![.\w])localStorage\b(?!\s*:)/,
  /\binnerHTML\b/,
  /\bimportScripts\b/,
  /\beval\s*\(/,
  /new Function\s*\(/,
];

/** The banned patterns found in a source text; prose in strings is not code, so strings go first. */
function impurities(text: string): string[] {
  const code = text
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""')
    .replace(/\/\/.*$/gm, '')
    .replace(/\/\*[\s\S]*?\*\//g, '');
  return BANNED.filter((re) => re.test(code)).map(String);
}

describe('src/core stays pure', () => {
  it('the checker catches DOM and network use in code but not in prose', () => {
    expect(impurities('const t = document.title;')).toHaveLength(1);
    expect(impurities('await fetch(url);')).toHaveLength(1);
    expect(impurities("const doc = 'scripts read document.cookie';")).toEqual([]);
    expect(impurities('localStorage.getItem(k);')).toHaveLength(1);
    expect(impurities('const o = { localStorage: items }; use(o.localStorage);')).toEqual([]);
  });

  const files = sources(CORE);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const file of files) {
    const name = relative(CORE, file);
    const text = readFileSync(file, 'utf8');
    it(`${name} imports only relative modules and pure libraries`, () => {
      // Type-only imports (`import type … from 'sarif'`) vanish from the build; only runtime imports count.
      const runtime = text.replace(/^import type [^;]+;$/gm, '');
      const specifiers = [...runtime.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
      const foreign = specifiers.filter((s) => !s.startsWith('.') && !ALLOWED_PACKAGES.has(s));
      expect(foreign).toEqual([]);
    });
    it(`${name} uses no DOM, extension or network API`, () => {
      expect(impurities(text)).toEqual([]);
    });
  }
});
