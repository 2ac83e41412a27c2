import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_OPTIONS } from '../../src/cli/audit-args';
import { ruleTableMarkdown } from '../../src/core/rule-table';
import { RULES } from '../../src/core/rules/index';

const README = join(import.meta.dirname, '../../README.md');
const SCHEMA = join(import.meta.dirname, '../../schemas/policy.schema.json');
const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

describe('README', () => {
  it('has the rule table of the rule files (npm run docs rewrites it)', () => {
    const text = readFileSync(README, 'utf8');
    const [before, rest] = text.split(START);
    const [, after] = rest.split(END);
    const expected = `${before}${START}\n${ruleTableMarkdown()}\n${END}${after}`;
    if (process.env.UPDATE_DOCS) writeFileSync(README, expected);
    expect(text).toBe(expected);
    for (const rule of RULES) expect(text).toContain(`\`${rule.id}\``);
  });

  it('the policy schema lists every rule id, in the registry order (npm run docs rewrites it)', () => {
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
    const ids = RULES.map((r) => r.id);
    if (process.env.UPDATE_DOCS) {
      schema.$defs.ruleId.enum = ids;
      writeFileSync(SCHEMA, `${JSON.stringify(schema, null, 2)}\n`);
    }
    expect(schema.$defs.ruleId.enum).toEqual(ids);
  });

  it('documents every audit option and exit code', () => {
    const text = readFileSync(README, 'utf8');
    for (const name of Object.keys(AUDIT_OPTIONS)) if (name !== 'help') expect(text).toContain(`--${name}`);
    for (const code of [0, 1, 2, 3]) expect(text).toContain(`| **${code}** |`);
  });

  it('shows the two commands and the screenshots it names exist', () => {
    const text = readFileSync(README, 'utf8');
    expect(text).toContain('npm start');
    expect(text).toContain('npm test');
    for (const [, path] of text.matchAll(/!\[[^\]]*\]\(((?!https?:)[^)]+\.png)\)/g)) expect(() => readFileSync(join(README, '..', path))).not.toThrow();
  });
});
