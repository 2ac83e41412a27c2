// Cookie policies: what an organisation requires of its cookies, written down once and checked on every
// audit (in CI) and every page (in the extension). The JSON Schema is schemas/policy.schema.json; the
// validator below is hand-written so it can run under the extension's CSP (schema compilers eval code),
// and a test checks that it agrees with the schema.

import type { AnalyzedCookie, Report } from './analyzed';
import type { Role } from './classify';
import { closest } from './closest';
import { type CookieRef, cookieHost, cookieRef, namePathKey, refKey, type SameSite } from './cookie';
import type { Purpose } from './data/cookie-db';
import { own } from './own';
import { compilePattern, type NameMatcher, PatternTooSlow } from './pattern';
import { type Finding, type Severity, severityRank } from './rule';
import { humanDuration } from './rule-helpers';
import { RULES } from './rules/index';

export type RuleLevel = 'error' | 'warning' | 'ignore';
export type SameSiteValue = 'Strict' | 'Lax' | 'None';

export interface CookieRequirement {
  /** Which cookies: a glob (`session*`, `__Host-?id`) or a regex written `/…/flags`. */
  name?: string;
  /** Only cookies of this domain (a glob over the host, `*.shop.example`). */
  domain?: string;
  /**
   * Only cookies of this role (or one of these), as Cookie Lens classifies them: `"session"` picks session
   * cookies by what they are, not by a name regex that also catches `csrftoken`.
   */
  role?: Role | Role[];
  /** Only cookies of this purpose (or one of these). */
  purpose?: Purpose | Purpose[];
  secure?: boolean;
  httpOnly?: boolean;
  /** Accepted SameSite values; `[]` is not allowed, leave it out to accept any. */
  sameSite?: SameSiteValue[];
  /** Longest lifetime in seconds; 0 means it must be a session cookie. */
  maxLifetime?: number;
  prefix?: '__Host-' | '__Secure-';
  /** Roles the matching cookies may have. */
  roles?: Role[];
  /** Why the requirement exists: shown with each violation. */
  reason?: string;
}

export interface Policy {
  $schema?: string;
  version: 1;
  name?: string;
  cookies?: CookieRequirement[];
  /** Per rule id: `error` fails the audit, `warning` reports it, `ignore` drops it. */
  rules?: Record<string, RuleLevel>;
  /** Cookies left out of policy checks and findings entirely (by name glob, optional domain). */
  allow?: { name: string; domain?: string; reason?: string }[];
  /** What the server must do with sessions, checked by `audit --login` with a loggedIn probe. */
  session?: SessionPolicy;
  /** The purposes each consent phase may hold (audit --consent): anything else is a violation. */
  consent?: ConsentPolicy;
}

export interface ConsentPolicy {
  /** Before the visitor answers the banner, e.g. ["necessary"] (a consent manager's own cookie is always allowed). */
  before?: Purpose[];
  afterAccept?: Purpose[];
  afterReject?: Purpose[];
}

const CONSENT_KEYS = { before: 'before', accept: 'afterAccept', reject: 'afterReject' } as const;

/** Cookies of a consent phase whose purpose the policy does not allow in that phase. */
export function consentViolations(
  policy: Policy,
  phases: readonly { url: string; phase: 'before' | 'accept' | 'reject'; cookies: { name: string; domain: string; path: string; purpose: Purpose }[] }[],
): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  for (const p of phases) {
    const key = CONSENT_KEYS[p.phase];
    const allowed = policy.consent?.[key];
    if (!allowed) continue;
    for (const c of p.cookies) {
      // The consent manager's own cookie stores the answer: it is what the phases are about.
      if (c.purpose === 'consent' || allowed.includes(c.purpose)) continue;
      out.push({
        cookie: { name: c.name, domain: c.domain, path: c.path },
        requirement: `consent.${key}`,
        message: `"${c.name}" (${c.purpose}) is set ${p.phase === 'before' ? 'before consent' : p.phase === 'accept' ? 'after "Accept all"' : 'after "Reject all"'} on ${p.url}; allowed: ${allowed.join(', ')}.`,
      });
    }
  }
  return out;
}

export interface SessionPolicy {
  /** Logout must end the session on the server: session-valid-after-logout becomes an error. */
  invalidatedOnLogout?: boolean;
  /** Login must issue a new session id: session-not-rotated and session-fixation become errors. */
  rotatedOnLogin?: boolean;
  /** Longest idle time in seconds a session may survive (judges --idle-check). */
  maxIdle?: number;
  /** Longest time in seconds a session may last in use (judges --absolute-check). */
  maxLifetime?: number;
}

