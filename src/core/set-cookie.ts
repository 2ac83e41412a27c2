// RFC 6265bis §5.6 (parsing the Set-Cookie header) and §5.7 (the storage model), plus what Chromium
// enforces on top: the 400-day cap, SameSite=None needs Secure, Partitioned needs Secure, prefixes.
// Hand-written: the npm parsers (set-cookie-parser, tough-cookie) follow RFC 6265 or skip the
// storage-model checks, and the reason a cookie is rejected is exactly what Cookie Lens must explain.
import { byteLength, type Cookie, cookieSize, type SameSite } from './cookie';
import { parseCookieDate } from './cookie-date';
import { domainMatch, isIpAddress, isPotentiallyTrustworthy, isPublicSuffix } from './site';

export const MAX_NAME_VALUE_BYTES = 4096;
export const MAX_ATTRIBUTE_VALUE_BYTES = 1024;
export const MAX_LIFETIME_SECONDS = 400 * 24 * 3600;

/** Why a browser ignores a Set-Cookie header; close to Chrome DevTools' "blocked" reasons. */
export type RejectCode =
  | 'control-character'
  | 'empty'
  | 'nameless-with-equals'
  | 'name-value-too-large'
  | 'invalid-url'
  | 'invalid-domain'
  | 'domain-mismatch'
  | 'secure-only'
  | 'samesite-none-insecure'
  | 'invalid-prefix'
  | 'partitioned-insecure'
  | 'overwrite-secure';

/** The attributes as written, after the RFC's per-attribute rules (last valid one wins). */
export interface SetCookieAttributes {
  expires?: number;
  maxAge?: number;
  domain?: string;
  path?: string;
  /** The last Domain attribute as written (lower-cased, leading dot kept). */
  domainAttribute?: string;
  /** The last Path attribute as written ("" for `Path=` or a bare `Path`), when there was one. */
  pathAttribute?: string;
  secure: boolean;
  httpOnly: boolean;
  /** The SameSite value as written (any case), when present. */
  sameSite?: string;
  partitioned: boolean;
  priority?: string;
}

export interface ParsedHeader {
  name: string;
  value: string;
  attributes: SetCookieAttributes;
  /** Attributes the parser ignored, and why (shown to developers; browsers ignore them silently). */
  warnings: string[];
}

export type SetCookieResult =
  | { accepted: true; cookie: Cookie; partitioned: boolean; expired: boolean; header: ParsedHeader }
  | { accepted: false; code: RejectCode; reason: string; cookie?: Cookie; header?: ParsedHeader };

// %x00-08 / %x0A-1F / %x7F: the whole line is ignored (§5.6 step 1). Tab is allowed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const WSP = /^[ \t]+|[ \t]+$/g;
const bytes = byteLength;

function trim(s: string): string {
  return s.replace(WSP, '');
}

/** §5.6: splits a Set-Cookie line into name, value and attributes. No storage decisions yet. */
export function parseHeader(header: string): { ok: true; parsed: ParsedHeader } | { ok: false; code: RejectCode; reason: string } {
  if (CONTROL.test(header)) return { ok: false, code: 'control-character', reason: 'The header contains a control character, so the whole line is ignored.' };
  const semi = header.indexOf(';');
  const pair = semi === -1 ? header : header.slice(0, semi);
  const rest = semi === -1 ? '' : header.slice(semi + 1);
  const eq = pair.indexOf('=');
  // RFC 6265bis: a pair without '=' is a nameless cookie whose value is the whole pair.
  const name = trim(eq === -1 ? '' : pair.slice(0, eq));
  const value = trim(eq === -1 ? pair : pair.slice(eq + 1));
  if (bytes(name) + bytes(value) > MAX_NAME_VALUE_BYTES) {
    return {
      ok: false,
      code: 'name-value-too-large',
      reason: `Name and value are ${bytes(name) + bytes(value)} bytes; browsers ignore cookies over ${MAX_NAME_VALUE_BYTES}.`,
    };
  }
  if (name === '' && value === '') return { ok: false, code: 'empty', reason: 'The cookie has neither a name nor a value.' };
  // Chromium drops these: sent back as "a=b" the nameless cookie would read as a cookie named "a".
  if (name === '' && value.includes('=')) {
    return {
      ok: false,
      code: 'nameless-with-equals',
      reason: 'A cookie without a name cannot have "=" in its value: it would come back as a different cookie.',
    };
  }
  const attributes: SetCookieAttributes = { secure: false, httpOnly: false, partitioned: false };
  const warnings: string[] = [];
  for (const av of rest.split(';')) {
    const i = av.indexOf('=');
    const key = trim(i === -1 ? av : av.slice(0, i));
    const val = trim(i === -1 ? '' : av.slice(i + 1));
    if (key === '') continue;
    if (bytes(val) > MAX_ATTRIBUTE_VALUE_BYTES) {
      warnings.push(`${key} ignored: its value is over ${MAX_ATTRIBUTE_VALUE_BYTES} bytes.`);
      continue;
    }
    applyAttribute(attributes, key.toLowerCase(), key, val, warnings);
  }
  return { ok: true, parsed: { name, value, attributes, warnings } };
}

