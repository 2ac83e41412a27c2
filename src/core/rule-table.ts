import { RULES } from './rules/index';

/** The README's rule table, generated from the rule files (`npm run docs`); a test keeps them equal. */
export function ruleTableMarkdown(): string {
  const rows = RULES.map((r) => `| \`${r.id}\` | ${r.levels.join(' / ')} | ${r.title} | ${r.summary} |`);
  return ['| Rule | Severity | What | Why it matters |', '|---|---|---|---|', ...rows].join('\n');
}
