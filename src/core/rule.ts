import type { AnalyzedCookie, LoginFlow, ServerChecks, SetCookieRecord } from './analyzed';
import type { Role } from './classify';
import type { ConsentContext } from './consent';
import type { Cookie } from './cookie';
import type { AnalysisFailure, Severity } from './finding';
import type { FrameStorage, StorageItem } from './web-storage';

export { type AnalysisFailure, type Finding, SEVERITIES, type Severity, severityRank } from './finding';

export interface RuleContext {
  /** The page (top-level document) the cookies were read for. */
  url: string;
  now: number;
  /** Whether the page is a secure context (https, or localhost). */
  secureContext: boolean;
  cookies: readonly AnalyzedCookie[];
  /** The page's frames and subresources. */
  pageUrls: readonly string[];
  /** Set-Cookie headers the page received (from DevTools' network log or the audit), parsed. */
  setCookies: readonly SetCookieRecord[];
  /** Cookies before and after a scripted login (and logout), when the audit ran one. */
  flow?: LoginFlow;
  /** The consent phase the jar was read in, when the audit ran `--consent`. */
  consent?: ConsentContext;
  /** The role of a cookie that is not in the report (the login flow's before and after cookies). */
  roleOf: (c: Cookie) => Role;
  /** The page's localStorage and sessionStorage items (top frame and same-origin frames), when they were read. */
  storage?: readonly StorageItem[];
  /** Parts of the analysis that failed so far (collected by the engine; `analysis-error` reports them). */
  failures?: readonly AnalysisFailure[];
}

export interface Hit {
  severity: Severity;
  message: string;
}

/** The cookie attribute a rule's fix sets (fix-settings.ts names each framework's setting for it). */
export type CookieSetting = 'secure' | 'httpOnly' | 'sameSite' | 'sameSiteNone' | 'lifetime' | 'domain';

export interface FixSnippets {
  flask: string;
  django: string;
  express: string;
  php?: string;
  rails?: string;
}

export interface RuleExample {
  /** Why this example is here, shown in test names. */
  title: string;
  /** For examples a rule must flag: the severity it must give (its worst finding), when the example is about it. */
  severity?: Severity;
  cookies: Partial<Cookie>[];
  url?: string;
  /** Set-Cookie headers received, as [url, header]. */
  headers?: [string, string][];
  pageUrls?: string[];
  flow?: { beforeLogin: Partial<Cookie>[]; afterLogin: Partial<Cookie>[]; afterLogout?: Partial<Cookie>[]; server?: ServerChecks };
  consent?: ConsentContext;
  /** The page's web storage, as the probe reads it. */
  storage?: FrameStorage[];
  /** Failures met before the analysis (a store that could not be read), passed to analyze. */
  failures?: AnalysisFailure[];
  /** Ms since the epoch the example is judged at; defaults to 2026-01-01. */
  now?: number;
}

interface RuleBase {
  id: string;
  title: string;
  /** Every severity the rule can give, worst first (it depends on the cookie's role). */
  levels: readonly Severity[];
  /** One plain sentence for lists (popup, badge tooltip). */
  summary: string;
  /** What it means, for learners. */
  explain: string;
  /** Why it matters: the attack it enables. */
  why: string;
  /** One line: what to change. */
  fix: string;
  snippets: FixSnippets;
  /**
   * The one cookie attribute the fix sets, for rules about one: the fix then names the setting of the cookie
   * at hand (REMEMBER_COOKIE_SECURE for Flask-Login's remember_token) — see fix-settings.ts.
   */
  setting?: CookieSetting;
  references: { title: string; url: string }[];
  examples: { flag: RuleExample[]; pass: RuleExample[] };
}

/** A rule that judges one cookie at a time. */
export interface CookieRule extends RuleBase {
  scope: 'cookie';
  check(cookie: AnalyzedCookie, ctx: RuleContext): Hit | null;
}

/** A rule that judges the jar as a whole (duplicates, totals). */
export interface JarRule extends RuleBase {
  scope: 'jar';
  checkJar(ctx: RuleContext): (Hit & { cookie: Pick<Cookie, 'name' | 'domain' | 'path'> | null; url?: string })[];
}

export type Rule = CookieRule | JarRule;
