import { explainError } from '../core/browser-errors';
import { type Cookie, refKey } from '../core/cookie';
import { limitProblems, writeProblem } from '../core/cookie-check';
import { MAX_LISTED_ERRORS } from '../core/transfer';
import { emit } from '../messages';
import { platform } from '../platform';
import type { ImportOutcome, Requests } from '../protocol';
import { rollBack, storeByKey, writeCookie } from './cookie-writes';

const cancelled = new Set<string>();

/** Asks a running import to stop; it then rolls back what it wrote. */
export function cancelImport(id: string): boolean {
  cancelled.add(id);
  return true;
}

const PROGRESS_EVERY_MS = 100;

/**
 * Imports cookies all or nothing. First the checks a browser would make, for every cookie (the storage
 * model) and for the store (180 per site, 3,300 in all — past those the browser evicts cookies, so an
 * import that "succeeds" would quietly lose some). Then the writes, with progress events and a cancel;
 * a failure or a cancel rolls back what was written without clobbering what the page changed meanwhile.
 * Last, the store is read back and the result is told exactly: written, evicted right after, changed.
 */
export async function importCookies({ id, cookies, storeId, dryRun }: Requests['importCookies']['params']): Promise<ImportOutcome> {
  cancelled.delete(id);
  const target = storeId ?? platform().defaultStoreId;
  const outcome: ImportOutcome = { problems: [], problemCount: 0, written: 0, evicted: [], changed: [], leftAlone: [], rolledBack: false, cancelled: false };
  const problem = (p: string) => {
    outcome.problemCount++;
    if (outcome.problems.length < MAX_LISTED_ERRORS) outcome.problems.push(p);
  };
  for (const [i, c] of cookies.entries()) {
    const p = writeProblem(c);
    if (p) problem(`${i + 1}. "${c.name || '(nameless)'}" (${c.domain}${c.path}): ${p}`);
  }
  const before = await storeByKey(target);
  for (const p of limitProblems(cookies, [...before.values()], platform().limits)) problem(p);
  if (outcome.problemCount || dryRun) return outcome;

  const written: Cookie[] = [];
  let lastProgress = 0;
  for (const [i, c] of cookies.entries()) {
    if (cancelled.delete(id)) {
      outcome.cancelled = true;
      break;
    }
    try {
      written.push(await writeCookie({ ...c, storeId: target }));
    } catch (error) {
      outcome.failed = { name: c.name, ...explainError(error, c) };
      break;
    }
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      emit('importProgress', { id, done: i + 1, total: cookies.length });
    }
  }
  if (outcome.cancelled || outcome.failed) {
    outcome.leftAlone = await rollBack(written, before, target);
    outcome.rolledBack = true;
    return outcome;
  }
  emit('importProgress', { id, done: cookies.length, total: cookies.length });
  const after = await storeByKey(target);
  for (const w of written) {
    const now = after.get(refKey(w));
    if (!now) outcome.evicted.push({ name: w.name, domain: w.domain });
    else if (now.value !== w.value) outcome.changed.push({ name: w.name, domain: w.domain });
  }
  outcome.written = written.length - outcome.evicted.length;
  return outcome;
}
