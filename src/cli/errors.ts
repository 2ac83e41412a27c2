import { errorMessage } from '../core/browser-errors';

/** Bad usage: a wrong option, a file that cannot be read. The command prints one line and exits 2. */
export class UsageError extends Error {}

/** No usable browser (not found, or CHROME_PATH / --browser pointing at nothing): exit 2. */
export class BrowserNotFoundError extends Error {}

/** Levenshtein distance, for "did you mean" hints on mistyped options. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The closest of `choices` to `word`, when it is close enough to be what was meant. */
export function closest(word: string, choices: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of choices) {
    const d = distance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

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
