// What a cookie is and what it is for, from evidence: framework knowledge (names and value formats), Cookie
// Lens's corrections, the Open Cookie Database, third-party-web, and what the value itself shows (a signed
// session format, a JWT with a subject, a random id). A name substring alone never makes a cookie a
// credential: at most it is "possibly a credential", and rules then speak no louder than low.
import { type Cookie, cookieHost } from './cookie';
import { type CookieDb, CREDENTIAL_HINT, type KnowledgeSource, type Purpose } from './data/cookie-db';
import { correctionFor } from './data/corrections';
import type { Decoded } from './decode/types';
import { entropyBits } from './entropy';
import { frameworkCookie, OPAQUE_ID } from './frameworks';
import type { Role } from './role';
import { isThirdParty, siteOf } from './site';

export type { Role } from './role';

/** Why a cookie got its role: shown in the details pane and in reports. */
export interface RoleEvidence {
  /** One sentence: "PHP's PHPSESSID cookie", "the Open Cookie Database: Google Analytics, …". */
  reason: string;
  /**
   * known: framework or data says so; likely: the value bears it out (a random id under a session-like
   * name, a signed session format); possible: only the name suggests a credential.
   */
  certainty: 'known' | 'likely' | 'possible';
}

export interface Classification {
  role: Role;
  /** Why the role was chosen, and how sure: known (framework or data), likely (the value shows it), possible (only the name). */
  roleEvidence: RoleEvidence;
  /** What it is for (framework knowledge, Cookie Lens's corrections, the Open Cookie Database, third-party-web). */
  purpose: Purpose;
  platform?: string;
  description?: string;
  /** How long the platform keeps it, as the data says. */
  retention?: string;
  privacyLink?: string;
  /** Which data said what the cookie is for. */
  source?: KnowledgeSource;
  framework?: string;
}

const CSRF_NAMES = /csrf|xsrf|__requestverificationtoken|antiforgery/i;
const PREFERENCE_NAMES = /lang|locale|theme|timezone|^tz$|currency|pref|dark|color.?scheme|region|country/i;
const CONSENT_NAMES = /consent|cookie_?notice|cookie_?policy|cookiebanner|gdpr|opt_?out/i;
// Trackers the two data sets do not name: kept short, each a documented vendor cookie.
const TRACKING_NAMES =
  /^(?:_ga(?:_\w+)?|_gid|_gat(?:_\w+)?|_gcl_\w+|_fbp|_fbc|__utm[a-z]|_uetsid|_uetvid|_clck|_clsk|_pk_\w+|ajs_\w+|mp_\w+|_tt_\w+|_ttp|_scid|_pin_unauth)$/;

/** Strips the `__Host-` / `__Secure-` / `__Http-` prefixes so `__Host-session` is a session cookie. */
export function baseName(name: string): string {
  return name.replace(/^__(?:host-http|host|secure|http)-/i, '');
}

/** Session and auth cookies grant access: a flaw on them is worth more. */
export function isCredential(role: Role): boolean {
  return role === 'session' || role === 'auth';
}

/** Is a cookie a credential, only possibly one (its name hints so), or not one? Rules pick their severity by it. */
export function credentialLevel(c: { role: Role; roleEvidence?: RoleEvidence }): 'credential' | 'possible' | 'none' {
  if (isCredential(c.role)) return 'credential';
  return c.roleEvidence?.certainty === 'possible' ? 'possible' : 'none';
}

const roleOfPurpose = (p: Purpose): Role =>
  p === 'analytics' || p === 'advertising' ? 'tracking' : p === 'consent' || p === 'preference' ? 'preference' : 'unknown';

const quote = (s: string) => (s.length > 90 ? `“${s.slice(0, 89)}…”` : `“${s}”`);

/** A value that is only an identifier: one token of id characters, not a flag like "true" or a timestamp. */
export function looksLikeOpaqueId(value: string): boolean {
  return OPAQUE_ID.test(value) && !/^(?:true|false|yes|no|on|off|null|undefined)$/i.test(value) && !/^\d{9,13}$/.test(value);
}