function applyAttribute(a: SetCookieAttributes, key: string, raw: string, val: string, warnings: string[]): void {
  switch (key) {
    case 'expires': {
      const date = parseCookieDate(val);
      if (date === null) warnings.push(`Expires ignored: "${val}" is not a date.`);
      else a.expires = date;
      return;
    }
    case 'max-age':
      if (/^-?\d+$/.test(val)) a.maxAge = Number(val);
      else warnings.push(`Max-Age ignored: "${val}" is not a whole number of seconds.`);
      return;
    case 'domain':
      // Chromium lets an empty Domain override an earlier one: the cookie becomes host-only again.
      if (val === '') {
        a.domain = undefined;
        warnings.push('An empty Domain attribute makes the cookie host-only.');
      } else {
        a.domain = (val.startsWith('.') ? val.slice(1) : val).toLowerCase();
        a.domainAttribute = val.toLowerCase();
      }
      return;
    case 'path':
      a.path = val.startsWith('/') ? val : undefined;
      a.pathAttribute = val;
      if (val && !val.startsWith('/')) warnings.push(`Path "${val}" does not start with "/": the default path is used.`);
      return;
    case 'secure':
      a.secure = true;
      return;
    case 'httponly':
      a.httpOnly = true;
      return;
    case 'samesite':
      a.sameSite = val;
      if (!/^(none|lax|strict)$/i.test(val)) warnings.push(`SameSite=${val || '(empty)'} is not None, Lax or Strict: browsers treat the cookie as Lax.`);
      return;
    case 'partitioned':
      a.partitioned = true;
      return;
    case 'priority':
      a.priority = val;
      return;
    default:
      warnings.push(`Unknown attribute "${raw}" ignored.`);
  }
}

/** §5.1.4 default-path of a request URL. */
export function defaultPath(pathname: string): string {
  if (!pathname.startsWith('/')) return '/';
  const last = pathname.lastIndexOf('/');
  return last <= 0 ? '/' : pathname.slice(0, last);
}

export function sameSiteOf(written: string | undefined): SameSite {
  switch (written?.toLowerCase()) {
    case 'none':
      return 'no_restriction';
    case 'lax':
      return 'lax';
    case 'strict':
      return 'strict';
    default:
      return 'unspecified';
  }
}

const reject = (code: RejectCode, reason: string, cookie?: Cookie, header?: ParsedHeader): SetCookieResult => ({
  accepted: false,
  code,
  reason,
  cookie,
  header,
});

/**
 * Parses a Set-Cookie header received from `requestUrl` and decides, as a browser's storage model does,
 * whether the cookie is stored. `cookie` has the cookies-API shape; `expirationDate` is in seconds.
 */
