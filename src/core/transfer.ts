// Export and import formats: JSON (cookies-API objects, which Cookie-Editor and EditThisCookie also read),
// Netscape cookies.txt (curl, wget, yt-dlp) and a Cookie request header.
import { type Cookie, cookieHost, isPartitioned, type SameSite } from './cookie';
import { cookieHeader } from './jar';
import { own } from './own';
import { defaultPath } from './set-cookie';
import { hostOf, parseUrl, siteOf } from './site';
import { cookiesPerRequest, toCdp, toCurl, toFetch, toSelenium, toStorageState } from './tool-exports';

export type ExportFormat = 'json' | 'netscape' | 'header' | 'storage-state' | 'cdp' | 'puppeteer' | 'selenium' | 'curl' | 'fetch';

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

/** The Cookie request header for these cookies (a nameless cookie is sent as its value alone). */
export const toCookieHeader = cookieHeader;

/**
 * One Cookie header per request URL (cookiesPerRequest: the jar model's answer). A cookie no listed request
 * would carry is named, with the reason, rather than dropped or glued onto another host's header.
 */
export function toCookieHeaders(cookies: readonly Cookie[], pageUrl: string, now: number = Date.now()): string {
  const site = siteOf(hostOf(pageUrl));
  const sent = new Set<Cookie>();
  const blocks: string[] = [];
  for (const { url, crossSite, cookies: going } of cookiesPerRequest(cookies, pageUrl, now)) {
    for (const c of going) sent.add(c);
    const context = url === pageUrl ? 'loading the page' : crossSite ? `a cross-site request from ${site}` : `a same-site request from ${site}`;
    blocks.push(`# ${url} (${context})\nCookie: ${toCookieHeader(going)}`);
  }
  const unsent = cookies.filter((c) => !sent.has(c));
  if (unsent.length)
    blocks.push(
      `# Not sent with any of these requests (SameSite, Secure, expiry or partition): ${unsent.map((c) => `${c.name || '(nameless)'} (${cookieHost(c)}${c.path}${isPartitioned(c) ? ', partitioned' : ''})`).join(', ')}`,
    );
  return `${blocks.join('\n\n')}\n`;
}

/** The export in a format; the Cookie header needs the page the requests come from. */
export function exportCookies(
  cookies: readonly Cookie[],
  format: ExportFormat,
  pageUrl?: string,
  /** For storageState: the localStorage items to carry, per origin. */
  origins: readonly StorageStateOrigin[] = [],
): string {
  const page = pageUrl ?? `https://${cookies[0] ? cookieHost(cookies[0]) : 'localhost'}/`;
  switch (format) {
    case 'header':
      return pageUrl ? toCookieHeaders(cookies, pageUrl) : toCookieHeader(cookies);
    case 'json':
      return toJson(cookies);
    case 'netscape':
      return toNetscape(cookies);
    case 'storage-state':
      return toStorageState(cookies, origins);
    case 'cdp':
    case 'puppeteer':
      return toCdp(cookies, format);
    case 'selenium':
      return toSelenium(cookies);
    case 'curl':
      return toCurl(cookies, page);
    case 'fetch':
      return toFetch(cookies, page);
  }
}

/** What cookies.set needs, from an imported line. */
export type ImportedCookie = Pick<Cookie, 'name' | 'value' | 'domain' | 'hostOnly' | 'path' | 'secure' | 'httpOnly' | 'sameSite'> &
  Partial<Pick<Cookie, 'expirationDate' | 'partitionKey'>>;

export interface ImportResult {
  format: 'json' | 'netscape';
  cookies: ImportedCookie[];
  /** The first MAX_LISTED_ERRORS problems, each with where it is; when there is any, nothing should be imported. */
  errors: string[];
  /** Every problem found, listed or not. */
  errorCount: number;
  /** A Playwright storageState's localStorage, per origin. */
  origins?: StorageStateOrigin[];
}

export interface StorageStateOrigin {
  origin: string;
  localStorage: { name: string; value: string }[];
}

