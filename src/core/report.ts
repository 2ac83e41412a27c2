import { frameworkOf, type Role, roleWith } from './classify';
import { type Cookie, type CookieType, cookieRef, cookieSize, cookieType, isPartitioned } from './cookie';
import { decodeValue } from './decode/index';
import { type Decoded, type SignatureInput, siblingsOf } from './decode/types';
import { entropyBits } from './entropy';
import { type Grade, gradeOf, scoreOf } from './grade';
import { type Finding, type RuleContext, severityRank } from './rule';
import { RULES } from './rules/index';
import { SecretChecker } from './secrets/verify';
import { parseSetCookie, type SetCookieResult } from './set-cookie';
import { isPotentiallyTrustworthy, isThirdParty } from './site';

export const REPORT_SCHEMA_VERSION = 1;

export interface AnalyzedCookie extends Cookie {
  type: CookieType;
  /** Name + value in bytes, as browsers count them against the 4096-byte limit. */
  size: number;
  role: Role;
  /** For session and auth cookies: is the session state inside the cookie, or on the server? */
  sessionStorage?: 'client' | 'server';
  framework?: string;
  decoded?: Decoded;
  /** Estimated bits of entropy of the session id, for opaque ids. */
  entropyBits?: number;
  thirdParty: boolean;
  partitioned: boolean;
  /** The response that set it, when the Set-Cookie header was seen. */
  setBy?: { url: string; header: string };
  /** Firefox container the cookie's store belongs to (name and colour, from contextualIdentities). */
  container?: ContainerInfo;
}

export interface ContainerInfo {
  name: string;
  /** Firefox's colour name (blue, turquoise, …) and its CSS value. */
  color: string;
  colorCode?: string;
}

export interface SetCookieRecord {
  url: string;
  header: string;
  result: SetCookieResult;
}

export interface RejectedCookie {
  url: string;
  header: string;
  name: string;
  code: string;
  reason: string;
}

/** Cookies captured around a scripted login and logout, to judge session handling. */
export interface LoginFlow {
  beforeLogin: Cookie[];
  afterLogin: Cookie[];
  afterLogout?: Cookie[];
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  url: string;
  cookies: AnalyzedCookie[];
  findings: Finding[];
  /** Set-Cookie headers the browser refused, with the reason. */
  rejected: RejectedCookie[];
  grade: Grade;
  score: number;
}

export interface AnalyzeOptions {
  url: string;
  /** ms since the epoch; defaults to the clock. */
  now?: number;
  /** Frame and subresource URLs of the page. */
  pageUrls?: string[];
  /** Set-Cookie headers the page received. */
  setCookies?: { url: string; header: string }[];
  flow?: LoginFlow;
  /** Verify signatures against the known-secret list (default true). Pass a checker to reuse its key cache. */
  secrets?: boolean | SecretChecker;
}

let sharedChecker: SecretChecker | undefined;

/** One checker per context, so the imported keys are reused from report to report. */
function defaultChecker(): SecretChecker {
  sharedChecker ??= new SecretChecker();
  return sharedChecker;
}

export function describeCookie(c: Cookie, pageUrl: string, decoded?: Decoded): AnalyzedCookie {
  const role = roleWith(c, decoded);
  const credential = role === 'session' || role === 'auth';
  const storage = credential ? (decoded?.storage ?? (looksLikeOpaqueId(c.value) ? 'server' : undefined)) : undefined;
  const id = credential ? (decoded?.id ?? (storage === 'server' && !decoded ? c.value : undefined)) : undefined;
  // Every field, always, in one order: rules then see one object shape, which keeps 3,300-cookie jars fast.
  // Absent optional fields are undefined, and JSON leaves them out.
  return {
    name: c.name,
    value: c.value,
    domain: c.domain,
    hostOnly: c.hostOnly,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    session: c.session,
    expirationDate: c.expirationDate,
    storeId: c.storeId,
    partitionKey: c.partitionKey,
    firstPartyDomain: c.firstPartyDomain,
    type: cookieType(c),
    size: cookieSize(c),
    role,
    sessionStorage: storage,
    framework: frameworkOf(c, decoded),
    decoded,
    entropyBits: id === undefined ? undefined : entropyBits(id),
    thirdParty: isThirdParty(c, pageUrl),
    partitioned: isPartitioned(c),
    setBy: undefined,
    container: undefined,
  };
}

/** A value that is only an identifier: one token of id characters, not a flag like "true". */
function looksLikeOpaqueId(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,256}$/.test(value) && !/^(?:true|false|yes|no|on|off|null|undefined)$/i.test(value);
}

async function decodeAll(cookies: readonly Cookie[], secrets: AnalyzeOptions['secrets']): Promise<(Decoded | undefined)[]> {
  const siblings = siblingsOf(cookies);
  const results = await Promise.all(cookies.map((c) => decodeValue(c, siblings)));
  const checker = secrets === false ? undefined : secrets instanceof SecretChecker ? secrets : defaultChecker();
  if (checker) {
    await Promise.all(
      results.map(async (r) => {
        if (r?.signature) {
          const found = await checker.find(r.signature as SignatureInput);
          if (found !== null) r.decoded.knownSecret = found;
        }
      }),
    );
  }
  return results.map((r) => r?.decoded);
}

function parseHeaders(headers: AnalyzeOptions['setCookies'], now: number): SetCookieRecord[] {
  return (headers ?? []).map(({ url, header }) => ({ url, header, result: parseSetCookie(header, url, now) }));
}

export async function analyze(cookies: readonly Cookie[], options: AnalyzeOptions): Promise<Report> {
  const now = options.now ?? Date.now();
  const decoded = await decodeAll(cookies, options.secrets);
  const setCookies = parseHeaders(options.setCookies, now);
  const described = cookies.map((c, i) => {
    const d = describeCookie(c, options.url, decoded[i]);
    // The latest accepted header that produced this cookie (same name, domain and path) set it.
    const source = setCookies.findLast(
      (r) => r.result.accepted && r.result.cookie.name === c.name && r.result.cookie.domain === c.domain && r.result.cookie.path === c.path,
    );
    if (source) d.setBy = { url: source.url, header: source.header };
    return d;
  });
  const ctx: RuleContext = {
    url: options.url,
    now,
    secureContext: isPotentiallyTrustworthy(options.url),
    cookies: described,
    pageUrls: options.pageUrls ?? [],
    setCookies,
    flow: options.flow,
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
        findings.push({
          rule: rule.id,
          severity: hit.severity,
          message: hit.message,
          cookie: hit.cookie && cookieRef(hit.cookie),
          fix: rule.fix,
          ...(hit.url ? { url: hit.url } : {}),
        });
      }
    }
  }
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const rejected: RejectedCookie[] = setCookies.flatMap((r) =>
    r.result.accepted
      ? []
      : [{ url: r.url, header: r.header, name: r.result.cookie?.name ?? r.result.header?.name ?? '', code: r.result.code, reason: r.result.reason }],
  );
  const score = scoreOf(findings);
  return { schemaVersion: REPORT_SCHEMA_VERSION, url: options.url, cookies: described, findings, rejected, grade: gradeOf(score, findings), score };
}

/** Findings that concern one cookie. */
export function findingsFor(report: Pick<Report, 'findings'>, c: Cookie): Finding[] {
  return report.findings.filter((f) => f.cookie && f.cookie.name === c.name && f.cookie.domain === c.domain && f.cookie.path === c.path);
}