/** The rules each session requirement turns into errors. */
const SESSION_RULES: Record<'invalidatedOnLogout' | 'rotatedOnLogin', string[]> = {
  invalidatedOnLogout: ['session-valid-after-logout'],
  rotatedOnLogin: ['session-not-rotated', 'session-fixation'],
};

export interface PolicyViolation {
  cookie: CookieRef;
  requirement: string;
  message: string;
  reason?: string;
}

/** One violation's identity: its cookie (refKey), the requirement and the message. */
export function violationKey(v: PolicyViolation): string {
  return [refKey(v.cookie), v.requirement, v.message].join('\u0001');
}

export interface PolicyResult {
  /** Findings after the policy's rule levels and allow-list. */
  findings: Finding[];
  violations: PolicyViolation[];
  /** Findings the policy made errors (they fail an audit like violations). */
  errors: Finding[];
  /** Per cookie (report order): did every requirement that applies to it hold? Undefined when none applies. */
  passed: (boolean | undefined)[];
}

const SAME_SITE_OF: Record<SameSite, SameSiteValue | undefined> = { strict: 'Strict', lax: 'Lax', no_restriction: 'None', unspecified: undefined };
const ROLES: Role[] = ['session', 'auth', 'csrf', 'tracking', 'preference', 'unknown'];
const PURPOSES: Purpose[] = ['necessary', 'functional', 'preference', 'analytics', 'advertising', 'consent', 'security', 'unknown'];
const REQUIREMENT_KEYS = ['name', 'domain', 'role', 'purpose', 'secure', 'httpOnly', 'sameSite', 'maxLifetime', 'prefix', 'roles', 'reason'];
const asList = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
const LEVELS: RuleLevel[] = ['error', 'warning', 'ignore'];

/** A requirement's or allow entry's selectors, compiled once (validatePolicy refused bad ones); every one given must hold. */
function matcher(name: string | undefined, domain?: string, role?: Role | Role[], purpose?: Purpose | Purpose[]) {
  const compiled = (p: string): NameMatcher => {
    const c = compilePattern(p);
    if ('error' in c) throw new Error(c.error);
    return c.matcher;
  };
  const n = name === undefined ? null : compiled(name);
  const d = domain === undefined ? null : compiled(domain);
  const roles = asList(role);
  const purposes = asList(purpose);
  return (c: { name: string; domain: string; role?: Role; purpose?: Purpose }) =>
    (roles === undefined || (c.role !== undefined && roles.includes(c.role))) &&
    (purposes === undefined || (c.purpose !== undefined && purposes.includes(c.purpose))) &&
    (n === null || n.test(c.name)) &&
    (d === null || d.test(cookieHost(c)));
}

