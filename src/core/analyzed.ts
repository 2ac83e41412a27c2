// What the engine produces: an analysed cookie and a page's report. Their own module, so rules, policies,
// formats and the UI can name them without importing the engine (and the rule registry) that makes them.
import type { Role, RoleEvidence } from './classify';
import type { Cookie, CookieType } from './cookie';
import type { KnowledgeSource, Purpose } from './data/cookie-db';
import type { Decoded } from './decode/types';
import type { Finding } from './finding';
import type { Grade } from './grade';
import type { SetCookieResult } from './set-cookie';

export const REPORT_SCHEMA_VERSION = 1;

export interface AnalyzedCookie extends Cookie {
  type: CookieType;
  /** Name + value in bytes, as browsers count them against the 4096-byte limit. */
  size: number;
  role: Role;
  /** Why the role was chosen, and how sure: known (framework or data), likely (the value shows it), possible (only the name). */
  roleEvidence: RoleEvidence;
  /** What it is for, and which data said so (framework knowledge, Cookie Lens's corrections, the Open Cookie Database, third-party-web). */
  purpose: Purpose;
  platform?: string;
  description?: string;
  /** How long the platform keeps it, as the data says. */
  retention?: string;
  privacyLink?: string;
  source?: KnowledgeSource;
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
