// The audit's JSON report (schemaVersion 2): what `cookie-lens audit --format json` prints and the
// panel exports. Other formats (Markdown, SARIF, JUnit) are rendered from this one object.

import type { AnalyzedCookie, Report } from '../analyzed';
import { refKey } from '../cookie';
import { findingKey } from '../finding';
import { type Grade, rated } from '../grade';
import { applyPolicy, atLeast, consentViolations, type Policy, type PolicyViolation } from '../policy';
import { type Finding, type Severity, severityRank } from '../rule';
import { itemKey, type StorageCredential } from '../web-storage';

/** 2: `errors`, cookie `phase`, `roleEvidence` and purposes, and every finding located at its page. */
export const AUDIT_SCHEMA_VERSION = 2;

/** Where an audit could not look: nothing unchecked passes, so each is reported and fails the audit (exit 3). */
export interface AuditError {
  url: string;
  stage: 'load' | 'login' | 'logout' | 'crawl' | 'consent';
  message: string;
}

export type LoginPhase = 'before-login' | 'logged-in' | 'after-logout' | 'before-consent' | 'after-accept' | 'after-reject';

/** One consent phase of one page (audit --consent): the banner, whether the choice was kept, the cookies by purpose. */
export interface ConsentPhaseSummary {
  url: string;
  phase: 'before' | 'accept' | 'reject';
  cmp?: string;
  remembered?: boolean;
  cookies: { name: string; domain: string; path: string; purpose: AnalyzedCookie['purpose']; platform?: string; thirdParty: boolean }[];
}

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
  /** With --login: before login, logged in, or only after logout; with --consent: the first phase it was seen in. */
  phase?: LoginPhase;
  /** The page it was first seen on. */
  page?: string;
}

export interface AuditReport {
  schemaVersion: typeof AUDIT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  generatedAt: string;
  targets: string[];
  /** Pages that were loaded and analysed. */
  pages: string[];
  /** Targets, pages or login steps that could not be checked. An audit with any error fails (exit 3). */
  errors: AuditError[];
  /** How long the audit took, when it was run (not for a report exported from the panel). */
  durationMs?: number;
  grade: Grade;
  score: number;
  cookies: AuditCookie[];
  rejected: { url: string; header: string; name: string; reason: string }[];
  findings: (Finding & { url?: string })[];
  policy?: { file: string; name?: string; violations: PolicyViolation[]; errors: Finding[] };
  /** With --consent: each phase of each target. */
  consent?: ConsentPhaseSummary[];
  /** The pages' localStorage and sessionStorage items (when they were read), once per origin, area and key. */
  storage?: AuditStorageItem[];
}

export interface AuditStorageItem {
  origin: string;
  area: 'local' | 'session';
  key: string;
  /** The value, cut at AUDIT_STORAGE_VALUE characters (`length` is the whole). */
  value: string;
  length: number;
  format?: string;
  credential?: StorageCredential;
  page: string;
}

/** Storage values in the audit report: enough to recognise the item; the panel shows them whole. */
const AUDIT_STORAGE_VALUE = 2000;

function auditStorage(reports: readonly Pick<Report, 'url' | 'storage'>[]): AuditStorageItem[] | undefined {
  if (!reports.some((r) => r.storage)) return undefined;
  const seen = new Set<string>();
  const out: AuditStorageItem[] = [];
  for (const r of reports)
    for (const item of r.storage?.items ?? []) {
      if (seen.has(itemKey(item))) continue;
      seen.add(itemKey(item));
      out.push({
        origin: item.origin,
        area: item.area,
        key: item.key,
        value: item.value.slice(0, AUDIT_STORAGE_VALUE),
        length: item.length,
        ...(item.decoded ? { format: item.decoded.format } : {}),
        ...(item.credential ? { credential: { ...item.credential } } : {}),
        page: r.url,
      });
    }
  return out;
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
  reports: (Pick<Report, 'url' | 'cookies' | 'findings' | 'rejected' | 'storage'> & { phase?: LoginPhase })[];
  errors?: AuditError[];
  durationMs?: number;
  policy?: { file: string; policy: Policy };
  now?: number;
  consent?: ConsentPhaseSummary[];
}

