#!/usr/bin/env node
// `npm run package`: the release artifacts, from the build `npm run build` just made (versions from
// package.json, which the build writes into both manifests):
//   artifacts/cookie-lens-chrome-<version>.zip   the Chrome Web Store upload (dist/chrome)
//   artifacts/cookie-lens-firefox-<version>.zip  the addons.mozilla.org upload (dist/firefox, `web-ext build`)
//   artifacts/cookie-lens-source-<version>.zip   the sources AMO asks for when code is bundled, with BUILD.md
// Zips are made by web-ext (Mozilla's own packager), which also leaves out dotfiles and node_modules.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = join(ROOT, 'artifacts');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const webExt = join(ROOT, 'node_modules/web-ext/bin/web-ext.js');

function zip(sourceDir, filename) {
  execFileSync(process.execPath, [webExt, 'build', '--source-dir', sourceDir, '--artifacts-dir', ARTIFACTS, '--filename', filename, '--overwrite-dest'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`  artifacts/${filename}`);
}

for (const target of ['chrome', 'firefox']) {
  const manifest = join(ROOT, 'dist', target, 'manifest.json');
  if (!existsSync(manifest)) throw new Error(`dist/${target} is missing: run npm run build first (npm run package does)`);
  const built = JSON.parse(readFileSync(manifest, 'utf8')).version;
  if (built !== version) throw new Error(`dist/${target} is version ${built}, package.json ${version}: rebuild`);
}

mkdirSync(ARTIFACTS, { recursive: true });
console.log(`Cookie Lens ${version}:`);
zip(join(ROOT, 'dist/chrome'), `cookie-lens-chrome-${version}.zip`);
zip(join(ROOT, 'dist/firefox'), `cookie-lens-firefox-${version}.zip`);

// The source archive: what git tracks (a reviewer rebuilds from it), plus how to build.
const stage = mkdtempSync(join(tmpdir(), 'cookie-lens-source-'));
try {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const rel of files) {
    if (!existsSync(join(ROOT, rel))) continue;
    mkdirSync(dirname(join(stage, rel)), { recursive: true });
    cpSync(join(ROOT, rel), join(stage, rel));
  }
  writeFileSync(
    join(stage, 'BUILD.md'),
    `# Building Cookie Lens ${version} from this source

Needs Node.js 20.19 or later and npm (any OS; tested on Debian 12, Node 20).

    npm ci
    npm run build

The Firefox add-on is then \`dist/firefox/\` (the Chrome extension \`dist/chrome/\`). Its code is bundled by Vite
from \`src/\`; the Firefox build is not minified, so it can be compared with this source file by file.
Every dependency comes from npm at the versions in \`package-lock.json\`; nothing is downloaded at build time
beyond \`npm ci\`. \`npm run package\` makes the same zips the stores received.
`,
  );
  zip(stage, `cookie-lens-source-${version}.zip`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
