import type { Finding, Severity } from './finding';

export type Grade = 'A+' | 'A' | 'B' | 'C' | 'D' | 'F';

/** Points a finding costs. Documented in the README ("Grade and score"). */
export const PENALTY: Record<Severity, number> = { high: 20, medium: 10, low: 3, info: 0 };
/** One rule can cost at most this much, so fifty trackers do not sink a site on their own. */
export const RULE_CAP = 30;

/** Lowest score for each grade, best first. */
export const GRADE_FLOOR: readonly [Grade, number][] = [
  ['A+', 100],
  ['A', 90],
  ['B', 80],
  ['C', 70],
  ['D', 60],
  ['F', 0],
];

export function scoreOf(findings: readonly Finding[]): number {
  const perRule = new Map<string, number>();
  for (const f of findings) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + PENALTY[f.severity]);
  let lost = 0;
  for (const points of perRule.values()) lost += Math.min(points, RULE_CAP);
  return Math.max(0, 100 - lost);
}

/** A high finding caps the grade at C, a medium one at B, a low one at A: a score alone can hide one bad cookie. */
export function gradeOf(score: number, findings: readonly Finding[]): Grade {
  const worst = (s: Severity) => findings.some((f) => f.severity === s);
  let grade = GRADE_FLOOR.find(([, floor]) => score >= floor)?.[0] ?? 'F';
  const cap: Grade | null = worst('high') ? 'C' : worst('medium') ? 'B' : worst('low') ? 'A' : null;
  if (cap && rank(grade) < rank(cap)) grade = cap;
  return grade;
}

function rank(g: Grade): number {
  return GRADE_FLOOR.findIndex(([name]) => name === g);
}

/** Score and grade of a set of findings: what every report (page, policy-adjusted, audit, merged) states. */
export function rated(findings: readonly Finding[]): { score: number; grade: Grade } {
  const score = scoreOf(findings);
  return { score, grade: gradeOf(score, findings) };
}

/**
 * The grade in one line a learner can act on: what it says about this site's cookies (not about the tool)
 * and where to start. "F" alone reads like the extension failed.
 */
export function gradeMeaning(grade: Grade, findings: readonly { severity: Severity; count?: number; rule?: string }[]): string {
  // Findings one by one, or grouped with a count (the popup's compact report).
  const n = (s: Severity) => findings.reduce((sum, f) => sum + (f.severity === s ? (f.count ?? 1) : 0), 0);
  const [high, medium, low] = [n('high'), n('medium'), n('low')];
  const count = (k: number, what: string) => `${k} ${what} problem${k === 1 ? '' : 's'}`;
  const listed = [high && count(high, 'high-risk'), medium && count(medium, 'medium'), low && count(low, 'minor')].filter(Boolean).join(', ');
  if (grade === 'A+') return "No problems found in this site's cookies.";
  if (grade === 'A') return `Well set up: only ${listed}.`;
  if (grade === 'B') return `Mostly fine: ${listed} to fix.`;
  const start = high ? 'Start with the high-risk ones.' : 'Start with the medium ones.';
  const what = findings.some((f) => f.rule === 'token-in-web-storage') ? 'cookies and web storage' : 'cookies';
  return `${grade === 'C' ? 'Needs work' : 'Many problems'} in this site's ${what}: ${listed}. ${start}`;
}
