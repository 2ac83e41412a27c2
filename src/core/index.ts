// The public API of the `cookie-lens` package (package.json "exports"): pure, runs in Node and browsers.
export { type Role, roleOf } from './classify';
export type { Cookie, CookieRef, CookieType, PartitionKey, SameSite } from './cookie';
export { cookieKey, cookieSize, cookieType } from './cookie';
export { type Grade, gradeOf, scoreOf } from './grade';
export { type AnalyzedCookie, type AnalyzeOptions, analyze, REPORT_SCHEMA_VERSION, type Report } from './report';
export type { Finding, Rule, Severity } from './rule';
export { RULES, ruleById } from './rules/index';
export { countCookies } from './summary';
