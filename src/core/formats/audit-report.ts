// The audit's JSON report (schemaVersion 1): what `cookie-lens audit --format json` prints and the
// panel exports. Other formats (Markdown, SARIF, JUnit) are rendered from this one object.
import { cookieKey } from '../cookie';
import { type Grade, gradeOf, scoreOf } from '../grade';
import { applyPolicy, atLeast, type Policy, type PolicyViolation } from '../policy';
import type { AnalyzedCookie, Report } from '../report';
import { type Finding, type Severity, severityRank } from '../rule';

export const AUDIT_SCHEMA_VERSION = 1;

export interface AuditCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: AnalyzedCookie['sameSite'];
  session: boolean;
  expirationDate?: number;
  partitionKey?: AnalyzedCookie['partitionKey'];
  storeId: string;
  size: number;
  type: AnalyzedCookie['type'];
  role: AnalyzedCookie['role'];
  roleEvidence: AnalyzedCookie['roleEvidence'];
  purpose: AnalyzedCookie['purpose'];
  platform?: string;
  description?: string;
  retention?: string;
  privacyLink?: string;
  /** Which data said what it is for. */
  source?: AnalyzedCookie['source'];
  sessionStorage?: 'client' | 'server';
  framework?: string;
  decoded?: { format: string; payload?: unknown; knownSecret?: string };
  setBy?: { url: string; header: string };
  /** Firefox container (name and colour). */
  container?: { name: string; color: string };
  /** Pass/fail against the policy's requirements; absent without a policy or when none applies. */
  policy?: 'pass' | 'fail';
}

export interface AuditReport {
  schemaVersion: typeof AUDIT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  generatedAt: string;
  targets: string[];
  grade: Grade;
  score: number;
  cookies: AuditCookie[];
  rejected: { url: string; header: string; name: string; reason: string }[];
  findings: (Finding & { url?: string })[];
  policy?: { file: string; name?: string; violations: PolicyViolation[]; errors: Finding[] };
}

function auditCookie(c: AnalyzedCookie): AuditCookie {
  const out: AuditCookie = {
    name: c.name,
    value: c.value,
    domain: c.domain,
    path: c.path,
    hostOnly: c.hostOnly,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    session: c.session,
    storeId: c.storeId ?? '0',
    size: c.size,
    type: c.type,
    role: c.role,
    roleEvidence: { ...c.roleEvidence },
    purpose: c.purpose,
  };
  for (const k of ['platform', 'description', 'retention', 'privacyLink', 'source'] as const)
    if (c[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = c[k];
  if (c.expirationDate !== undefined) out.expirationDate = c.expirationDate;
  if (c.partitionKey?.topLevelSite) out.partitionKey = c.partitionKey;
  if (c.sessionStorage) out.sessionStorage = c.sessionStorage;
  if (c.framework) out.framework = c.framework;
  if (c.decoded) {
    out.decoded = { format: c.decoded.format };
    if (c.decoded.payload !== undefined) out.decoded.payload = c.decoded.payload;
    if (c.decoded.knownSecret !== undefined) out.decoded.knownSecret = c.decoded.knownSecret;
  }
  if (c.setBy) out.setBy = c.setBy;
  if (c.container) out.container = { name: c.container.name, color: c.container.color };
  return out;
}

export interface AuditInput {
  tool: { name: string; version: string };
  generatedAt: string;
  targets: string[];
  /** One engine report per visited page (the extension's), plus any the flow checks produced. */
  reports: Pick<Report, 'url' | 'cookies' | 'findings' | 'rejected'>[];
  policy?: { file: string; policy: Policy };
  now?: number;
}

/** Merges per-page reports into one: cookies and findings once each, grade and score over the whole. */
export function buildAuditReport(input: AuditInput): AuditReport {
  const cookies = new Map<string, AnalyzedCookie>();
  for (const r of input.reports) for (const c of r.cookies) if (!cookies.has(cookieKey(c))) cookies.set(cookieKey(c), c);
  const seen = new Set<string>();
  let findings: (Finding & { url?: string })[] = [];
  for (const r of input.reports) {
    for (const f of r.findings) {
      const id = `${f.rule}|${f.cookie?.name}|${f.cookie?.domain}|${f.cookie?.path}|${f.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      findings.push(f.url || f.cookie ? f : { ...f, url: r.url });
    }
  }
  const rejectedSeen = new Set<string>();
  const rejected = input.reports
    .flatMap((r) => r.rejected)
    .filter((x) => !rejectedSeen.has(`${x.url}|${x.header}`) && rejectedSeen.add(`${x.url}|${x.header}`))
    .map(({ url, header, name, reason }) => ({ url, header, name, reason }));
  const all = [...cookies.values()];
  let policy: AuditReport['policy'];
  const passed: (boolean | undefined)[] = [];
  if (input.policy) {
    const result = applyPolicy({ cookies: all, findings }, input.policy.policy, input.now);
    findings = result.findings;
    policy = { file: input.policy.file, violations: result.violations, errors: result.errors };
    if (input.policy.policy.name) policy.name = input.policy.policy.name;
    passed.push(...result.passed);
  }
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const score = scoreOf(findings);
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt,
    targets: input.targets,
    grade: gradeOf(score, findings),
    score,
    cookies: all.map((c, i) => {
      const out = auditCookie(c);
      if (passed[i] !== undefined) out.policy = passed[i] ? 'pass' : 'fail';
      return out;
    }),
    rejected,
    findings,
    ...(policy ? { policy } : {}),
  };
}

/** Does the audit fail: a finding at or above the threshold, a policy error, or a policy violation? */
export function auditFails(report: AuditReport, failOn: Severity | undefined): boolean {
  if (report.policy && (report.policy.violations.length > 0 || report.policy.errors.length > 0)) return true;
  return failOn !== undefined && report.findings.some((f) => atLeast(f.severity, failOn));
}
