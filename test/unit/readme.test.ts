import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_OPTIONS } from '../../src/cli/audit-args';
import { FORMATS } from '../../src/core/formats/index';
import { ruleTableMarkdown } from '../../src/core/rule-table';
import { RULES } from '../../src/core/rules/index';

const README = join(import.meta.dirname, '../../README.md');
const SCHEMA = join(import.meta.dirname, '../../schemas/policy.schema.json');

/** Rewrites (with UPDATE_DOCS) or checks the generated block between a pair of markers. */
function generated(name: string, body: string): void {
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const text = readFileSync(README, 'utf8');
  const [before, rest] = text.split(start);
  const [, after] = rest.split(end);
  const expected = `${before}${start}\n${body}\n${end}${after}`;
  if (process.env.UPDATE_DOCS) writeFileSync(README, expected);
  expect(readFileSync(README, 'utf8')).toBe(expected);
}

const formatTable = () =>
  [
    '| `--format` | for | saved as | panel export |',
    '|---|---|---|---|',
    ...FORMATS.map(
      (f) => `| \`${f.id}\` | ${f.audience} | \`cookie-lens-report${f.extension}\` (${f.mime}) | ${f.panel ? `Export › Report › ${f.label}` : '—'} |`,
    ),
  ].join('\n');

describe('README', () => {
  it('has the report format table of the format registry (npm run docs rewrites it)', () => {
    generated('formats', formatTable());
    for (const f of FORMATS) expect(readFileSync(README, 'utf8')).toContain(`\`${f.id}\``);
  });

  it('has the rule table of the rule files (npm run docs rewrites it)', () => {
    generated('rules', ruleTableMarkdown());
    for (const rule of RULES) expect(readFileSync(README, 'utf8')).toContain(`\`${rule.id}\``);
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

  it('CHANGELOG.md has a section for the package version, and PRIVACY.md and CONTRIBUTING.md are linked', () => {
    const { version } = JSON.parse(readFileSync(join(README, '../package.json'), 'utf8'));
    const changelog = readFileSync(join(README, '../CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
    expect(changelog).toContain('## [Unreleased]');
    const text = readFileSync(README, 'utf8');
    for (const doc of ['PRIVACY.md', 'CONTRIBUTING.md', 'CHANGELOG.md']) expect(text).toContain(`](${doc})`);
    // Every path a recipe in CONTRIBUTING.md names (without placeholders) exists.
    const contributing = readFileSync(join(README, '../CONTRIBUTING.md'), 'utf8');
    for (const [, path] of contributing.matchAll(/`((?:src|test|scripts|bench)\/[\w./-]+\.(?:ts|tsx|mjs))`/g))
      expect(() => readFileSync(join(README, '..', path)), path).not.toThrow();
  });
});
