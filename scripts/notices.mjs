// Writes public/THIRD-PARTY-NOTICES.txt — shipped in every build — with the licence of each library and data
// set the extension bundles (run `npm run notices` after adding one; a test fails when the file is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'public/THIRD-PARTY-NOTICES.txt');

/** What the extension and the package bundle: libraries (from node_modules) and data sets. */
export const BUNDLED = [
  { name: 'preact', what: 'UI library', licenceFile: 'node_modules/preact/LICENSE' },
  { name: 'webextension-polyfill', what: 'browser API promises', licenceFile: 'node_modules/webextension-polyfill/LICENSE' },
  { name: 'tldts', what: 'public suffix list', licenceFile: 'node_modules/tldts/LICENSE' },
  { name: 'tldts-core', what: 'public suffix list', licenceFile: 'node_modules/tldts-core/LICENSE' },
  { name: '@iabtcf/core', what: 'decodes IAB TCF v2 consent strings (euconsent-v2)', licenceFile: 'node_modules/@iabtcf/core/LICENSE' },
  { name: 'redos-detector', what: 'checks policy patterns for catastrophic backtracking', licenceFile: 'node_modules/redos-detector/LICENSE' },
  {
    name: 'third-party-web',
    what: 'data: third-party hosts and their entity and category (compacted into src/core/data/cookie-db.generated.ts)',
    licenceFile: 'node_modules/third-party-web/LICENSE',
  },
  {
    name: 'Open Cookie Database (jkwakman/Open-Cookie-Database, commit 0ee5a17fe1cb002943f89370d24fc26a4226061c)',
    what: 'data: cookie names, platforms, categories, descriptions, retention and privacy links. Changed by Cookie Lens: compacted (descriptions and links stored once), domains parsed, and zlib-compressed into src/core/data/cookie-db.generated.ts; Cookie Lens applies its own corrections on top at run time (src/core/data/corrections.ts)',
    licenceFile: 'data/open-cookie-database/LICENSE',
  },
];

export function notices() {
  const parts = ['Cookie Lens bundles the following third-party software and data. Each is listed with what it is used for and its licence.', ''];
  for (const b of BUNDLED) {
    const version = b.licenceFile.startsWith('node_modules/')
      ? ` ${JSON.parse(readFileSync(join(ROOT, dirname(b.licenceFile), 'package.json'), 'utf8')).version}`
      : '';
    parts.push('='.repeat(78), `${b.name}${version} — ${b.what}`, '-'.repeat(78), readFileSync(join(ROOT, b.licenceFile), 'utf8').trim(), '');
  }
  return `${parts.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUT, notices());
  console.log(`${OUT}: ${BUNDLED.length} entries`);
}
