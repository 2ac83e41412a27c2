import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

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

  it('Biome lint and format pass', () => {
    const r = run(bin('biome'), ['check', '.']);
    expect(r.status, r.output).toBe(0);
  });
});
