// `cookie-lens convert FILE --to FORMAT [--url URL]`: a saved session for another test tool — e.g. the storageState
// `audit --save-storage-state` wrote, as curl commands, Puppeteer or CDP cookies, Selenium cookies or fetch() calls.
// The same reader as the panel's import (every problem listed, nothing converted from a bad file) and the same
// writers as the panel's export.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Cookie } from '../core/cookie';
import { type ExportFormat, exportCookies, parseImport } from '../core/transfer';
import { fileProblem, UsageError } from './errors';

export const CONVERT_FORMATS: readonly ExportFormat[] = ['storage-state', 'puppeteer', 'cdp', 'selenium', 'curl', 'fetch', 'header', 'json', 'netscape'];

export const CONVERT_USAGE = `Usage: cookie-lens convert <file> --to ${CONVERT_FORMATS.join('|')} [--url URL]

Reads cookies from a Playwright storageState (what audit --save-storage-state writes), CDP or Puppeteer cookie
JSON, Cookie Lens or Cookie-Editor JSON, or a Netscape cookies.txt, and prints them for another tool. curl,
fetch() and Cookie headers are one per request URL, with the cookies the browser would send there: --url is the
page the requests start from (default: https:// and the first cookie's host). A storageState's localStorage is
kept when converting to storage-state. Exit 2 when the file has problems (each listed; nothing is printed).`;

export function convert(args: string[], write: (text: string) => void, log: (line: string) => void): number {
  let parsed: ReturnType<typeof parseArgs<{ options: { to: { type: 'string' }; url: { type: 'string' } }; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options: { to: { type: 'string' }, url: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`convert: ${(error as Error).message}`);
  }
  const [file, ...extra] = parsed.positionals;
  const to = parsed.values.to as ExportFormat | undefined;
  if (!file || extra.length) throw new UsageError(`convert takes one file.\n${CONVERT_USAGE}`);
  if (!to || !CONVERT_FORMATS.includes(to)) throw new UsageError(`convert needs --to ${CONVERT_FORMATS.join('|')}.`);
  const url = parsed.values.url;
  if (url !== undefined && !/^https?:\/\/[^/\s]+/i.test(url)) throw new UsageError(`--url must be an http or https URL, not "${url}".`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${fileProblem(error)}`);
  }
  const result = parseImport(text);
  if (result.errorCount) {
    log(`cookie-lens: ${file} has ${result.errorCount} problem${result.errorCount === 1 ? '' : 's'}; nothing converted:`);
    for (const e of result.errors) log(`  ${e}`);
    if (result.errorCount > result.errors.length) log(`  … and ${(result.errorCount - result.errors.length).toLocaleString('en-US')} more`);
    return 2;
  }
  const cookies: Cookie[] = result.cookies.map((c) => ({ ...c, session: c.expirationDate === undefined, storeId: '0' }));
  write(exportCookies(cookies, to, url, result.origins ?? []));
  const kind = result.origins ? 'a Playwright storageState' : result.format === 'json' ? 'JSON' : 'cookies.txt';
  log(`Converted ${cookies.length} cookie${cookies.length === 1 ? '' : 's'} from ${file} (${kind}) to ${to}.`);
  return 0;
}
