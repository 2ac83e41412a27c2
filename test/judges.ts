// The tools that consume Cookie Lens's reports, as the tests call them: ajv with schemas/report.schema.json
// and the official SARIF 2.1.0 schema, Microsoft's SARIF multitool with GitHub's ingestion rules, xmllint
// with the Jenkins JUnit XSD, and a CommonMark renderer. Unit and end-to-end tests judge by the same ones.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import { HtmlRenderer, Parser } from 'commonmark';
import type { Log, Result } from 'sarif';
import { expect } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
export const SCHEMAS = join(ROOT, 'test/fixtures/schemas');
const dir = mkdtempSync(join(tmpdir(), 'cookie-lens-judges-'));
let n = 0;

const reportSchema = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schemas/report.schema.json'), 'utf8')),
);
const sarifSchema = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false }).compile(
  JSON.parse(readFileSync(join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf8').replace(/^\uFEFF/, '')),
);

/** Asserts that a JSON report (object or text) matches schemas/report.schema.json; returns it parsed. */
export function expectValidReport<T = unknown>(report: unknown): T {
  const value = typeof report === 'string' ? JSON.parse(report) : report;
  expect(reportSchema(value), JSON.stringify(reportSchema.errors?.slice(0, 5))).toBe(true);
  return value as T;
}

/** Asserts that a SARIF log matches the official SARIF 2.1.0 JSON schema. */
export function expectSarifSchema(log: unknown): void {
  expect(sarifSchema(log), JSON.stringify(sarifSchema.errors?.slice(0, 3))).toBe(true);
}

function multitool(): string {
  const bin = createRequire(import.meta.url).resolve('@microsoft/sarif-multitool-linux/Sarif.Multitool');
  // npm skips the package's postinstall, which marks the binary executable.
  chmodSync(bin, 0o755);
  return bin;
}

/**
 * Microsoft's SARIF multitool's results for a SARIF text, with the SARIF rules and GitHub's ingestion rules.
 * In multitool 5.7 the GitHub rules (GH1001…) are off by default and the rule kind is "Ghas" ("Gh" is
 * accepted but runs none of them): the committed config turns each GH rule on at level error.
 */
export function multitoolResults(text: string): Result[] {
  const file = join(dir, `report-${++n}.sarif`);
  writeFileSync(file, text);
  const out = `${file}.validation.sarif`;
  const args = [
    'validate',
    file,
    '--rule-kind',
    'Ghas;Sarif',
    '--config',
    join(SCHEMAS, 'sarif-multitool-github.xml'),
    '--output',
    out,
    '--log',
    'ForceOverwrite',
  ];
  const run = spawnSync(multitool(), args, { encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  return (JSON.parse(readFileSync(out, 'utf8')) as Log).runs[0].results ?? [];
}

/** Asserts 0 multitool errors and 0 GitHub-ingestion (GH…) results of any level. */
export function expectMultitoolClean(text: string): void {
  const results = multitoolResults(text);
  expect(results.filter((r) => r.level === 'error').map((r) => `${r.ruleId}: ${r.message.text}`)).toEqual([]);
  expect(results.filter((r) => r.ruleId?.startsWith('GH')).map((r) => `${r.ruleId}: ${r.message.text}`)).toEqual([]);
}

/** xmllint --schema with the Jenkins JUnit XSD: { status, stderr }. */
export function xmllintJunit(xml: string): { status: number | null; stderr: string } {
  const file = join(dir, `junit-${++n}.xml`);
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--schema', join(SCHEMAS, 'jenkins-junit-10.xsd'), file], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

export function expectJunitValid(xml: string): void {
  const v = xmllintJunit(xml);
  expect(v.stderr).toMatch(/validates/);
  expect(v.status).toBe(0);
}

/** Markdown as a CommonMark renderer (GitHub's comments are CommonMark) turns it into HTML. */
export function markdownHtml(md: string): string {
  return new HtmlRenderer().render(new Parser().parse(md));
}