/** Problems listed one by one; the rest are counted ("… and 1,999,990 more"). A list of millions helps nobody. */
export const MAX_LISTED_ERRORS = 100;
/** No browser keeps more cookies than this in all (Chrome 3,300, Firefox 3,000): a file with more cannot be imported whole. */
export const MAX_IMPORT = 3300;

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
  // CDP's and Puppeteer's cookie params may name the URL the cookie is for instead of its domain: host-only then.
  const fromUrl = o.domain === undefined && typeof o.url === 'string' ? urlParts(o.url) : undefined;
  if (fromUrl) Object.assign(o, { domain: fromUrl.host, hostOnly: true, path: o.path ?? fromUrl.path });
  if (o.domain === undefined && o.url !== undefined && !fromUrl) problems.push('"url" must be an http or https URL');
  else if (typeof o.domain !== 'string' || o.domain.replace(/^\./, '') === '') problems.push('"domain" must be a host name');
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
  // Playwright, CDP and Puppeteer write -1 for a session cookie.
  if (typeof expiry === 'number' && expiry >= 0 && o.session !== true) cookie.expirationDate = expiry;
  // The partition key: CDP's { topLevelSite }, Puppeteer's { sourceOrigin } or a string (Playwright, Puppeteer).
  const pk = o.partitionKey as { topLevelSite?: unknown; sourceOrigin?: unknown } | string | undefined | null;
  const top = typeof pk === 'string' ? pk : (pk?.topLevelSite ?? pk?.sourceOrigin);
  if (typeof top === 'string' && top !== '') cookie.partitionKey = { topLevelSite: top };
  return cookie;
}

/** An http(s) URL's host and RFC 6265 default-path (what a cookie set for that URL gets). */
function urlParts(url: string): { host: string; path: string } | undefined {
  const u = httpUrl(url);
  return u?.hostname ? { host: u.hostname, path: defaultPath(u.pathname) } : undefined;
}

const httpUrl = (text: string) => {
  const u = parseUrl(text);
  return u && /^https?:$/.test(u.protocol) ? u : undefined;
};

/** Collects a file's problems: the first ones in full, the rest counted. */
class Problems {
  readonly listed: string[] = [];
  count = 0;
  add(message: string): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(message);
  }
}

