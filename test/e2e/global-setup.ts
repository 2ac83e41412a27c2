import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findChromium } from '../../src/cli/chromium';

/**
 * End-to-end tests always run against a fresh build of the current source: extension, package and types —
 * built as it ships. Vitest sets NODE_ENV=test, which a build would inherit (Preact's preset then bundles
 * its devtools hook): the build gets NODE_ENV=production, as `npm run build` has.
 */
export const BUILD_ENV = { ...process.env, NODE_ENV: 'production' };

export default function setup(): void {
  if (!findChromium()) throw new Error('Chromium not found: install it (apt-get install -y chromium) or set CHROME_PATH.');
  const root = resolve(import.meta.dirname, '../..');
  const vite = resolve(root, 'node_modules/vite/bin/vite.js');
  for (const mode of ['chrome', 'firefox', 'node'])
    execFileSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: BUILD_ENV });
  execFileSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [resolve(root, 'scripts/fix-dts.mjs')], { cwd: root, stdio: 'inherit' });
}
