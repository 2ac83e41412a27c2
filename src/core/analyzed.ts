// What the engine produces: an analysed cookie and a page's report. Their own module, so rules, policies,
// formats and the UI can name them without importing the engine (and the rule registry) that makes them.
import type { Classification } from './classify';
import type { Cookie, CookieType } from './cookie';
import type { Decoded } from './decode/types';
import type { Finding } from './finding';
import type { Grade } from './grade';
import type { SetCookieResult } from './set-cookie';
import type { StorageReport } from './web-storage';

export const REPORT_SCHEMA_VERSION = 1;

/** A cookie as the engine describes it: the browser's cookie, what it is (classification) and what it holds. */
export interface AnalyzedCookie extends Cookie, Classification {
  type: CookieType;
  /** Name + value in bytes, as browsers count them against the 4096-byte limit. */
  size: number;
  /** For session and auth cookies: is the session state inside the cookie, or on the server? */
  sessionStorage?: 'client' | 'server';
  /** An analytics or advertising cookie first recorded before the site's consent cookie (see consent.ts). */
  beforeConsent?: boolean;
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
  /** What the server answered, checked with the login file's logged-in probe (audit --login with loggedIn). */
  server?: ServerChecks;
}

/** The server's side of the session lifecycle (OWASP WSTG-SESS-03 and -06), as a real browser saw it. */
export interface ServerChecks {
  /** The logged-in probe in words: 'https://shop.example/account shows "Signed in as"'. */
  probe: string;
  /** After logout, the cookies of the logged-in state replayed in a fresh browser: was it still logged in? */
  replayAfterLogout?: { loggedIn: boolean; replayed: string[] };
  /**
   * An attacker's pre-login cookies planted in a victim's fresh browser, then the victim logs in: which
   * planted values the victim still had after login, and whether the attacker's browser was then logged in.
   */
  fixation?: { kept: string[]; attackerLoggedIn: boolean };
  /** --idle-check: after `seconds` without a request, was the session still logged in? `limit`: the policy's maxIdle. */
  idle?: { seconds: number; loggedIn: boolean; limit?: number };
  /**
   * --absolute-check: the session kept busy (a probe every minute or tenth of the time) for `seconds`; `endedAfter`
   * when a probe found it logged out earlier. `limit`: the policy's maxLifetime.
   */
  absolute?: { seconds: number; loggedIn: boolean; endedAfter?: number; limit?: number };
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  url: string;
  cookies: AnalyzedCookie[];
  findings: Finding[];
  /** Set-Cookie headers the browser refused, with the reason. */
  rejected: RejectedCookie[];
  /** The page's localStorage, sessionStorage and IndexedDB names, when they were read (the views and the audit). */
  storage?: StorageReport;
  grade: Grade;
  score: number;
}
