import { useEffect, useRef, useState } from 'preact/hooks';
import { errorLine, errorMessage } from '../../core/browser-errors';
import { type ImportedCookie, ImportReader, type ImportResult, type StorageStateOrigin } from '../../core/transfer';
import { onEvent, request } from '../../messages';
import type { StorageWrite, StorageWriteAnswer } from '../../page-storage';
import type { ImportOutcome } from '../../protocol';
import { plural } from '../format';

export type ImportState =
  | { step: 'reading'; file: string; read: number; size: number }
  | { step: 'checking'; file: string }
  | { step: 'review'; file: string; result: ImportResult; problems: string[]; problemCount: number }
  | { step: 'writing'; file: string; done: number; total: number };

/** Bigger than any cookie export can be: 3,300 cookies of 4 KB are 14 MB. */
const MAX_FILE = 64 * 1024 * 1024;
/** Text handed to the parser at a time; the page stays responsive and a cancel is seen between slices. */
const SLICE = 256 * 1024;

const yieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));

async function* textOf(file: File): AsyncGenerator<string> {
  if (typeof file.stream === 'function' && typeof TextDecoderStream === 'function') {
    const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        for (let i = 0; i < value.length; i += SLICE) yield value.slice(i, i + SLICE);
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }
  const text = await file.text();
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}

/** What an import did, in one sentence for the toast. */
export function outcomeMessage(o: ImportOutcome): string {
  const left = o.leftAlone.length ? ` Left alone (the page changed them meanwhile): ${o.leftAlone.map((l) => `"${l.name}" (${l.reason})`).join('; ')}.` : '';
  if (o.failed) return `Nothing imported: ${errorLine(o.failed)} What was written before it was rolled back.${left}`;
  if (o.cancelled) return `Import cancelled: what was written so far was rolled back.${left}`;
  const names = (list: { name: string }[]) =>
    list
      .slice(0, 5)
      .map((c) => `"${c.name}"`)
      .join(', ') + (list.length > 5 ? ` and ${list.length - 5} more` : '');
  const parts = [`Imported ${plural(o.written, 'cookie')}.`];
  if (o.evicted.length) parts.push(`The browser evicted ${plural(o.evicted.length, 'cookie')} right after (its cookie limits): ${names(o.evicted)}.`);
  if (o.changed.length) parts.push(`The page has already changed ${names(o.changed)}.`);
  return parts.join(' ');
}

/**
 * Writes a storageState's localStorage items into the open page, origin by origin; an origin with no frame open
 * here is named, not skipped silently. Returns the sentence for the toast ('' when the file had none).
 */
export async function importStorage(origins: readonly StorageStateOrigin[], write: (op: StorageWrite) => Promise<StorageWriteAnswer>): Promise<string> {
  let written = 0;
  const notOpen: string[] = [];
  const failed: string[] = [];
  for (const o of origins) {
    for (const item of o.localStorage) {
      const answer = await write({ origin: o.origin, area: 'local', key: item.name, value: item.value });
      if (answer.ok) written++;
      else if (/No frame of/.test(answer.error)) {
        notOpen.push(o.origin);
        break;
      } else failed.push(`"${item.name}" (${answer.error})`);
    }
  }
  const parts: string[] = [];
  if (written) parts.push(`Wrote ${plural(written, 'localStorage item')}.`);
  if (notOpen.length) parts.push(`localStorage of ${notOpen.join(', ')} not written: open a page of that origin in this tab and import again.`);
  if (failed.length) parts.push(`Not written: ${failed.slice(0, 5).join('; ')}${failed.length > 5 ? ` and ${failed.length - 5} more` : ''}.`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/**
 * An import from a file: read in slices (progress, cancel), checked by the worker against the storage
 * model and the store's limits, shown for review, then written all or nothing (progress, cancel).
 */
export function useImport(storeId: string | undefined, done: (message: string) => void, writeStorage?: (op: StorageWrite) => Promise<StorageWriteAnswer>) {
  const [state, setState] = useState<ImportState | null>(null);
  /** A storageState's localStorage, written after its cookies (only where a frame of the origin is open). */
  const origins = useRef<StorageStateOrigin[]>([]);
  const stop = useRef<() => void>(() => undefined);
  const importId = useRef('');
  useEffect(
    () =>
      onEvent('importProgress', (p) => {
        if (p.id === importId.current) setState((s) => (s?.step === 'writing' ? { ...s, done: p.done, total: p.total } : s));
      }),
    [],
  );

  // Each open, cancel or close starts a new generation: answers of an older one are dropped.
  const generation = useRef(0);
  const current = (g: number) => g === generation.current;

  const check = async (g: number, file: string, result: ImportResult) => {
    origins.current = result.origins ?? [];
    if (result.errorCount || result.cookies.length === 0) {
      // A storageState with localStorage only: nothing for the worker to check.
      setState({ step: 'review', file, result, problems: result.errors, problemCount: result.errorCount });
      return;
    }
    setState({ step: 'checking', file });
    const dry = await request('importCookies', { id: 'check', cookies: result.cookies, storeId, dryRun: true });
    if (current(g)) setState({ step: 'review', file, result, problems: dry.problems, problemCount: dry.problemCount });
  };

  const open = async (file: File) => {
    const g = ++generation.current;
    stop.current = () => {
      generation.current++;
      setState(null);
    };
    if (file.size > MAX_FILE) {
      const tooBig = `${file.name} is ${Math.round(file.size / 1024 / 1024)} MB: bigger than any cookie export can be (3,300 cookies of 4 KB are 14 MB).`;
      setState({
        step: 'review',
        file: file.name,
        result: { format: 'json', cookies: [], errors: [tooBig], errorCount: 1 },
        problems: [tooBig],
        problemCount: 1,
      });
      return;
    }
    const reader = new ImportReader();
    let read = 0;
    setState({ step: 'reading', file: file.name, read, size: file.size });
    try {
      for await (const text of textOf(file)) {
        if (!current(g)) return;
        reader.push(text);
        read += text.length;
        setState({ step: 'reading', file: file.name, read, size: file.size });
        await yieldToPage();
      }
      if (current(g)) await check(g, file.name, reader.finish());
    } catch (error) {
      if (!current(g)) return;
      const message = `Could not read ${file.name}: ${errorMessage(error)}`;
      setState({
        step: 'review',
        file: file.name,
        result: { format: 'json', cookies: [], errors: [message], errorCount: 1 },
        problems: [message],
        problemCount: 1,
      });
    }
  };

  const confirm = async (cookies: ImportedCookie[], file: string) => {
    const id = `import-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    importId.current = id;
    stop.current = () => void request('cancelImport', { id });
    setState({ step: 'writing', file, done: 0, total: cookies.length });
    if (cookies.length === 0) {
      setState(null);
      done((writeStorage ? await importStorage(origins.current, writeStorage) : '').trim() || 'Nothing to import.');
      return;
    }
    try {
      const outcome = await request('importCookies', { id, cookies, storeId });
      if (outcome.problemCount) {
        setState({
          step: 'review',
          file,
          result: { format: 'json', cookies, errors: [], errorCount: 0 },
          problems: outcome.problems,
          problemCount: outcome.problemCount,
        });
        return;
      }
      setState(null);
      const storage = !outcome.failed && !outcome.cancelled && writeStorage ? await importStorage(origins.current, writeStorage) : '';
      done(outcomeMessage(outcome) + storage);
    } catch (error) {
      setState(null);
      done(`The import did not finish: ${errorMessage(error)}`);
    }
  };

  return { state, open, confirm, cancel: () => stop.current() };
}