/** Checks a parsed JSON value against the policy format; every problem is reported with its path. */
export function validatePolicy(value: unknown): { policy?: Policy; errors: string[] } {
  const errors: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(value)) return { errors: ['The policy must be a JSON object.'] };
  const known = (obj: Record<string, unknown>, keys: string[], where: string) => {
    for (const k of Object.keys(obj)) {
      if (keys.includes(k)) continue;
      const guess = closest(k, keys);
      errors.push(`${where}: unknown property "${k}"${guess ? ` — did you mean "${guess}"?` : ''}.`);
    }
  };
  known(value, ['$schema', 'version', 'name', 'cookies', 'rules', 'allow', 'session', 'consent'], 'policy');
  if (value.consent !== undefined) {
    if (!isObj(value.consent)) errors.push('policy.consent must be an object.');
    else {
      known(value.consent, ['before', 'afterAccept', 'afterReject'], 'policy.consent');
      for (const [k, v] of Object.entries(value.consent))
        if (!Array.isArray(v) || v.some((x) => !PURPOSES.includes(x))) errors.push(`policy.consent.${k} must list purposes among ${PURPOSES.join(', ')}.`);
    }
  }
  if (value.session !== undefined) {
    if (!isObj(value.session)) errors.push('policy.session must be an object.');
    else {
      known(value.session, ['invalidatedOnLogout', 'rotatedOnLogin', 'maxIdle', 'maxLifetime'], 'policy.session');
      for (const flag of ['invalidatedOnLogout', 'rotatedOnLogin'] as const)
        if (value.session[flag] !== undefined && typeof value.session[flag] !== 'boolean') errors.push(`policy.session.${flag} must be true or false.`);
      for (const limit of ['maxIdle', 'maxLifetime'] as const) {
        const v = value.session[limit];
        if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v > 0))
          errors.push(`policy.session.${limit} must be a whole number of seconds above 0.`);
      }
    }
  }
  if (value.version !== 1) errors.push('policy.version must be 1.');
  if (value.name !== undefined && typeof value.name !== 'string') errors.push('policy.name must be a string.');
  const regexOk = (p: unknown, where: string) => {
    if (typeof p !== 'string' || p === '') {
      errors.push(`${where} must be a non-empty string.`);
      return;
    }
    const compiled = compilePattern(p);
    if ('error' in compiled) errors.push(`${where}: ${compiled.error}`);
  };
  if (value.cookies !== undefined) {
    if (!Array.isArray(value.cookies)) errors.push('policy.cookies must be an array.');
    else
      value.cookies.forEach((r: unknown, i: number) => {
        const where = `policy.cookies[${i}]`;
        if (!isObj(r)) {
          errors.push(`${where} must be an object.`);
          return;
        }
        known(r, REQUIREMENT_KEYS, where);
        if (r.name === undefined && r.role === undefined && r.purpose === undefined)
          errors.push(`${where} must select cookies with "name", "role" or "purpose".`);
        if (r.name !== undefined) regexOk(r.name, `${where}.name`);
        const listOf = (v: unknown, allowed: string[]) =>
          Array.isArray(v) ? v.length > 0 && v.every((x) => allowed.includes(x)) : allowed.includes(v as string);
        if (r.role !== undefined && !listOf(r.role, ROLES)) errors.push(`${where}.role must be a role or a list of roles among ${ROLES.join(', ')}.`);
        if (r.purpose !== undefined && !listOf(r.purpose, PURPOSES))
          errors.push(`${where}.purpose must be a purpose or a list of purposes among ${PURPOSES.join(', ')}.`);
        if (r.domain !== undefined) regexOk(r.domain, `${where}.domain`);
        for (const flag of ['secure', 'httpOnly'] as const)
          if (r[flag] !== undefined && typeof r[flag] !== 'boolean') errors.push(`${where}.${flag} must be true or false.`);
        if (
          r.sameSite !== undefined &&
          (!Array.isArray(r.sameSite) || r.sameSite.length === 0 || r.sameSite.some((s) => !['Strict', 'Lax', 'None'].includes(s)))
        ) {
          errors.push(`${where}.sameSite must be a non-empty list of "Strict", "Lax", "None".`);
        }
        if (r.maxLifetime !== undefined && !(typeof r.maxLifetime === 'number' && Number.isInteger(r.maxLifetime) && r.maxLifetime >= 0)) {
          errors.push(`${where}.maxLifetime must be a whole number of seconds (0 = session cookie).`);
        }
        if (r.prefix !== undefined && r.prefix !== '__Host-' && r.prefix !== '__Secure-') errors.push(`${where}.prefix must be "__Host-" or "__Secure-".`);
        if (r.roles !== undefined && (!Array.isArray(r.roles) || r.roles.some((x) => !ROLES.includes(x))))
          errors.push(`${where}.roles must list roles among ${ROLES.join(', ')}.`);
        if (r.reason !== undefined && typeof r.reason !== 'string') errors.push(`${where}.reason must be a string.`);
      });
  }
  if (value.rules !== undefined) {
    if (!isObj(value.rules)) errors.push('policy.rules must be an object of rule id → "error" | "warning" | "ignore".');
    else
      for (const [id, level] of Object.entries(value.rules)) {
        if (!RULES.some((r) => r.id === id)) errors.push(`policy.rules: "${id}" is not a Cookie Lens rule id.`);
        if (!LEVELS.includes(level as RuleLevel)) errors.push(`policy.rules.${id} must be "error", "warning" or "ignore".`);
      }
  }
  if (value.allow !== undefined) {
    if (!Array.isArray(value.allow)) errors.push('policy.allow must be an array.');
    else
      value.allow.forEach((a: unknown, i: number) => {
        const where = `policy.allow[${i}]`;
        if (!isObj(a)) {
          errors.push(`${where} must be an object.`);
          return;
        }
        known(a, ['name', 'domain', 'reason'], where);
        regexOk(a.name, `${where}.name`);
        if (a.domain !== undefined) regexOk(a.domain, `${where}.domain`);
      });
  }
  return errors.length ? { errors } : { policy: value as unknown as Policy, errors };
}

function lifetime(c: AnalyzedCookie, now: number): number {
  return c.session || c.expirationDate === undefined ? 0 : Math.max(0, Math.round(c.expirationDate - now / 1000));
}

