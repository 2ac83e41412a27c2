// The release artifacts as the stores receive them: `scripts/package.mjs` (the second half of `npm run
// package`; the e2e setup has just built dist/) makes three zips, which are unpacked and checked — each
// manifest, every file it names, web-ext lint on the Firefox one, and a rebuild from the source archive
// that must reproduce the Firefox add-on file for file, as an addons.mozilla.org reviewer would check it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import extract from 'extract-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runIn } from './cli';
import { BUILD_ENV } from './global-setup';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const ARTIFACTS = join(ROOT, 'artifacts');

const files = (dir: string, root = dir): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), root) : [relative(root, join(dir, e.name))]))
    .sort();

const run = (cwd: string, args: string[]) => runIn(cwd, process.execPath, args, BUILD_ENV);

/** Every file a manifest names: icons, popup, devtools page, worker or background scripts. */
function namedFiles(m: Record<string, unknown>): string[] {
  const action = m.action as { default_popup: string; default_icon: Record<string, string> };
  const background = m.background as { service_worker?: string; scripts?: string[] };
  return [
    ...Object.values(m.icons as Record<string, string>),
    ...Object.values(action.default_icon),
    action.default_popup,
    m.devtools_page as string,
    ...(background.service_worker ? [background.service_worker] : []),
    ...(background.scripts ?? []),
  ];
}

describe('release artifacts (npm run package)', () => {
  // Under test-results/ (ignored), on the repository's file system: node_modules is hard-linked into the
  // rebuilt source, so module paths in the unminified build read exactly as after an `npm ci` there.
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  const out = mkdtempSync(join(ROOT, 'test-results', 'release-'));
  const unpacked = (name: string) => join(out, name);
  let packaged: { code: number | null; output: string };

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    packaged = await run(ROOT, ['scripts/package.mjs']);
    for (const kind of ['chrome', 'firefox', 'source'])
      if (existsSync(join(ARTIFACTS, `cookie-lens-${kind}-${pkg.version}.zip`)))
        await extract(join(ARTIFACTS, `cookie-lens-${kind}-${pkg.version}.zip`), { dir: unpacked(kind) });
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('makes the three zips, named with the package version', () => {
    expect(packaged.code, packaged.output).toBe(0);
    expect(readdirSync(ARTIFACTS).sort()).toEqual(['chrome', 'firefox', 'source'].map((k) => `cookie-lens-${k}-${pkg.version}.zip`).sort());
  });

  it('Chrome: MV3 manifest at the package version, with minimum_chrome_version and homepage_url; every named file inside; no sources', () => {
    const m = JSON.parse(readFileSync(join(unpacked('chrome'), 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({
      manifest_version: 3,
      version: pkg.version,
      minimum_chrome_version: expect.stringMatching(/^\d+$/),
      homepage_url: expect.stringMatching(/^https:\/\//),
    });
    const inside = files(unpacked('chrome'));
    for (const f of namedFiles(m)) expect(inside, f).toContain(f);
    expect(inside).toContain('THIRD-PARTY-NOTICES.txt');
    expect(inside.filter((f) => /\.(tsx?|map)$/.test(f) || f.startsWith('.'))).toEqual([]);
  });

  it('Firefox: gecko id and minimum version, no Chrome-only key, every named file inside, web-ext lint without errors', () => {
    const dir = unpacked('firefox');
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m.version).toBe(pkg.version);
    expect(m.browser_specific_settings.gecko).toMatchObject({ id: expect.any(String), strict_min_version: expect.any(String) });
    expect(m.minimum_chrome_version).toBeUndefined();
    const inside = files(dir);
    for (const f of namedFiles(m)) expect(inside, f).toContain(f);
    const lint = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', dir, '--output', 'json', '--no-input'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const report = JSON.parse(lint.stdout) as { errors: unknown[]; warnings: { code: string }[] };
    expect(report.errors).toEqual([]);
    // The one warning is Preact's dangerouslySetInnerHTML path (see firefox.test.ts), which Cookie Lens never uses.
    expect(report.warnings.map((w) => w.code).filter((c) => c !== 'UNSAFE_VAR_ASSIGNMENT')).toEqual([]);
  });

  it('the source archive has build instructions and no build output, and rebuilds the Firefox add-on file for file', async () => {
    const src = unpacked('source');
    const inside = files(src);
    for (const f of ['BUILD.md', 'package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'src/background/worker.ts', 'LICENSE'])
      expect(inside, f).toContain(f);
    expect(inside.filter((f) => f.startsWith('dist/') || f.startsWith('node_modules/') || f.startsWith('artifacts/'))).toEqual([]);
    expect(readFileSync(join(src, 'BUILD.md'), 'utf8')).toContain('npm ci');
    const linked = spawnSync('cp', ['-al', join(ROOT, 'node_modules'), join(src, 'node_modules')], { encoding: 'utf8' });
    expect(linked.status, linked.stderr).toBe(0);
    const built = await run(src, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'firefox', '--logLevel', 'warn']);
    expect(built.code, built.output).toBe(0);
    const rebuilt = join(src, 'dist/firefox');
    expect(files(rebuilt)).toEqual(files(unpacked('firefox')));
    for (const f of files(rebuilt).filter((f) => f.endsWith('.js')))
      expect(readFileSync(join(rebuilt, f), 'utf8') === readFileSync(join(unpacked('firefox'), f), 'utf8'), f).toBe(true);
    expect(statSync(join(rebuilt, 'manifest.json')).size).toBeGreaterThan(0);
  }, 120_000);
});
