import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findChromium } from '../../src/cli/chromium';

/** End-to-end tests always run against a fresh build of the current source. */
export default function setup(): void {
  if (!findChromium()) throw new Error('Chromium not found: install it (apt-get install -y chromium) or set CHROME_PATH.');
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../../node_modules/vite/bin/vite.js'), 'build', '--mode', 'chrome', '--logLevel', 'warn'], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: 'inherit',
  });
}