/** The decoded value shows a session or a login: a signed session format, a JWT (with a subject) or JWE. */
function valueEvidence(
  decoded: Decoded | undefined,
  name: string,
): { role: 'session' | 'auth'; reason: string; certainty: 'known' | 'likely' | 'possible' } | undefined {
  if (!decoded) return undefined;
  if (decoded.format === 'jwt') {
    const claims = (decoded.payload as { claims?: Record<string, unknown> } | undefined)?.claims;
    if (claims && typeof claims.sub === 'string')
      return { role: 'auth', reason: `a JWT whose subject is ${JSON.stringify(claims.sub.slice(0, 40))}`, certainty: 'likely' };
    // A signed token under a session-like name (MomFriendlySessionCookie) is one; otherwise it may be anything.
    if (CREDENTIAL_HINT.test(name))
      return { role: /sess/i.test(name) ? 'session' : 'auth', reason: 'a signed JWT under a session-like name', certainty: 'likely' };
    return { role: 'auth', reason: 'a JWT without a subject (it may or may not log anyone in)', certainty: 'possible' };
  }
  if (decoded.format === 'jwe') return { role: 'auth', reason: 'an encrypted JWT (JWE)', certainty: 'likely' };
  if (decoded.format === 'aspnet-forms-auth') return { role: 'auth', reason: 'an ASP.NET forms authentication ticket', certainty: 'known' };
  if (decoded.storage)
    return { role: 'session', reason: `a ${decoded.framework ?? ''} session in the ${decoded.format} format`.replace(/\s+/g, ' '), certainty: 'known' };
  return undefined;
}

export interface ClassifyContext {
  db?: CookieDb;
  pageUrl: string;
}

