// Export and import formats: JSON (cookies-API objects, which Cookie-Editor and EditThisCookie also read),
// Netscape cookies.txt (curl, wget, yt-dlp) and a Cookie request header.
import { type Cookie, cookieHost, type SameSite } from './cookie';
import { own } from './own';

export type ExportFormat = 'json' | 'netscape' | 'header';

const FIELDS = [
  'name',
  'value',
  'domain',
  'hostOnly',
  'path',
  'secure',
  'httpOnly',
  'sameSite',
  'session',
  'expirationDate',
  'storeId',
  'partitionKey',
  'firstPartyDomain',
] as const;

/** JSON export; a Firefox container is named with its colour so the file says where each cookie lived. */
export function toJson(cookies: readonly (Cookie & { container?: { name: string; color: string } })[]): string {
  const plain = cookies.map((c) => {
    const out: Record<string, unknown> = Object.fromEntries(FIELDS.filter((k) => c[k] !== undefined && c[k] !== null && c[k] !== '').map((k) => [k, c[k]]));
    if (c.container) out.container = { name: c.container.name, color: c.container.color };
    return out;
  });
  return `${JSON.stringify(plain, null, 2)}\n`;
}

export function toNetscape(cookies: readonly Cookie[]): string {
  const lines = cookies.map((c) => {
    const domain = c.hostOnly ? cookieHost(c) : `.${cookieHost(c)}`;
    const expiry = c.expirationDate === undefined ? 0 : Math.floor(c.expirationDate);
    return [`${c.httpOnly ? '#HttpOnly_' : ''}${domain}`, c.hostOnly ? 'FALSE' : 'TRUE', c.path, c.secure ? 'TRUE' : 'FALSE', expiry, c.name, c.value].join(
      '\t',
    );
  });
  return ['# Netscape HTTP Cookie File', '# Exported by Cookie Lens. HttpOnly cookies are prefixed #HttpOnly_ (curl reads them).', '', ...lines, ''].join('\n');
}

