import { AnalysisCache } from './analysis-cache';
import type { AnalyzedCookie, LoginFlow, RejectedCookie, Report, SetCookieRecord } from './analyzed';
import { REPORT_SCHEMA_VERSION } from './analyzed';
import { classify, credentialLevel } from './classify';
import { type ConsentContext, markBeforeConsent, mayBeBeforeConsent } from './consent';
import { type Cookie, cookieRef, cookieSize, cookieType, isPartitioned, namePathKey, refKey } from './cookie';
import { type CookieDb, loadCookieDb } from './data/cookie-db';
import { decodeValue, formatLabel } from './decode/index';
import { type CookieLike, type Decoded, type Siblings, type SignatureInput, siblingsOf } from './decode/types';
import { entropyBits } from './entropy';
import { rated } from './grade';
import { type AnalysisFailure, type Finding, type RuleContext, severityRank } from './rule';
import { RULES } from './rules/index';
import { SecretChecker } from './secrets/verify';
import { parseSetCookie } from './set-cookie';
import { isPotentiallyTrustworthy, isThirdParty } from './site';
import { type FrameStorage, type StorageReport, storageCredential, storageItems } from './web-storage';

export interface AnalyzeOptions {
  url: string;
  /** false: findings and counts only — the cookies' descriptions from the cookie database are left out (the badge). */
  descriptions?: boolean;
  /** ms since the epoch; defaults to the clock. */
  now?: number;
  /** Frame and subresource URLs of the page. */
  pageUrls?: string[];
  /** Set-Cookie headers the page received. */
  setCookies?: { url: string; header: string }[];
  /**
   * Set-Cookie headers the tab received before this page (earlier navigations), oldest first: used only to
   * say which response set a cookie that none of this page's responses set — not judged again.
   */
  earlierSetCookies?: { url: string; header: string }[];
  flow?: LoginFlow;
  /** The consent phase the cookies were read in (audit --consent). */
  consent?: ConsentContext;
  /**
   * When each cookie (refKey) was first created, from the extension's timeline: asked only when the page has a
   * first-party consent cookie and a tracking cookie, to mark (and flag) those set before the consent cookie.
   */
  firstSeen?: (keys: ReadonlySet<string>) => Promise<ReadonlyMap<string, number>>;
  /** Verify signatures against the known-secret list (default true). Pass a checker to reuse its key cache. */
  secrets?: boolean | SecretChecker;
  /** Problems met before the analysis (a cookie store that could not be read): reported as `analysis-error`. */
  failures?: AnalysisFailure[];
  /** The page's web storage as the page-storage probe read it, per frame: listed, decoded and judged. */
  storage?: readonly FrameStorage[];
  /** Per-cookie work kept from earlier analyses of the same cookie objects (the worker's badge). */
  cache?: AnalysisCache;
}

let sharedChecker: SecretChecker | undefined;

/** One checker per context, so the imported keys are reused from report to report. */
function defaultChecker(): SecretChecker {
  sharedChecker ??= new SecretChecker();
  return sharedChecker;
}

/**
 * Looks like an id: id characters only, and not a flag (0, 1, true), a timestamp (Amazon's
 * session-id-time=2082787201l) or an encoded empty value (bkng_sso_session=e30, base64 of {}).
 */
export function idLike(value: string): boolean {
  if (!/^[A-Za-z0-9_.,+/=!:-]{2,512}$/.test(value)) return false;
  if (/^(?:true|false|yes|no|on|off|null|undefined|deleted)$/i.test(value)) return false;
  if (/^\d{10}(?:\d{3})?l?$/.test(value)) return false;
  return !/^(?:e30=?|W10=?|bnVsbA=*|IiI=?|e30%3D)$/.test(value);
}

export function describeCookie(c: Cookie, pageUrl: string, decoded?: Decoded, db?: CookieDb): AnalyzedCookie {
  const k = classify(c, decoded, { db, pageUrl });
  const level = credentialLevel(k);
  const credential = level === 'credential';
  const storage = credential ? (decoded?.storage ?? (idLike(c.value) ? 'server' : undefined)) : undefined;
  const id = level === 'none' ? undefined : (decoded?.id ?? (!decoded && idLike(c.value) ? c.value : undefined));
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
    role: k.role,
    roleEvidence: k.roleEvidence,
    purpose: k.purpose,
    platform: k.platform,
    description: k.description,
    retention: k.retention,
    privacyLink: k.privacyLink,
    source: k.source,
    sessionStorage: storage,
    beforeConsent: undefined,
    framework: k.framework ?? decoded?.framework,
    decoded,
    entropyBits: id === undefined ? undefined : entropyBits(id),
    thirdParty: isThirdParty(c, pageUrl),
    partitioned: isPartitioned(c),
    setBy: undefined,
    container: undefined,
  };
}

