import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/report';
import type { RuleExample } from '../../src/core/rule';
import { RULES } from '../../src/core/rules/index';
import { makeCookie, PAGE } from '../helpers';

/** Runs the engine on a rule example, as the extension would for that page. */
function judge(example: RuleExample) {
  return analyze(example.cookies.map(makeCookie), {
    url: example.url ?? PAGE,
    now: example.now ?? Date.UTC(2026, 0, 1),
    setCookies: example.headers?.map(([url, header]) => ({ url, header })),
    pageUrls: example.pageUrls,
    failures: example.failures,
    consent: example.consent,
    storage: example.storage,
    flow: example.flow && {
      beforeLogin: example.flow.beforeLogin.map(makeCookie),
      afterLogin: example.flow.afterLogin.map(makeCookie),
      afterLogout: example.flow.afterLogout?.map(makeCookie),
      server: example.flow.server,
    },
  });
}

const RULE_DIR = join(import.meta.dirname, '../../src/core/rules');
const ruleFiles = readdirSync(RULE_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

describe('rule catalogue', () => {
  it('lists every rule file once, in the registry', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...ruleFiles].sort());
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('is documented: title, summary, explanation, attack, fix, snippets for Flask, Django and Express, references', () => {
        for (const text of [rule.title, rule.summary, rule.explain, rule.why, rule.fix, rule.snippets.flask, rule.snippets.django, rule.snippets.express]) {
          expect(text.trim().length).toBeGreaterThan(5);
        }
        expect(rule.references.length).toBeGreaterThan(0);
        for (const ref of rule.references) expect(ref.url).toMatch(/^https:\/\//);
      });

      it('has examples it must flag and examples it must not', () => {
        expect(rule.examples.flag.length).toBeGreaterThan(0);
        expect(rule.examples.pass.length).toBeGreaterThan(0);
      });

      for (const example of rule.examples.flag) {
        it(`flags: ${example.title}`, async () => {
          const report = await judge(example);
          const found = report.findings.filter((f) => f.rule === rule.id);
          expect(found).not.toHaveLength(0);
          for (const f of found) expect(rule.levels).toContain(f.severity);
          if (example.severity) expect(found.map((f) => f.severity)).toContain(example.severity);
        });
      }
      for (const example of rule.examples.pass) {
        it(`does not flag: ${example.title}`, async () => {
          const report = await judge(example);
          expect(report.findings.filter((f) => f.rule === rule.id)).toEqual([]);
        });
      }
    });
  }
});
