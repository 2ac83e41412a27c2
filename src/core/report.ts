import { type Role, roleOf } from './classify';
import { type Cookie, type CookieType, cookieRef, cookieSize, cookieType, isPartitioned } from './cookie';
import { type Grade, gradeOf, scoreOf } from './grade';
import { type Finding, type RuleContext, severityRank } from './rule';
import { RULES } from './rules/index';
import { isPotentiallyTrustworthy, isThirdParty } from './site';

export const REPORT_SCHEMA_VERSION = 1;

export interface AnalyzedCookie extends Cookie {
  type: CookieType;
  size: number;
  role: Role;
  thirdParty: boolean;
  partitioned: boolean;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  url: string;
  cookies: AnalyzedCookie[];
  findings: Finding[];
  grade: Grade;
  score: number;
}

export interface AnalyzeOptions {
  url: string;
  /** ms since the epoch; defaults to the clock. */
  now?: number;
}

export function describeCookie(c: Cookie, pageUrl: string): AnalyzedCookie {
  return {
    ...c,
    type: cookieType(c),
    size: cookieSize(c),
    role: roleOf(c),
    thirdParty: isThirdParty(c, pageUrl),
    partitioned: isPartitioned(c),
  };
}

export async function analyze(cookies: readonly Cookie[], options: AnalyzeOptions): Promise<Report> {
  const described = cookies.map((c) => describeCookie(c, options.url));
  const ctx: RuleContext = {
    url: options.url,
    now: options.now ?? Date.now(),
    secureContext: isPotentiallyTrustworthy(options.url),
    cookies: described,
  };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.scope === 'cookie') {
      for (const c of described) {
        const hit = rule.check(c, ctx);
        if (hit) findings.push({ rule: rule.id, ...hit, cookie: cookieRef(c), fix: rule.fix });
      }
    } else {
      for (const hit of rule.checkJar(ctx)) {
        findings.push({ rule: rule.id, severity: hit.severity, message: hit.message, cookie: hit.cookie && cookieRef(hit.cookie), fix: rule.fix });
      }
    }
  }
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const score = scoreOf(findings);
  return { schemaVersion: REPORT_SCHEMA_VERSION, url: options.url, cookies: described, findings, grade: gradeOf(score, findings), score };
}

/** Findings that concern one cookie. */
export function findingsFor(report: Pick<Report, 'findings'>, c: Cookie): Finding[] {
  return report.findings.filter((f) => f.cookie && f.cookie.name === c.name && f.cookie.domain === c.domain && f.cookie.path === c.path);
}