/** Role, purpose and their evidence for one cookie. */
export function classify(c: Pick<Cookie, 'name' | 'value' | 'domain'>, decoded: Decoded | undefined, ctx: ClassifyContext): Classification {
  const name = baseName(c.name);
  const host = cookieHost(c);
  const site = siteOf(host);

  // A third-party cookie of a known advertising, analytics or monitoring company is that company's, whatever
  // its name: Taboola's JSESSIONID, Rubicon's rsid, New Relic's JSESSIONID on bam.nr-data.net log nobody in.
  const thirdParty = ctx.pageUrl !== '' && isThirdParty(c, ctx.pageUrl);
  const entity = thirdParty ? ctx.db?.entityOf(host) : undefined;
  const tracker = entity && (entity.purpose === 'advertising' || entity.purpose === 'analytics' || entity.category === 'utility') ? entity : undefined;

  const framework = tracker ? undefined : frameworkCookie(name, c.value);
  // A naming pattern (_<app>_session) yields to the database when it knows the cookie (Parse.ly's _parsely_session).
  const fw = framework?.pattern && ctx.db?.lookup(c.name, host) ? undefined : framework;
  if (fw) {
    return {
      role: fw.role,
      roleEvidence: { reason: fw.evidence, certainty: 'known' },
      purpose: fw.role === 'preference' ? 'preference' : fw.role === 'csrf' ? 'security' : 'necessary',
      platform: fw.framework,
      description: fw.description,
      source: 'framework',
      framework: decoded?.framework ?? fw.framework,
    };
  }
  const value = valueEvidence(decoded, name);
  if (value?.certainty === 'known' && !tracker) {
    return {
      role: value.role,
      roleEvidence: { reason: `the value is ${value.reason}`, certainty: 'known' },
      purpose: 'necessary',
      framework: decoded?.framework,
      platform: decoded?.framework,
    };
  }

  const correction = correctionFor(c.name, site) ?? (name !== c.name ? correctionFor(name, site) : undefined);
  const known = correction
    ? {
        platform: correction.platform,
        purpose: correction.purpose,
        description: correction.description,
        source: 'cookie-lens' as const,
        credential: undefined,
        retention: undefined,
        privacyLink: undefined,
      }
    : (ctx.db?.lookup(c.name, host) ?? (name !== c.name ? ctx.db?.lookup(name, host) : undefined));
  // On a tracker's host, a generic framework entry ("a servlet session", "a login cookie") or another
  // platform's entry for the same name (Salesforce's rsid on Rubicon's host) says less than the host does.
  if (known && !(tracker && (known.credential || known.purpose === 'necessary' || ('elsewhere' in known && known.elsewhere)))) {
    const role: Role = known.credential ? 'session' : roleOfPurpose(known.purpose);
    const who = known.source === 'cookie-lens' ? 'Cookie Lens’s corrections' : 'the Open Cookie Database';
    return {
      role,
      roleEvidence: {
        reason: `${who}: ${known.platform ? `${known.platform}, ` : ''}${known.credential ? 'a login or session cookie' : known.purpose}${known.description ? ` — ${quote(known.description)}` : ''}`,
        certainty: 'known',
      },
      purpose: known.credential ? 'necessary' : known.purpose,
      platform: known.platform,
      description: known.description,
      retention: known.retention,
      privacyLink: known.privacyLink,
      source: known.source,
      framework: decoded?.framework,
    };
  }

  if (entity && entity.purpose !== 'unknown' && (!value || tracker)) {
    return {
      role: roleOfPurpose(entity.purpose),
      roleEvidence: { reason: `third-party-web: ${host} belongs to ${entity.name} (${entity.category})`, certainty: 'known' },
      purpose: entity.purpose,
      platform: entity.name,
      source: 'third-party-web',
    };
  }
  if (CSRF_NAMES.test(name)) return { role: 'csrf', roleEvidence: { reason: 'its name says it is a CSRF token', certainty: 'likely' }, purpose: 'security' };
  if (value) {
    const certainty = value.certainty === 'likely' && !thirdParty ? 'likely' : 'possible';
    return {
      role: certainty === 'possible' ? 'unknown' : value.role,
      roleEvidence: { reason: `the value is ${value.reason}${thirdParty && value.certainty === 'likely' ? ', on another site than the page' : ''}`, certainty },
      purpose: certainty === 'possible' ? 'unknown' : 'necessary',
      framework: decoded?.framework,
    };
  }
  if (TRACKING_NAMES.test(name)) {
    return {
      role: 'tracking',
      roleEvidence: { reason: 'the name of a well-known analytics or advertising cookie', certainty: 'likely' },
      purpose: 'analytics',
    };
  }
  if (CONSENT_NAMES.test(name))
    return { role: 'preference', roleEvidence: { reason: 'its name says it records consent', certainty: 'likely' }, purpose: 'consent' };
  if (CREDENTIAL_HINT.test(name)) {
    const bits = entropyBits(c.value);
    if (!thirdParty && looksLikeOpaqueId(c.value) && bits >= 64) {
      const role = /auth|token|login|jwt|remember|logged/i.test(name) && !/sess|sid/i.test(name) ? 'auth' : 'session';
      return {
        role,
        roleEvidence: {
          reason: `its name suggests a ${role === 'auth' ? 'login token' : 'session'} and its value is a random id of about ${bits} bits`,
          certainty: 'likely',
        },
        purpose: 'necessary',
      };
    }
    return {
      role: 'unknown',
      roleEvidence: {
        reason: `possibly a credential: only its name suggests one (${thirdParty ? 'set by another site' : looksLikeOpaqueId(c.value) ? `its value has only about ${bits} bits` : 'its value is not a random id'})`,
        certainty: 'possible',
      },
      purpose: 'unknown',
    };
  }
  if (PREFERENCE_NAMES.test(name))
    return { role: 'preference', roleEvidence: { reason: 'its name says it stores a preference', certainty: 'likely' }, purpose: 'preference' };
  return { role: 'unknown', roleEvidence: { reason: 'no data or evidence says what it is', certainty: 'known' }, purpose: 'unknown' };
}

/** Framework default session names: they tell an attacker the stack (OWASP: change them). */
export const DEFAULT_SESSION_NAMES: Record<string, string> = {
  phpsessid: 'PHP',
  jsessionid: 'Java servlet containers',
  'asp.net_sessionid': 'ASP.NET',
  '.aspnetcore.session': 'ASP.NET Core',
  'connect.sid': 'express-session',
  laravel_session: 'Laravel',
  sessionid: 'Django',
  session: 'Flask and cookie-session',
  ci_session: 'CodeIgniter',
  _session_id: 'Rails (server-side stores)',
  cfid: 'ColdFusion',
  cftoken: 'ColdFusion',
};