/** One line of a Netscape cookies.txt file (curl, wget, yt-dlp, Cookie Lens): a cookie, nothing, or a problem. */
function netscapeLine(raw: string, where: string, problems: Problems): ImportedCookie | null {
  // Only the line break goes: a trailing tab is the empty value of the last field.
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const httpOnly = line.startsWith('#HttpOnly_');
  if (line.trim() === '' || (line.startsWith('#') && !httpOnly)) return null;
  const fields = (httpOnly ? line.slice('#HttpOnly_'.length) : line).split('\t');
  // curl writes a cookie with an empty value with or without the last tab; both read as an empty value.
  if (fields.length === 6) fields.push('');
  if (fields.length !== 7) {
    problems.add(`${where}: expected 7 tab-separated fields, found ${fields.length}.`);
    return null;
  }
  const [domain, sub, path, secure, expiry, name, value] = fields;
  const wrong: string[] = [];
  if (!domain.replace(/^\./, '')) wrong.push('empty domain');
  if (!/^(TRUE|FALSE)$/i.test(sub)) wrong.push(`include-subdomains is "${sub}", not TRUE or FALSE`);
  if (!path.startsWith('/')) wrong.push(`path "${path}" does not start with "/"`);
  if (!/^(TRUE|FALSE)$/i.test(secure)) wrong.push(`secure is "${secure}", not TRUE or FALSE`);
  if (!/^\d+$/.test(expiry)) wrong.push(`expiry "${expiry}" is not a number`);
  if (wrong.length) {
    problems.add(`${where}: ${wrong.join('; ')}.`);
    return null;
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
  return cookie;
}

/**
 * Reads an export piece by piece (a file's stream), so a big file shows progress and can be cancelled:
 * `push` each chunk of text, then `finish`. cookies.txt is read line by line as it arrives; JSON is
 * parsed at the end. Memory stays bounded: past MAX_IMPORT cookies only a count is kept.
 */
export class ImportReader {
  private format: ImportResult['format'] | undefined;
  private origins: StorageStateOrigin[] | undefined;
  private head = '';
  private json = '';
  private line = 1;
  private readonly problems = new Problems();
  private readonly cookies: ImportedCookie[] = [];
  private found = 0;

  push(chunk: string): void {
    if (this.format === 'json') {
      this.json += chunk;
      return;
    }
    const text = this.head + chunk;
    if (this.format === undefined) {
      // The first line that is not blank says which format it is: cookies.txt lines have tabs or start with "#".
      const start = text.search(/\S/);
      const end = start === -1 ? -1 : text.indexOf('\n', start);
      if (start === -1 || (end === -1 && text.length - start < 64 * 1024)) {
        this.head = text;
        return;
      }
      this.decide(text.slice(start, end === -1 ? undefined : end));
      if (this.format === 'json') {
        this.json = text;
        this.head = '';
        return;
      }
    }
    const lines = text.split('\n');
    this.head = lines.pop() ?? '';
    for (const l of lines) this.add(netscapeLine(l, `line ${this.line++}`, this.problems));
  }

  private decide(firstLine: string): void {
    const t = firstLine.trimStart();
    this.format = t.startsWith('#') || t.includes('\t') ? 'netscape' : 'json';
  }

  private add(c: ImportedCookie | null): void {
    if (!c) return;
    this.found++;
    if (this.cookies.length < MAX_IMPORT) this.cookies.push(c);
  }

  finish(): ImportResult {
    if (this.format === undefined && this.head.trim() !== '') {
      this.decide(this.head.trim());
      if (this.format === 'json') [this.json, this.head] = [this.head, ''];
    }
    if (this.format === undefined) return { format: 'json', cookies: [], errors: ['The file is empty.'], errorCount: 1 };
    if (this.format === 'json') this.readJson(this.json.trim());
    else if (this.head !== '') this.add(netscapeLine(this.head, `line ${this.line}`, this.problems));
    return this.result(this.format);
  }

  /** Reads JSON the caller has parsed already (instead of push and finish). */
  finishData(data: unknown): ImportResult {
    this.readData(data);
    return this.result('json');
  }

  private result(format: ImportResult['format']): ImportResult {
    if (this.found > MAX_IMPORT) {
      this.problems.add(
        `The file holds ${this.found.toLocaleString('en-US')} cookies; a browser keeps at most ${MAX_IMPORT.toLocaleString('en-US')} in all (Chrome; Firefox 3,000), so it cannot be imported whole.`,
      );
    }
    return {
      format,
      cookies: this.problems.count ? [] : this.cookies,
      errors: this.problems.listed,
      errorCount: this.problems.count,
      ...(this.origins && !this.problems.count ? { origins: this.origins } : {}),
    };
  }

  private readJson(text: string): void {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      this.problems.add(`Not valid JSON, and not a cookies.txt file either (its lines have no tabs): ${(error as Error).message}`);
      return;
    }
    this.readData(data);
  }

  private readData(data: unknown): void {
    if (typeof data !== 'object' || data === null) {
      this.problems.add(`The file is JSON but holds ${JSON.stringify(data)?.slice(0, 40)}, not a cookie or a list of cookies.`);
      return;
    }
    // Playwright's storageState: { cookies: [...], origins: [{ origin, localStorage: [{ name, value }] }] }.
    const state =
      !Array.isArray(data) && Array.isArray((data as { cookies?: unknown }).cookies) ? (data as { cookies: unknown[]; origins?: unknown }) : undefined;
    if (state) this.origins = storageOrigins(state.origins, this.problems);
    const items = state ? state.cookies : Array.isArray(data) ? data : [data];
    const errors: string[] = [];
    for (const [i, item] of items.entries()) {
      this.add(fromJsonItem(item, `item ${i + 1}`, errors));
      for (const e of errors.splice(0)) this.problems.add(e);
    }
  }
}

/** A storageState's `origins`: each origin's localStorage items, checked. */
function storageOrigins(origins: unknown, problems: Problems): StorageStateOrigin[] {
  if (origins === undefined) return [];
  if (!Array.isArray(origins)) {
    problems.add('"origins" must be a list of { origin, localStorage }.');
    return [];
  }
  const out: StorageStateOrigin[] = [];
  for (const [i, o] of origins.entries()) {
    const { origin: where, localStorage: list } = (o ?? {}) as Record<string, unknown>;
    const items = Array.isArray(list) ? (list as { name?: unknown; value?: unknown }[]) : undefined;
    const origin = typeof where === 'string' ? httpUrl(where)?.origin : undefined;
    if (!origin || !items || items.some((e) => typeof e?.name !== 'string' || typeof e?.value !== 'string')) {
      problems.add(`origins item ${i + 1}: needs "origin" (an http or https origin) and "localStorage" as a list of { name, value } strings.`);
      continue;
    }
    out.push({ origin, localStorage: items.map((e) => ({ name: String(e.name), value: String(e.value) })) });
  }
  return out;
}

/** The same reader for JSON already parsed: a file read as JSON, cookies a browser API returned. */
export function parseImportData(data: unknown): ImportResult {
  return new ImportReader().finishData(data);
}

/** Reads a JSON or Netscape export held in memory; every problem is reported with where it is. */
export function parseImport(text: string): ImportResult {
  const reader = new ImportReader();
  reader.push(text);
  return reader.finish();
}
