// The built Chrome extension as shipped (the e2e global setup has just built it from the current source).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from './harness';

const scripts = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));

describe('the Chrome build', () => {
  it('ships only ASCII scripts, so V8 keeps their source one byte per character (the worker holds ~540 kB less)', () => {
    const files = scripts(DIST);
    expect(files.length).toBeGreaterThan(3);
    const offenders = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      const at = [...text].findIndex((c) => c.charCodeAt(0) > 0x7f);
      return at === -1 ? [] : [`${f.slice(DIST.length + 1)}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`];
    });
    expect(offenders).toEqual([]);
  });

  it('is the production build: no Preact devtools hook (which a build under NODE_ENV=test would bundle)', () => {
    const hooked = scripts(DIST).filter((f) => readFileSync(f, 'utf8').includes('__PREACT_DEVTOOLS__'));
    expect(hooked.map((f) => f.slice(DIST.length + 1))).toEqual([]);
  });
});
