// Where Chromium lives and how to start it on a closed network; shared by the CLI, the tests and the bench.
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** An explicit path, else CHROME_PATH, else the usual install paths; undefined when none exists. */
export function findChromium(explicit?: string): string | undefined {
  const candidates = [explicit, process.env.CHROME_PATH, ...CHROMIUM_CANDIDATES].filter((p): p is string => Boolean(p));
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return candidates.find((p) => existsSync(p));
}

// Without these Chromium floods a closed network with background requests (update checks, sync, metrics).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--metrics-recording-only',
];
