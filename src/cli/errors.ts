import { readFile } from 'node:fs/promises';
import { errorMessage } from '../core/browser-errors';

/** Bad usage: a wrong option, a file that cannot be read. The command prints one line and exits 2. */
export class UsageError extends Error {}

/** No usable browser (not found, or CHROME_PATH / --browser pointing at nothing): exit 2. */
export class BrowserNotFoundError extends Error {}

export { closest, distance } from '../core/closest';

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'the file system is read-only',
};

/** Why a file could not be read or written, in words (not "ENOENT: no such file or directory, open '…'"). */
export function fileProblem(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code && FS_REASONS[e.code]) return FS_REASONS[e.code];
  if (error instanceof SyntaxError) return `it is not valid JSON (${error.message})`;
  return firstLine(error);
}

/** The first line of an error's message: puppeteer's and Chromium's errors add a call log below it. */
export function firstLine(error: unknown): string {
  return errorMessage(error).split('\n')[0];
}

/** A JSON file the user named (a policy, a report, login steps, a storage state); unreadable or not JSON is bad usage. */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${fileProblem(error)}`);
  }
}
