import type { Cookie } from './cookie';
import type { Decoded } from './decode/types';

export type Role = 'session' | 'auth' | 'csrf' | 'tracking' | 'preference' | 'unknown';

// Framework defaults plus ZAP's session-token list (asp.net_sessionid, aspsessionid, siteserver, cfid,
// cftoken, jsessionid, phpsessid, sessid, sid, viewstate, zenid) and the Observatory's "sess"/"login".
const SESSION_NAMES =
  /^(?:session|sessionid|sess|sid|connect\.sid|phpsessid|jsessionid|asp\.net_sessionid|aspsessionid\w*|\.aspnetcore\.session|laravel_session|_session_id|_[\w-]+_session|siteserver|cfid|cftoken|zenid|ci_session|express:sess|koa[.:]sess)(?:\.sig)?$/i;
const SESSION_PARTS = /sess|login/i;
const AUTH_NAMES = /(?:^|[_.-])(?:auth|token|jwt|access|refresh|id_token|remember|logged|aspxauth)|^\.aspnetcore\.(?:cookies|identity)/i;
const CSRF_NAMES = /csrf|xsrf|__requestverificationtoken|antiforgery/i;
const TRACKING_NAMES =
  /^(?:_ga|_gid|_gat|_gcl_\w+|_fbp|_fbc|__utm[a-z]|_hj\w*|ajs_\w+|mp_\w+|_uetsid|_uetvid|_clck|_clsk|ide|dsid|test_cookie|muid|anid|nid|_pk_\w+|uid|uuid|visitor_?id|_tt_\w+|__hs\w+|hubspotutk|optimizely\w*|_scid|_pin_unauth|personalization_id|guest_id|li_sugr|bcookie|lidc|_ttp|tuuid|uuid2|anj)(?:$|[._])/i;
const PREFERENCE_NAMES = /lang|locale|theme|consent|cookieconsent|timezone|^tz$|currency|pref|dark|color.?scheme|region/i;

/** Registrable domains of well-known advertising and analytics services. */
export const TRACKER_DOMAINS = new Set([
  'doubleclick.net',
  'google-analytics.com',
  'googletagmanager.com',
  'googlesyndication.com',
  'googleadservices.com',
  'facebook.com',
  'facebook.net',
  'connect.facebook.net',
  'adnxs.com',
  'criteo.com',
  'criteo.net',
  'scorecardresearch.com',
  'quantserve.com',
  'taboola.com',
  'outbrain.com',
  'hotjar.com',
  'bing.com',
  'linkedin.com',
  'ads-twitter.com',
  'twitter.com',
  'tiktok.com',
  'pinterest.com',
  'rubiconproject.com',
  'pubmatic.com',
  'openx.net',
  'casalemedia.com',
  'demdex.net',
  'everesttech.net',
  'adsrvr.org',
  'mathtag.com',
  'yandex.ru',
  'hubspot.com',
  'mixpanel.com',
  'segment.io',
  'amplitude.com',
]);

/** Strips the `__Host-` / `__Secure-` / `__Http-` prefixes so `__Host-session` is a session cookie. */
export function baseName(name: string): string {
  return name.replace(/^__(?:host-http|host|secure|http)-/i, '');
}

/** What a cookie is for, from its name. */
export function roleOf(c: Pick<Cookie, 'name'>): Role {
  const name = baseName(c.name);
  if (CSRF_NAMES.test(name)) return 'csrf';
  if (SESSION_NAMES.test(name) || SESSION_PARTS.test(name)) return 'session';
  if (TRACKING_NAMES.test(name)) return 'tracking';
  if (AUTH_NAMES.test(name)) return 'auth';
  if (PREFERENCE_NAMES.test(name)) return 'preference';
  return 'unknown';
}

/** Name first; an unknown name carrying a session format or a token is a session or an auth cookie. */
export function roleWith(c: Pick<Cookie, 'name'>, decoded: Decoded | undefined): Role {
  const byName = roleOf(c);
  if (byName !== 'unknown' || !decoded) return byName;
  if (decoded.format === 'jwt' || decoded.format === 'jwe' || decoded.format === 'aspnet-forms-auth') return 'auth';
  if (decoded.storage) return 'session';
  return 'unknown';
}

/** Session and auth cookies grant access: a flaw on them is worth more. */
export function isCredential(role: Role): boolean {
  return role === 'session' || role === 'auth';
}

const FRAMEWORK_BY_NAME: [RegExp, string][] = [
  [/^PHPSESSID$/i, 'PHP'],
  [/^JSESSIONID$/i, 'Java'],
  [/^ASP\.NET_SessionId$|^\.ASPXAUTH$|^__RequestVerificationToken/i, 'ASP.NET'],
  [/^\.AspNetCore\./i, 'ASP.NET Core'],
  [/^connect\.sid$/i, 'Express'],
  [/^laravel_session$/i, 'Laravel'],
  [/^_[\w-]+_session$/i, 'Rails'],
  [/^csrftoken$|^django_language$/i, 'Django'],
  [/^ci_session$/i, 'CodeIgniter'],
  [/^koa[.:]sess/i, 'Koa'],
  [/^CFID$|^CFTOKEN$/i, 'ColdFusion'],
];

export function frameworkOf(c: Pick<Cookie, 'name'>, decoded: Decoded | undefined): string | undefined {
  return decoded?.framework ?? FRAMEWORK_BY_NAME.find(([re]) => re.test(c.name))?.[1];
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
