import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';

const RESULTS = join(import.meta.dirname, '../../test-results/screenshots');
const DOCS = join(import.meta.dirname, '../../docs/screenshots');

/**
 * Every e2e run saves its screenshots under test-results/; `npm run screenshots` (UPDATE_SCREENSHOTS=1)
 * also copies them to docs/screenshots for the README, so a test run leaves the work tree clean.
 */
export async function screenshot(page: Page, name: string, docs = DOCS): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(docs, { recursive: true });
    copyFileSync(file, join(docs, `${name}.png`));
  }
  return file;
}

/** Store listing images (docs/store/): `npm run screenshots` refreshes them with the README's. */
export const STORE = join(import.meta.dirname, '../../docs/store');
