// `cookie-lens merge`: the reports of a CI matrix's shards (or of several audits) as one report.

import { refKey } from '../cookie';
import { findingKey } from '../finding';
import { rated } from '../grade';
import { violationKey } from '../policy';
import { severityRank } from '../rule';
import { AUDIT_SCHEMA_VERSION, type AuditReport } from './audit-report';

const unique = <T>(items: T[], key: (x: T) => string): T[] => {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** Cookies, findings and rejected headers once each; errors and targets of all; grade and score over the whole. */
export function mergeAuditReports(reports: readonly AuditReport[]): AuditReport {
  if (reports.length === 0) throw new Error('Nothing to merge.');
  for (const r of reports) {
    if (r.schemaVersion !== AUDIT_SCHEMA_VERSION)
      throw new Error(`A report has schemaVersion ${r.schemaVersion}; this version merges ${AUDIT_SCHEMA_VERSION}.`);
  }
  const findings = unique(
    reports.flatMap((r) => r.findings),
    findingKey,
  ).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const policies = reports.flatMap((r) => (r.policy ? [r.policy] : []));
  const { score, grade } = rated(findings);
  const durations = reports.map((r) => r.durationMs).filter((d): d is number => d !== undefined);
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: reports[0].tool,
    generatedAt: reports
      .map((r) => r.generatedAt)
      .sort()
      .at(-1) as string,
    targets: unique(
      reports.flatMap((r) => r.targets),
      (t) => t,
    ),
    pages: unique(
      reports.flatMap((r) => r.pages),
      (p) => p,
    ),
    errors: unique(
      reports.flatMap((r) => r.errors),
      (e) => `${e.stage}|${e.url}|${e.message}`,
    ),
    ...(durations.length ? { durationMs: Math.max(...durations) } : {}),
    grade,
    score,
    cookies: unique(
      reports.flatMap((r) => r.cookies),
      refKey,
    ),
    rejected: unique(
      reports.flatMap((r) => r.rejected),
      (x) => `${x.url}|${x.header}`,
    ),
    findings,
    ...(policies.length
      ? {
          policy: {
            file: [...new Set(policies.map((p) => p.file))].join(', '),
            ...(policies[0].name ? { name: policies[0].name } : {}),
            violations: unique(
              policies.flatMap((p) => p.violations),
              violationKey,
            ),
            errors: unique(
              policies.flatMap((p) => p.errors),
              findingKey,
            ),
          },
        }
      : {}),
  };
}
