// The public API of the `cookie-lens` package (package.json "exports"): pure, runs in Node and browsers.

export { type AnalyzedCookie, type LoginFlow, REPORT_SCHEMA_VERSION, type RejectedCookie, type Report } from './analyzed';
export { baseName, type Classification, classify, credentialLevel, isCredential, type Role, type RoleEvidence } from './classify';
export type { Cookie, CookieRef, CookieType, PartitionKey, SameSite } from './cookie';
export { cookieSize, cookieType, refKey, sameSiteLabel } from './cookie';
export { parseCookieDate } from './cookie-date';
export { CookieDb, type Knowledge, type KnowledgeSource, loadCookieDb, PURPOSES, type Purpose } from './data/cookie-db';
export { DECODERS, decodeValue } from './decode/index';
export type { Decoded, DecodedFormat } from './decode/types';
export { entropyBits } from './entropy';
export {
  AUDIT_SCHEMA_VERSION,
  type AuditCookie,
  type AuditError,
  type AuditReport,
  auditExitCode,
  auditFails,
  buildAuditReport,
  type LoginPhase,
  mergeAuditReports,
  REPORT_FORMATS,
  type RenderOptions,
  type ReportFormat,
  renderReport,
} from './formats/index';
export { GRADE_FLOOR, type Grade, gradeOf, PENALTY, RULE_CAP, scoreOf } from './grade';
export { CookieJar, cookieHeader } from './jar';
export { applyPolicy, type Policy, type PolicyViolation, validatePolicy } from './policy';
export { type AnalyzeOptions, analyze } from './report';
export type { Finding, Rule, Severity } from './rule';
export { ruleTableMarkdown } from './rule-table';
export { RULES, ruleById } from './rules/index';
export { SecretChecker } from './secrets/verify';
export { WEAK_SECRETS } from './secrets/weak-secrets';
export { type RequestContext, type SendDecision, sendDecision } from './send';
export { type ParsedHeader, parseSetCookie, type RejectCode, type SetCookieResult } from './set-cookie';
export { isSameSite, isThirdParty, siteOf } from './site';
export { countCookies } from './summary';
