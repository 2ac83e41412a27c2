import type { Cookie } from './cookie';

export type Role = 'session' | 'auth' | 'csrf' | 'tracking' | 'preference' | 'unknown';

// Framework defaults plus ZAP's session-token list (asp.net_sessionid, aspsessionid, siteserver, cfid,
// cftoken, jsessionid, phpsessid, sessid, sid, viewstate, zenid) and the Observatory's "sess"/"login".
const SESSION_NAMES =
  /^(?:session|sessionid|sess|sid|connect\.sid|phpsessid|jsessionid|asp\.net_sessionid|aspsessionid\w*|\.aspnetcore\.session|laravel_session|_session_id|_[\w-]+_session|siteserver|cfid|cftoken|zenid|ci_session|express:sess|koa[.:]sess)$/i;
const SESSION_PARTS = /sess|login/i;
const AUTH_NAMES = /(?:^|[_.-])(?:auth|token|jwt|access|refresh|id_token|remember|logged)/i;
const CSRF_NAMES = /csrf|xsrf|__requestverificationtoken|antiforgery/i;
const TRACKING_NAMES =
  /^(?:_ga|_gid|_gat|_gcl_\w+|_fbp|_fbc|__utm[a-z]|_hj\w*|ajs_\w+|mp_\w+|_uetsid|_uetvid|_clck|_clsk|ide|test_cookie|muid|_pk_\w+|uid|uuid|visitor_?id|_tt_\w+|__hs\w+|hubspotutk|optimizely\w*)(?:$|[._])/i;
const PREFERENCE_NAMES = /lang|locale|theme|consent|cookieconsent|timezone|tz|currency|pref|dark|color.?scheme|region/i;

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

/** Session and auth cookies grant access: a flaw on them is worth more. */
export function isCredential(role: Role): boolean {
  return role === 'session' || role === 'auth';
}