export function toCookieHeader(cookies: readonly Cookie[]): string {
  return cookies.map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`)).join('; ');
}

export function exportCookies(cookies: readonly Cookie[], format: ExportFormat): string {
  return format === 'json' ? toJson(cookies) : format === 'netscape' ? toNetscape(cookies) : toCookieHeader(cookies);
}

/** What cookies.set needs, from an imported line. */
export type ImportedCookie = Pick<Cookie, 'name' | 'value' | 'domain' | 'hostOnly' | 'path' | 'secure' | 'httpOnly' | 'sameSite'> &
  Partial<Pick<Cookie, 'expirationDate' | 'partitionKey'>>;

export interface ImportResult {
  format: 'json' | 'netscape';
  cookies: ImportedCookie[];
  /** One message per bad item or line; when there is any, nothing should be imported. */
  errors: string[];
}

const SAME_SITE: Record<string, SameSite> = {
  no_restriction: 'no_restriction',
  none: 'no_restriction',
  lax: 'lax',
  strict: 'strict',
  unspecified: 'unspecified',
  '': 'unspecified',
};

function fromJsonItem(item: unknown, where: string, errors: string[]): ImportedCookie | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    errors.push(`${where}: not a cookie object.`);
    return null;
  }
  const o = item as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof o.name !== 'string') problems.push('"name" must be a string');
  if (typeof o.value !== 'string') problems.push('"value" must be a string');
  if (typeof o.domain !== 'string' || o.domain.replace(/^\./, '') === '') problems.push('"domain" must be a host name');
  if (o.path !== undefined && (typeof o.path !== 'string' || !o.path.startsWith('/'))) problems.push('"path" must start with "/"');
  const sameSite = o.sameSite === undefined || o.sameSite === null ? 'unspecified' : own(SAME_SITE, String(o.sameSite).toLowerCase());
  if (!sameSite) problems.push(`"sameSite" ${JSON.stringify(o.sameSite)} is not no_restriction, lax, strict or unspecified`);
  const expiry = o.expirationDate ?? o.expires;
  if (expiry !== undefined && expiry !== null && !(typeof expiry === 'number' && Number.isFinite(expiry)))
    problems.push('"expirationDate" must be seconds since 1970');
  for (const flag of ['secure', 'httpOnly', 'hostOnly', 'session'] as const) {
    if (o[flag] !== undefined && typeof o[flag] !== 'boolean') problems.push(`"${flag}" must be true or false`);
  }
  if (problems.length) {
    errors.push(`${where}${typeof o.name === 'string' ? ` ("${o.name}")` : ''}: ${problems.join('; ')}.`);
    return null;
  }
  const domain = String(o.domain);
  const cookie: ImportedCookie = {
    name: String(o.name),
    value: String(o.value),
    domain,
    hostOnly: typeof o.hostOnly === 'boolean' ? o.hostOnly : !domain.startsWith('.'),
    path: typeof o.path === 'string' ? o.path : '/',
    secure: o.secure === true,
    httpOnly: o.httpOnly === true,
    sameSite: sameSite as SameSite,
  };
  if (typeof expiry === 'number' && o.session !== true) cookie.expirationDate = expiry;
  const pk = o.partitionKey as { topLevelSite?: unknown } | undefined | null;
  if (pk && typeof pk.topLevelSite === 'string') cookie.partitionKey = { topLevelSite: pk.topLevelSite };
  return cookie;
}

function parseNetscape(text: string): ImportResult {
  const cookies: ImportedCookie[] = [];
  const errors: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trimEnd();
    const httpOnly = line.startsWith('#HttpOnly_');
    if (line.trim() === '' || (line.startsWith('#') && !httpOnly)) continue;
    const fields = (httpOnly ? line.slice('#HttpOnly_'.length) : line).split('\t');
    const where = `line ${i + 1}`;
    if (fields.length !== 7) {
      errors.push(`${where}: expected 7 tab-separated fields, found ${fields.length}.`);
      continue;
    }
    const [domain, sub, path, secure, expiry, name, value] = fields;
    const problems: string[] = [];
    if (!domain.replace(/^\./, '')) problems.push('empty domain');
    if (!/^(TRUE|FALSE)$/i.test(sub)) problems.push(`include-subdomains is "${sub}", not TRUE or FALSE`);
    if (!path.startsWith('/')) problems.push(`path "${path}" does not start with "/"`);
    if (!/^(TRUE|FALSE)$/i.test(secure)) problems.push(`secure is "${secure}", not TRUE or FALSE`);
    if (!/^\d+$/.test(expiry)) problems.push(`expiry "${expiry}" is not a number`);
    if (problems.length) {
      errors.push(`${where}: ${problems.join('; ')}.`);
      continue;
    }
    const cookie: ImportedCookie = {
      name,
      value,
      domain,
      hostOnly: !/^TRUE$/i.test(sub),
      path,
      secure: /^TRUE$/i.test(secure),
      httpOnly,
      sameSite: 'unspecified',
    };
    if (Number(expiry) > 0) cookie.expirationDate = Number(expiry);
    cookies.push(cookie);
  }
  return { format: 'netscape', cookies, errors };
}

/** Reads a JSON or Netscape export; every problem is reported with where it is. */
export function parseImport(text: string): ImportResult {
  const trimmed = text.trim();
  if (trimmed === '') return { format: 'json', cookies: [], errors: ['The file is empty.'] };
  if (!/^[[{]/.test(trimmed)) return parseNetscape(text);
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch (error) {
    return { format: 'json', cookies: [], errors: [`Not valid JSON: ${(error as Error).message}`] };
  }
  const items = Array.isArray(data) ? data : [data];
  const errors: string[] = [];
  const cookies = items.map((item, i) => fromJsonItem(item, `item ${i + 1}`, errors)).filter((c): c is ImportedCookie => c !== null);
  return { format: 'json', cookies, errors };
}