const reason = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

/** Decodes and checks signatures, one cookie at a time: a value that breaks either is a failure of that cookie only. */
async function decodeAll(
  cookies: readonly Cookie[],
  secrets: AnalyzeOptions['secrets'],
  failures: AnalysisFailure[],
  cache: AnalysisCache | undefined,
): Promise<(Decoded | undefined)[]> {
  const siblings = siblingsOf(cookies);
  const checker = secrets === false ? undefined : secrets instanceof SecretChecker ? secrets : defaultChecker();
  return Promise.all(
    cookies.map(async (c) => {
      const cached = cache?.decoded(c, siblings, checker ?? false);
      if (cached) {
        failures.push(...cached.failures);
        return cached.decoded;
      }
      const own: AnalysisFailure[] = [];
      const lookups: [string, CookieLike | undefined][] = [];
      const decoded = await decodeOne(c, cache ? AnalysisCache.recording(siblings, lookups) : siblings, checker, own);
      failures.push(...own);
      cache?.rememberDecoded(c, { decoded, failures: own, lookups, checker: checker ?? false });
      return decoded;
    }),
  );
}

async function decodeOne(c: Cookie, siblings: Siblings, checker: SecretChecker | undefined, failures: AnalysisFailure[]): Promise<Decoded | undefined> {
  let result: Awaited<ReturnType<typeof decodeValue>>;
  try {
    result = await decodeValue(c, siblings);
  } catch (error) {
    failures.push({ cookie: cookieRef(c), stage: 'decoding the value', message: reason(error) });
    return undefined;
  }
  if (result?.signature && checker) {
    try {
      const found = await checker.find(result.signature as SignatureInput);
      if (found !== null) result.decoded.knownSecret = found;
    } catch (error) {
      failures.push({ cookie: cookieRef(c), stage: 'the signature check', message: reason(error) });
    }
  }
  return result?.decoded;
}

/** Fills `setBy` from earlier pages' headers, parsing only those that name a cookie still without one. */
function setByEarlier(cookies: AnalyzedCookie[], earlier: readonly { url: string; header: string }[], now: number): void {
  const open = new Set(cookies.filter((c) => !c.setBy).map((c) => c.name));
  if (open.size === 0 || earlier.length === 0) return;
  const named = earlier.filter((h) => open.has(h.header.slice(0, Math.max(0, h.header.indexOf('='))).trim()));
  const parsed = named.map((h) => ({ ...h, result: parseSetCookie(h.header, h.url, now) }));
  const setterOf = setters(parsed);
  for (const c of cookies) if (!c.setBy) c.setBy = setterOf(c);
}

/**
 * For each cookie, the latest accepted header that produced it (same name, domain and path): the response
 * that set it. Indexed once: a cookie-heavy page has hundreds of cookies and of headers.
 */
function setters(records: readonly SetCookieRecord[]): (c: Cookie) => AnalyzedCookie['setBy'] {
  const latest = new Map<string, SetCookieRecord>();
  for (const r of records) if (r.result.accepted) latest.set(namePathKey(r.result.cookie), r);
  return (c) => {
    const source = latest.size ? latest.get(namePathKey(c)) : undefined;
    return source && { url: source.url, header: source.header };
  };
}

function parseHeaders(headers: AnalyzeOptions['setCookies'], now: number, failures: AnalysisFailure[]): SetCookieRecord[] {
  return (headers ?? []).flatMap(({ url, header }) => {
    try {
      return [{ url, header, result: parseSetCookie(header, url, now) }];
    } catch (error) {
      failures.push({ cookie: null, stage: `parsing a Set-Cookie header from ${url}`, message: reason(error) });
      return [];
    }
  });
}

/** describeCookie, or the cookie as it is (role unknown) when describing it fails. */
function describeSafely(c: Cookie, url: string, decoded: Decoded | undefined, db: CookieDb, failures: AnalysisFailure[]): AnalyzedCookie {
  try {
    return describeCookie(c, url, decoded, db);
  } catch (error) {
    failures.push({ cookie: cookieRef(c), stage: 'classifying the cookie', message: reason(error) });
    return {
      ...c,
      type: cookieType(c),
      size: cookieSize(c),
      role: 'unknown',
      roleEvidence: { reason: 'it could not be classified (see the analysis error)', certainty: 'known' },
      purpose: 'unknown',
      thirdParty: false,
      partitioned: isPartitioned(c),
    };
  }
}

