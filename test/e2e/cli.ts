// Runs the built `cookie-lens` command as a user would (stdout and stderr apart), and writes the files it reads.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/node/cookie-lens.js');
/** The local sites answer for *.test on loopback with a self-signed certificate. */
export const HOSTS = ['--host-resolver-rules', 'MAP *.test 127.0.0.1', '--ignore-https-errors'];
export const dir = mkdtempSync(join(tmpdir(), 'cookie-lens-cli-'));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the whole command, ms. */
  ms: number;
}

export function cli(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string; bin?: string } = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    const env = { ...process.env, ...options.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, [options.bin ?? CLI, ...args], { cwd: options.cwd ?? ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }));
  });
}

/** Runs any command in a folder (async: the suite's own servers keep answering meanwhile); stdout and stderr together. */
export function runIn(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The files of a fresh clone: what git tracks plus new files not ignored (no dist, no node_modules). */
export function cleanCopy(prefix = 'cookie-lens-clone-'): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const rel of listed.split('\0').filter(Boolean)) {
    if (!existsSync(join(ROOT, rel))) continue;
    mkdirSync(dirname(join(copy, rel)), { recursive: true });
    cpSync(join(ROOT, rel), join(copy, rel));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}
