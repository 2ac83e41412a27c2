import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(tsx?|html)$/.test(name) ? [path] : [];
  });
}

/** Ways to turn a string into markup: cookie text must only ever reach the page as text. */
const HTML_SINKS =
  /\b(innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|createContextualFragment|srcdoc)\b|document\.write|(?<![$\w.])eval\s*\(|new Function\s*\(/;

/**
 * Ways to ask which browser this is, or to name one browser's store ids: only src/platform.ts may (the
 * manifest builder works per target at build time; the audit command drives Chromium only).
 */
const BROWSER_CHECKS =
  /moz-extension:|isFirefox|isChrome|navigator\.userAgent|getBrowserInfo|['"]firefox-(?:default|private)['"]|storeId\s*[!=]==?\s*['"][01]['"]/;
const MAY_CHECK_BROWSER = /^src\/(?:platform\.ts|manifest\.ts|cli\/)/;

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.slice(-4000) };
}

describe('static checks', () => {
  it('TypeScript strict passes on the whole project', () => {
    expect(run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])).toEqual({ status: 0, output: '' });
  });

  it('src/core type-checks without the DOM or extension types', () => {
    expect(run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.core.json'])).toEqual({ status: 0, output: '' });
  });

  it('no source file uses an API that parses a string as HTML or code', () => {
    expect(HTML_SINKS.test('el.innerHTML = value')).toBe(true);
    expect(HTML_SINKS.test('<div dangerouslySetInnerHTML={{ __html: v }} />')).toBe(true);
    expect(HTML_SINKS.test("page.$$eval('a', f)")).toBe(false);
    const offenders = sources(join(ROOT, 'src')).filter((f) => HTML_SINKS.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('browser differences live in src/platform.ts: no browser check anywhere else in src/', () => {
    for (const line of ["runtime.getURL('').startsWith('moz-extension:')", "c.storeId === '1'", "storeId ?? 'firefox-default'", 'isFirefox()'])
      expect(BROWSER_CHECKS.test(line), line).toBe(true);
    expect(BROWSER_CHECKS.test('platform().defaultStoreId')).toBe(false);
    const offenders = sources(join(ROOT, 'src'))
      .map((f) => relative(ROOT, f))
      .filter((f) => !MAY_CHECK_BROWSER.test(f))
      .flatMap((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => (BROWSER_CHECKS.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('Biome lint and format pass', () => {
    const r = run(bin('biome'), ['check', '.']);
    expect(r.status, r.output).toBe(0);
  });
});