/** Merges per-page reports into one: cookies and findings once each, grade and score over the whole. */
export function buildAuditReport(input: AuditInput): AuditReport {
  const cookies = new Map<string, { cookie: AnalyzedCookie; page: string; phase?: LoginPhase }>();
  // The logged-in state is what a login audit is about: a cookie it holds is "logged-in" wherever else it was seen.
  const order: (LoginPhase | undefined)[] = ['logged-in', undefined, 'before-login', 'after-logout', 'before-consent', 'after-reject', 'after-accept'];
  const reports = [...input.reports].sort((a, b) => order.indexOf(a.phase) - order.indexOf(b.phase));
  for (const r of reports) {
    for (const c of r.cookies) {
      const had = cookies.get(refKey(c));
      // Pages audited in parallel see each other's cookies: the page whose response set it is where it is from.
      if (!had || (had.phase === r.phase && !had.cookie.setBy && c.setBy)) cookies.set(refKey(c), { cookie: c, page: r.url, phase: r.phase });
    }
  }
  const seen = new Set<string>();
  let findings: (Finding & { url?: string })[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      const id = findingKey(f);
      if (seen.has(id)) continue;
      seen.add(id);
      // Every finding is located at the page it was seen on (a cookie seen on a second target, at that target).
      findings.push(f.url ? f : { ...f, url: r.url });
    }
  }
  const rejectedSeen = new Set<string>();
  const rejected = reports
    .flatMap((r) => r.rejected)
    .filter((x) => !rejectedSeen.has(`${x.url}|${x.header}`) && rejectedSeen.add(`${x.url}|${x.header}`))
    .map(({ url, header, name, reason }) => ({ url, header, name, reason }));
  const all = [...cookies.values()];
  let policy: AuditReport['policy'];
  const passed: (boolean | undefined)[] = [];
  if (input.policy) {
    const result = applyPolicy({ cookies: all.map((x) => x.cookie), findings }, input.policy.policy, input.now);
    findings = result.findings;
    policy = {
      file: input.policy.file,
      violations: [...result.violations, ...consentViolations(input.policy.policy, input.consent ?? [])],
      errors: result.errors,
    };
    if (input.policy.policy.name) policy.name = input.policy.policy.name;
    passed.push(...result.passed);
  }
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const { score, grade } = rated(findings);
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt,
    targets: input.targets,
    pages: [...new Set(input.reports.map((r) => r.url))],
    errors: input.errors ?? [],
    ...(input.durationMs !== undefined ? { durationMs: Math.round(input.durationMs) } : {}),
    grade,
    score,
    cookies: all.map(({ cookie, page, phase }, i) => {
      const out = auditCookie(cookie);
      out.page = page;
      if (phase) out.phase = phase;
      if (passed[i] !== undefined) out.policy = passed[i] ? 'pass' : 'fail';
      return out;
    }),
    rejected,
    findings,
    ...(policy ? { policy } : {}),
    ...(input.consent ? { consent: input.consent } : {}),
    ...withStorage(auditStorage(reports)),
  };
}

const withStorage = (storage: AuditStorageItem[] | undefined) => (storage ? { storage } : {});

/** What the exit code says: 3 the audit could not check everything, 1 findings or violations, 0 passed. */
export function auditExitCode(report: AuditReport, failOn: Severity | undefined): 0 | 1 | 3 {
  if (report.errors.length > 0) return 3;
  return auditFails(report, failOn) ? 1 : 0;
}

/** Does the audit fail: a finding at or above the threshold, a policy error, or a policy violation? */
export function auditFails(report: AuditReport, failOn: Severity | undefined): boolean {
  if (report.policy && (report.policy.violations.length > 0 || report.policy.errors.length > 0)) return true;
  return failOn !== undefined && report.findings.some((f) => atLeast(f.severity, failOn));
}
