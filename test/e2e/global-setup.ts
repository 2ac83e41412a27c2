import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findChromium } from '../../src/cli/chromium';

/** End-to-end tests always run against a fresh build of the current source: extension, package and types. */
export default function setup(): void {
  if (!findChromium()) throw new Error('Chromium not found: install it (apt-get install -y chromium) or set CHROME_PATH.');
  const root = resolve(import.meta.dirname, '../..');
  const vite = resolve(root, 'node_modules/vite/bin/vite.js');
  for (const mode of ['chrome', 'firefox', 'node'])
    execFileSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [resolve(root, 'scripts/fix-dts.mjs')], { cwd: root, stdio: 'inherit' });
}
