// The npm package as users get it: packed from a clean copy of the sources (no dist: prepack must build
// it), installed into an empty folder, then used there — the CLI, import and require, and TypeScript
// consumers under nodenext and bundler resolution whose wrong uses must fail to compile.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { expectValidReport } from '../judges';
import { cleanCopy, cli, HOSTS, ROOT } from './cli';
import { BUILD_ENV } from './global-setup';

const NPM = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
// Packing builds, as shipped (NODE_ENV=production); installing must not see that (npm would then omit dev dependencies).
const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(NPM[0], [...NPM.slice(1), ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000, env });
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('the cookie-lens package, packed and installed into an empty folder', () => {
  let app: string;
  let tarball: string;
  let files: string[];
  let installed: string;
  let demo: Awaited<ReturnType<typeof startDemo>>;

  beforeAll(async () => {
    const copy = cleanCopy();
    expect(existsSync(join(copy, 'dist'))).toBe(false);
    const out = mkdtempSync(join(tmpdir(), 'cookie-lens-pack-'));
    // `npm pack` runs prepack, which must build what ships.
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', out], copy, BUILD_ENV));
    tarball = join(out, packed[0].filename);
    files = packed[0].files.map((f: { path: string }) => f.path);
    app = mkdtempSync(join(tmpdir(), 'cookie-lens-user-'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'user-app', version: '1.0.0', private: true }));
    installed = npm(['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], app);
    demo = await startDemo();
  }, 300_000);

  afterAll(async () => {
    await demo?.close();
  });

  it('ships what the CLI and the library use, built by prepack: no Firefox build, no demo', () => {
    for (const f of [
      'dist/chrome/manifest.json',
      'dist/node/cookie-lens.js',
      'dist/node/index.js',
      'dist/node/types/index.d.ts',
      'schemas/report.schema.json',
      'README.md',
      'LICENSE',
    ])
      expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith('dist/firefox') || f.startsWith('demo/') || /assets\/demo-/.test(f))).toEqual([]);
  });

  it("installs without the demo's web frameworks", () => {
    const modules = readdirSync(join(app, 'node_modules'));
    for (const name of ['express', 'express-session', 'cookie-session']) expect(modules).not.toContain(name);
    // What the CLI and the library need, and nothing for the demo (puppeteer-core brings most of the rest).
    const ours = JSON.parse(readFileSync(join(app, 'node_modules/cookie-lens/package.json'), 'utf8'));
    // autoconsent for --consent (its content script and rules are read from the package at run time), @iabtcf/core
    // for the TCF decoder.
    expect(Object.keys(ours.dependencies).sort()).toEqual([
      '@duckduckgo/autoconsent',
      '@iabtcf/core',
      '@types/sarif',
      'puppeteer-core',
      'redos-detector',
      'tldts',
    ]);
    expect(Number(/added (\d+) packages?/.exec(installed)?.[1])).toBeGreaterThan(0);
  });

  it('npx cookie-lens --version, and an audit of a local site from the installed package', async () => {
    const version = spawnSync('npx', ['--no-install', 'cookie-lens', '--version'], { cwd: app, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(pkg.version);
    const bin = join(app, 'node_modules/cookie-lens/dist/node/cookie-lens.js');
    const run = await cli(['audit', demo.url('shop.test'), '--format', 'json', '--quiet', ...HOSTS], { cwd: app, bin });
    expect(run.code, run.stderr).toBe(0);
    const report = expectValidReport<AuditReport>(run.stdout);
    expect(report.cookies.map((c) => c.name)).toContain('connect.sid');
    // The demo needs the repository; the package says so instead of crashing on a missing express.
    const start = await cli(['start'], { cwd: app, bin });
    expect(start.code).toBe(2);
    expect(start.stderr.trim()).toMatch(/^cookie-lens: start runs the bundled demo, which needs the repository/);
  });

  it('import and require (Node ≥ 20.19) both work, and the report schema is exported', () => {
    const esm = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { analyze, parseSetCookie } from 'cookie-lens'; console.log(typeof analyze, parseSetCookie('a=1; Secure', 'https://x.example/').accepted)",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(esm.trim()).toBe('function true');
    const cjs = execFileSync(
      process.execPath,
      [
        '-e',
        "const cl = require('cookie-lens'); const s = require('cookie-lens/schemas/report.schema.json'); console.log(typeof cl.analyze, typeof cl.renderReport, s.title)",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(cjs.trim()).toMatch(/^function function \S/);
  });

  const consumer = (name: string, compilerOptions: Record<string, unknown>, code: string) => {
    const dir = join(app, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const base = { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', lib: ['es2022'], types: [] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, include: ['*.ts'] }));
    writeFileSync(join(dir, 'main.ts'), code);
    return spawnSync(process.execPath, [TSC, '-p', dir], { encoding: 'utf8' });
  };
  const RIGHT = `import { analyze, parseSetCookie, renderReport, buildAuditReport, type AuditReport, type Report } from 'cookie-lens';
const parsed = parseSetCookie('sid=1; Secure; HttpOnly', 'https://shop.example/');
if (parsed.accepted) console.log(parsed.cookie.name.toUpperCase());
const report: Report = await analyze([], { url: 'https://shop.example/' });
const audit: AuditReport = buildAuditReport({ tool: { name: 'x', version: '1' }, generatedAt: '', targets: [], reports: [report] });
const sarif: string = renderReport(audit, 'sarif', { sarifFile: 'app/settings.py' });
console.log(sarif.length, audit.errors.length, report.grade);
`;
  const WRONG = `import { analyze, renderReport, type AuditReport } from 'cookie-lens';
const n: number = await analyze([], { url: 'https://shop.example/' });
declare const audit: AuditReport;
renderReport(audit, 'pdf');
audit.errors[0].stage === 'lunch';
`;

  for (const [label, options] of [
    // A Node project has @types/node (here it comes with puppeteer-core); a bundler project has the DOM's types.
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext', types: ['node'] }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'] }],
  ] as const) {
    it(`TypeScript (${label}): compiles when the types are used right, fails when they are used wrong`, () => {
      const right = consumer(`ts-${label}-right`, options, RIGHT);
      expect(right.stdout + right.stderr).toBe('');
      expect(right.status).toBe(0);
      const wrong = consumer(`ts-${label}-wrong`, options, WRONG);
      expect(wrong.status).not.toBe(0);
      const codes = [...(wrong.stdout + wrong.stderr).matchAll(/main\.ts\(\d+,\d+\): error (TS\d+)/g)].map((m) => m[1]);
      // Three wrong uses, three errors from main.ts, none from the package's declarations.
      expect(codes).toHaveLength(3);
      expect(wrong.stdout + wrong.stderr).not.toContain('node_modules/cookie-lens');
    });
  }
});

describe('the cookie-lens package, by its own name from the repository', () => {
  /** Runs an ES module snippet with plain Node in the project, the way a user of the package would. */
  const node = (code: string) => execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });

  it('parses Set-Cookie headers', () => {
    const out = node(`
      import { parseSetCookie } from 'cookie-lens';
      const ok = parseSetCookie('sid=abc; Secure; HttpOnly; SameSite=Lax; Path=/', 'https://shop.example/login', 0);
      const bad = parseSetCookie('x=1; SameSite=None', 'https://shop.example/');
      console.log(JSON.stringify({ ok, bad }));
    `);
    const { ok, bad } = JSON.parse(out);
    expect(ok).toMatchObject({
      accepted: true,
      cookie: { name: 'sid', domain: 'shop.example', hostOnly: true, secure: true, httpOnly: true, sameSite: 'lax', session: true },
    });
    expect(bad).toMatchObject({ accepted: false, code: 'samesite-none-insecure', reason: expect.stringMatching(/Secure/) });
  });

  it('analyzes cookies-API objects into a versioned report with findings, grade and score', () => {
    const out = node(`
      import { analyze } from 'cookie-lens';
      const cookie = { name: 'connect.sid', value: 's%3Aabc123.L3URH8qEUlRhbJErOXuJ%2FR5i21GJUY02kERb2c2p5w0', domain: 'shop.example', hostOnly: true, path: '/', secure: false, httpOnly: true, sameSite: 'lax', session: true, storeId: '0' };
      const report = await analyze([cookie], { url: 'https://shop.example/' });
      console.log(JSON.stringify(report));
    `);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ schemaVersion: 1, grade: expect.stringMatching(/^(A\+|[A-DF])$/), score: expect.any(Number) });
    expect(report.cookies[0]).toMatchObject({
      type: 'session',
      role: 'session',
      framework: 'Express',
      sessionStorage: 'server',
      decoded: { format: 'express-session', knownSecret: 'keyboard cat' },
    });
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['weak-secret', 'missing-secure']));
  });
});
