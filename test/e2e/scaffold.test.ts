// `npm run new -- rule|decoder|format <id>` in a clean copy of the sources: each scaffold compiles, passes
// lint, and is picked up by the catalogue tests (which run its examples) and the generated docs.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanCopy, runIn } from './cli';

/** A command in the copy, with UPDATE_DOCS unset (the tests there check the docs, they do not rewrite them). */
const run = (cwd: string, cmd: string, args: string[]) => runIn(cwd, cmd, args, { ...process.env, UPDATE_DOCS: '' });

describe('npm run new (scaffolds for a rule, a decoder and a report format)', () => {
  let copy: string;
  beforeAll(() => {
    copy = cleanCopy('cookie-lens-new-');
  }, 60_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('writes and registers each, and the tests pick them up', async () => {
    for (const [kind, id] of [
      ['rule', 'demo-rule'],
      ['decoder', 'demo-decoder'],
      ['format', 'demo-format'],
    ]) {
      const made = await run(copy, process.execPath, ['scripts/new.mjs', kind, id]);
      expect(made, `${kind} ${id}`).toMatchObject({ code: 0 });
    }
    expect(readFileSync(join(copy, 'src/core/rules/index.ts'), 'utf8')).toMatch(/demoRule,\n\s*\/\/ Last/);
    expect(readFileSync(join(copy, 'README.md'), 'utf8')).toContain('`demo-rule`');
    expect(readFileSync(join(copy, 'README.md'), 'utf8')).toContain('`demo-format`');
    expect(JSON.parse(readFileSync(join(copy, 'schemas/policy.schema.json'), 'utf8')).$defs.ruleId.enum).toContain('demo-rule');

    const tsc = await run(copy, process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
    expect(tsc.output).toBe('');
    const tests = await run(copy, process.execPath, [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--project',
      'unit',
      'test/unit/rules.test.ts',
      'test/unit/catalogue.test.ts',
      'test/unit/readme.test.ts',
      '--reporter',
      'verbose',
    ]);
    expect(tests.code, tests.output.slice(-3000)).toBe(0);
    // The new entries' own tests ran: the rule's examples, the decoder's examples, the format's render.
    for (const name of ['flags: TODO: a cookie the rule must flag', 'decodes example=demo-decoder:abc123', 'every format renders a real report'])
      expect(tests.output).toContain(name);
  }, 240_000);

  it('refuses an existing id and a bad one, touching nothing', async () => {
    const before = readFileSync(join(copy, 'src/core/rules/index.ts'), 'utf8');
    expect(await run(copy, process.execPath, ['scripts/new.mjs', 'rule', 'missing-secure'])).toMatchObject({
      code: 2,
      output: expect.stringContaining('exists already'),
    });
    expect(await run(copy, process.execPath, ['scripts/new.mjs', 'rule', 'Bad_Id'])).toMatchObject({ code: 2, output: expect.stringContaining('kebab-case') });
    expect(await run(copy, process.execPath, ['scripts/new.mjs', 'widget', 'x'])).toMatchObject({ code: 2, output: expect.stringContaining('unknown kind') });
    expect(readFileSync(join(copy, 'src/core/rules/index.ts'), 'utf8')).toBe(before);
  });
});