function check(c: AnalyzedCookie, r: CookieRequirement, now: number): { requirement: string; message: string }[] {
  const out: { requirement: string; message: string }[] = [];
  const name = `"${c.name}"`;
  if (r.secure === true && !c.secure) out.push({ requirement: 'secure', message: `${name} must be Secure.` });
  if (r.secure === false && c.secure) out.push({ requirement: 'secure', message: `${name} must not be Secure.` });
  if (r.httpOnly === true && !c.httpOnly) out.push({ requirement: 'httpOnly', message: `${name} must be HttpOnly.` });
  if (r.httpOnly === false && c.httpOnly) out.push({ requirement: 'httpOnly', message: `${name} must not be HttpOnly (scripts need it).` });
  if (r.sameSite) {
    const actual = own(SAME_SITE_OF, c.sameSite);
    if (!actual || !r.sameSite.includes(actual))
      out.push({ requirement: 'sameSite', message: `${name} has SameSite=${actual ?? '(not set)'}; allowed: ${r.sameSite.join(', ')}.` });
  }
  if (r.maxLifetime !== undefined) {
    const life = lifetime(c, now);
    if (r.maxLifetime === 0 && !c.session)
      out.push({ requirement: 'maxLifetime', message: `${name} must be a session cookie (it expires in ${humanDuration(life)}).` });
    else if (life > r.maxLifetime)
      out.push({ requirement: 'maxLifetime', message: `${name} lives ${humanDuration(life)}; at most ${humanDuration(r.maxLifetime)} allowed.` });
  }
  if (r.prefix && !c.name.toLowerCase().startsWith(r.prefix.toLowerCase()))
    out.push({ requirement: 'prefix', message: `${name} must be named with the ${r.prefix} prefix.` });
  if (r.roles && !r.roles.includes(c.role))
    out.push({ requirement: 'roles', message: `${name} looks like a ${c.role} cookie; allowed: ${r.roles.join(', ')}.` });
  return out;
}

/** Applies a policy to a report: rule levels and the allow-list on the findings, and the cookie requirements. */
export function applyPolicy(report: Pick<Report, 'cookies' | 'findings'>, policy: Policy, now: number = Date.now()): PolicyResult {
  const violations: PolicyViolation[] = [];
  const ref = cookieRef;
  /** A pattern stopped for taking too long: the cookie is reported as not checked, never passed silently. */
  const stopped = (c: { name: string; domain: string; path: string }, e: unknown, what: string) => {
    if (!(e instanceof PatternTooSlow)) throw e;
    violations.push({ cookie: ref(c), requirement: 'pattern', message: `"${c.name}" ${what}: ${e.message} Fix the pattern.` });
  };
  const allowed = (policy.allow ?? []).map((a) => ({ a, m: matcher(a.name, a.domain) }));
  /** How a requirement is named in messages: its name pattern, else its role or purpose. */
  const label = (r: CookieRequirement) => r.name ?? (r.role ? `role ${asList(r.role)?.join('|')}` : `purpose ${asList(r.purpose)?.join('|')}`);
  const allowCache = new Map<string, boolean>();
  const isAllowed = (c: { name: string; domain: string; path: string }) => {
    const key = namePathKey(c);
    let answer = allowCache.get(key);
    if (answer === undefined) {
      answer = allowed.some(({ a, m }) => {
        try {
          return m(c);
        } catch (e) {
          stopped(c, e, `was checked as not allowed (the allow pattern ${a.name} was stopped)`);
          return false;
        }
      });
      allowCache.set(key, answer);
    }
    return answer;
  };
  const sessionErrors = (Object.keys(SESSION_RULES) as (keyof typeof SESSION_RULES)[]).filter((k) => policy.session?.[k]).flatMap((k) => SESSION_RULES[k]);
  const level = (rule: string): RuleLevel | undefined => (sessionErrors.includes(rule) ? 'error' : own(policy.rules ?? {}, rule));
  const findings = report.findings.filter((f) => level(f.rule) !== 'ignore' && !(f.cookie && isAllowed(f.cookie)));
  const errors = findings.filter((f) => level(f.rule) === 'error');
  const requirements = (policy.cookies ?? []).map((r) => ({ r, applies: matcher(r.name, r.domain, r.role, r.purpose) }));
  const passed = report.cookies.map((c) => {
    if (isAllowed(c)) return undefined;
    let unchecked = false;
    const applying = requirements.filter(({ r, applies }) => {
      try {
        return applies(c);
      } catch (e) {
        stopped(c, e, `could not be checked against the requirement for ${label(r)}`);
        unchecked = true;
        return false;
      }
    });
    if (applying.length === 0) return unchecked ? false : undefined;
    const problems = applying.flatMap(({ r }) => check(c, r, now).map((p) => ({ ...p, reason: r.reason })));
    for (const p of problems) violations.push({ cookie: ref(c), ...p });
    return problems.length === 0 && !unchecked;
  });
  return { findings, violations, errors, passed };
}

/** Severity order used by --fail-on and by rule levels: is `s` at least `threshold`? */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}
