// Makes the emitted declarations (dist/node/types) resolve under `moduleResolution: nodenext`, where
// relative imports need their file extension ("./cookie" → "./cookie.js", "./decode" → "./decode/index.js").
// Hand-written because it is 30 lines: tsc-alias does this too but brings a dozen packages, and TypeScript's
// own rewriteRelativeImportExtensions would need ".ts" written in every import of the source.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../dist/node/types');

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (name.endsWith('.d.ts')) yield path;
  }
}

for (const file of files(ROOT)) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g, (whole, lead, quote, spec) => {
    if (/\.(js|mjs|cjs|json)$/.test(spec)) return whole;
    const base = resolve(dirname(file), spec);
    if (existsSync(`${base}.d.ts`)) return `${lead}${quote}${spec}.js${quote}`;
    if (existsSync(join(base, 'index.d.ts'))) return `${lead}${quote}${spec}/index.js${quote}`;
    throw new Error(`${file}: cannot resolve the declaration import "${spec}"`);
  });
  if (fixed !== text) {
    writeFileSync(file, fixed);
  }
}