/** describeSafely for one page, through the cache when there is one. */
function describer(url: string, db: CookieDb, descriptions: boolean, failures: AnalysisFailure[], cache: AnalysisCache | undefined) {
  return (c: Cookie, decoded: Decoded | undefined): AnalyzedCookie => {
    if (!cache) return describeSafely(c, url, decoded, db, failures);
    // What describeCookie reads of the page: whether there is one, and whether the cookie is third-party on it.
    const key = { decoded, db, descriptions, party: url === '' ? '' : isThirdParty(c, url) ? 'third' : 'first' };
    const hit = cache.described(c, key);
    if (hit) {
      failures.push(...hit.failures);
      return hit.cookie;
    }
    const own: AnalysisFailure[] = [];
    const cookie = describeSafely(c, url, decoded, db, own);
    failures.push(...own);
    cache.rememberDescribed(c, { ...key, failures: own, cookie });
    return cookie;
  };
}

/** Runs every rule; a rule that throws on one cookie (or on the jar) is a failure there, not of the report. */
function runRules(ctx: RuleContext, failures: AnalysisFailure[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.scope === 'cookie') {
      for (const c of ctx.cookies) {
        let hit: ReturnType<typeof rule.check>;
        try {
          hit = rule.check(c, ctx);
        } catch (error) {
          failures.push({ cookie: cookieRef(c), stage: `rule ${rule.id}`, message: reason(error) });
          continue;
        }
        if (hit) findings.push({ rule: rule.id, ...hit, cookie: cookieRef(c), fix: rule.fix });
      }
      continue;
    }
    let hits: ReturnType<typeof rule.checkJar>;
    try {
      hits = rule.checkJar(ctx);
    } catch (error) {
      failures.push({ cookie: null, stage: `rule ${rule.id}`, message: reason(error) });
      continue;
    }
    for (const hit of hits) {
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
  return findings;
}

/**
 * Analyses a jar. Never rejects because of what a site wrote: every decoder, signature check and rule
 * runs per cookie behind a boundary, and what fails is reported as an `analysis-error` finding on that
 * cookie (that rule runs last, so it sees every failure before it).
 */
export async function analyze(cookies: readonly Cookie[], options: AnalyzeOptions): Promise<Report> {
  const now = options.now ?? Date.now();
  const failures: AnalysisFailure[] = [...(options.failures ?? [])];
  const descriptions = options.descriptions !== false;
  const [decoded, db] = await Promise.all([decodeAll(cookies, options.secrets, failures, options.cache), loadCookieDb({ descriptions })]);
  const setCookies = parseHeaders(options.setCookies, now, failures);
  const describe = describer(options.url, db, descriptions, failures, options.cache);
  const setterOf = setters(setCookies);
  const described = cookies.map((c, i) => {
    const d = describe(c, decoded[i]);
    d.setBy = setterOf(c);
    return d;
  });
  setByEarlier(described, options.earlierSetCookies ?? [], now);
  if (options.firstSeen && mayBeBeforeConsent(described)) markBeforeConsent(described, await options.firstSeen(new Set(described.map(refKey))));
  const storage = options.storage ? await describeStorage(options.storage, failures) : undefined;
  const ctx: RuleContext = {
    storage: storage?.items,
    url: options.url,
    now,
    secureContext: isPotentiallyTrustworthy(options.url),
    cookies: described,
    pageUrls: options.pageUrls ?? [],
    setCookies,
    flow: options.flow,
    consent: options.consent,
    failures,
    roleOf: (c) => classify(c, undefined, { db, pageUrl: options.url }).role,
  };
  const findings = runRules(ctx, failures);
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const rejected: RejectedCookie[] = setCookies.flatMap((r) =>
    r.result.accepted
      ? []
      : [
          {
            url: r.url,
            header: r.header,
            name: r.result.cookie?.name ?? r.result.header?.name ?? headerName(r.header),
            code: r.result.code,
            reason: r.result.reason,
          },
        ],
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    url: options.url,
    cookies: described,
    findings,
    rejected,
    ...(storage ? { storage } : {}),
    ...rated(findings),
  };
}

/** The name a refused header gives itself (before its first "="), when the parser did not get as far. */
const headerName = (header: string) => {
  const eq = header.indexOf('=');
  return eq > 0 ? header.slice(0, Math.min(eq, 256)).trim() : '';
};

/** Web storage items decoded with the cookie decoders and judged for credentials, each behind a boundary. */
async function describeStorage(frames: readonly FrameStorage[], failures: AnalysisFailure[]): Promise<StorageReport> {
  const report = storageItems(frames);
  for (const item of report.items) {
    try {
      const decoded = await decodeValue({ name: item.key, value: item.value }, siblingsOf([]));
      if (decoded) {
        item.decoded = decoded.decoded;
        item.formatName = formatLabel(decoded.decoded.format);
      }
      const credential = storageCredential(item.key, item.value);
      if (credential) item.credential = credential;
    } catch (error) {
      failures.push({ cookie: null, stage: `reading storage item ${JSON.stringify(item.key)} of ${item.origin}`, message: reason(error) });
    }
  }
  return report;
}
