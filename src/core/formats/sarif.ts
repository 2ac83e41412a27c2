import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../rule';
import { RULES } from '../rules/index';
import type { AuditReport } from './audit-report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards; typed by @types/sarif. */
export function toSarif(r: AuditReport): Log {
  const policyRule: ReportingDescriptor = {
    id: 'policy-violation',
    name: 'PolicyViolation',
    shortDescription: { text: 'A cookie breaks a requirement of the cookie policy' },
    fullDescription: { text: 'The audit policy requires flags, lifetimes, prefixes or roles this cookie does not have.' },
    defaultConfiguration: { level: 'error' },
  };
  const rules: ReportingDescriptor[] = [
    ...RULES.map(
      (rule): ReportingDescriptor => ({
        id: rule.id,
        name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : '')),
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.explain },
        help: { text: `${rule.why}\n\nFix: ${rule.fix}`, markdown: `${rule.why}\n\n**Fix:** ${rule.fix}` },
        helpUri: rule.references[0]?.url,
        defaultConfiguration: { level: LEVEL[rule.levels[0]] },
        properties: { tags: ['security', 'cookies'], 'security-severity': { high: '8.0', medium: '5.0', low: '3.0', info: '1.0' }[rule.levels[0]] },
      }),
    ),
    policyRule,
  ];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const location = (url: string, cookie?: { name: string; domain: string; path: string } | null): Location => ({
    physicalLocation: { artifactLocation: { uri: url } },
    ...(cookie ? { logicalLocations: [{ name: cookie.name, fullyQualifiedName: `${cookie.domain}${cookie.path} ${cookie.name}`, kind: 'cookie' }] } : {}),
  });
  const target = r.targets[0] ?? '';
  const results: Result[] = [
    ...r.findings.map(
      (f): Result => ({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule),
        level: r.policy?.errors.some((e) => e.rule === f.rule && e.message === f.message) ? 'error' : LEVEL[f.severity],
        message: { text: `${f.message} Fix: ${f.fix}` },
        locations: [location(f.url ?? target, f.cookie)],
        properties: { severity: f.severity },
      }),
    ),
    ...(r.policy?.violations ?? []).map(
      (v): Result => ({
        ruleId: 'policy-violation',
        ruleIndex: index.get('policy-violation'),
        level: 'error',
        message: { text: `${v.message}${v.reason ? ` (${v.reason})` : ''}` },
        locations: [location(target, v.cookie)],
        properties: { requirement: v.requirement },
      }),
    ),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: r.tool.name, version: r.tool.version, informationUri: 'https://github.com/cookie-lens/cookie-lens', rules } },
        invocations: [{ executionSuccessful: true, endTimeUtc: r.generatedAt }],
        results,
      },
    ],
  };
}