export function parseSetCookie(header: string, requestUrl: string, now: number = Date.now()): SetCookieResult {
  const parsed = parseHeader(header);
  if (!parsed.ok) return reject(parsed.code, parsed.reason);
  const h = parsed.parsed;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return reject('invalid-url', `"${requestUrl}" is not a URL.`, undefined, h);
  }
  const host = url.hostname.toLowerCase();
  const a = h.attributes;

  // Lifetime: Max-Age wins over Expires; both are capped at 400 days.
  let expiresMs: number | undefined;
  if (a.maxAge !== undefined) expiresMs = a.maxAge <= 0 ? 0 : now + Math.min(a.maxAge, MAX_LIFETIME_SECONDS) * 1000;
  else if (a.expires !== undefined) expiresMs = Math.min(a.expires, now + MAX_LIFETIME_SECONDS * 1000);

  let domain = host;
  let hostOnly = true;
  if (a.domain !== undefined) {
    // §5.6.3 strips one leading dot; what is left must be a host name ("..shop.example" is not).
    if (a.domain.startsWith('.') || a.domain.includes('..') || a.domain.endsWith('.')) {
      return reject('invalid-domain', `Domain=${a.domain} is not a valid domain.`, undefined, h);
    }
    // Chromium: on an IP address only a Domain written exactly as the address is allowed (a host-only cookie).
    if (isIpAddress(host) && a.domainAttribute !== host) {
      return reject('domain-mismatch', `Domain=${a.domainAttribute} does not name the address ${host} that set it.`, undefined, h);
    }
    if (isPublicSuffix(a.domain) && a.domain !== host) {
      return reject('invalid-domain', `Domain=${a.domain} is a public suffix: a cookie cannot be shared by every site under it.`, undefined, h);
    }
    if (a.domain !== host) {
      if (!domainMatch(host, a.domain)) return reject('domain-mismatch', `Domain=${a.domain} does not cover the host ${host} that set it.`, undefined, h);
      domain = `.${a.domain}`;
      hostOnly = false;
    } else if (!isPublicSuffix(a.domain) && !isIpAddress(host)) {
      // Domain equal to the host makes a domain cookie, except on an IP address (Chromium: host-only).
      domain = `.${a.domain}`;
      hostOnly = false;
    }
  }

  const cookie: Cookie = {
    name: h.name,
    value: h.value,
    domain,
    hostOnly,
    path: a.path ?? defaultPath(url.pathname),
    secure: a.secure,
    httpOnly: a.httpOnly,
    sameSite: sameSiteOf(a.sameSite),
    session: expiresMs === undefined,
    ...(expiresMs !== undefined ? { expirationDate: expiresMs / 1000 } : {}),
  };

  if (a.secure && !isPotentiallyTrustworthy(requestUrl)) {
    return reject('secure-only', `A Secure cookie cannot be set from the insecure origin ${url.origin}.`, cookie, h);
  }
  if (cookie.sameSite === 'no_restriction' && !a.secure) return reject('samesite-none-insecure', 'SameSite=None requires the Secure attribute.', cookie, h);
  if (a.partitioned && !a.secure) return reject('partitioned-insecure', 'Partitioned requires the Secure attribute.', cookie, h);
  const prefix = prefixProblem(cookie, a.pathAttribute ?? null);
  if (prefix) return reject('invalid-prefix', prefix, cookie, h);
  if (cookieSize(cookie) > MAX_NAME_VALUE_BYTES) return reject('name-value-too-large', 'Name and value are over 4096 bytes.', cookie, h);
  return { accepted: true, cookie, partitioned: a.partitioned, expired: expiresMs !== undefined && expiresMs <= now, header: h };
}

/**
 * §4.1.3 cookie name prefixes, matched case-insensitively as browsers do now. `pathAttribute` is the Path
 * attribute as written (null when absent): `__Host-` needs an explicit `Path=/` (a header without one, or with `Path=`, is
 * refused even though its default path is "/"). Cookies set through the API always have their path.
 */
export function prefixProblem(
  c: Pick<Cookie, 'name' | 'value' | 'secure' | 'hostOnly' | 'path' | 'httpOnly'>,
  pathAttribute: string | null = c.path,
): string | null {
  const name = c.name.toLowerCase();
  if (c.name === '' && /^__(secure|host)-/i.test(c.value))
    return 'A nameless cookie whose value starts with __Secure- or __Host- is rejected, so it cannot pose as a prefixed cookie.';
  if ((name.startsWith('__secure-') || name.startsWith('__host-')) && !c.secure) return `${c.name.split('-')[0]}- cookies must be set with Secure.`;
  if (name.startsWith('__host-') && (!c.hostOnly || c.path !== '/' || pathAttribute !== '/'))
    return '__Host- cookies must have no Domain attribute and Path=/.';
  if (name.startsWith('__http-') && (!c.secure || !c.httpOnly)) return '__Http- cookies must be Secure and HttpOnly.';
  if (name.startsWith('__host-http-') && (!c.secure || !c.httpOnly || !c.hostOnly || c.path !== '/' || pathAttribute !== '/')) {
    return '__Host-Http- cookies must be Secure, HttpOnly, host-only and on Path=/.';
  }
  return null;
}
