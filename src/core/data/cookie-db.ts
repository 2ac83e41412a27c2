// What a cookie is for, from data made for the job: the Open Cookie Database (name or name prefix →
// platform, category, description, retention, privacy link) and third-party-web (host → entity and
// category). scripts/build-cookie-db.mjs packs both into cookie-db.generated.ts; this module inflates the
// pack once per context and answers lookups. Cookie Lens's own corrections (corrections.ts) come first.
import { COOKIE_DB_PACKED, type COOKIE_DB_SOURCES } from './cookie-db.generated';

export type Purpose = 'necessary' | 'functional' | 'preference' | 'analytics' | 'advertising' | 'consent' | 'security' | 'unknown';
export const PURPOSES: readonly Purpose[] = ['necessary', 'functional', 'preference', 'analytics', 'advertising', 'consent', 'security', 'unknown'];

/** Which data said what a cookie is: a framework's own docs, Cookie Lens's corrections, or one of the data sets. */
export type KnowledgeSource = 'framework' | 'cookie-lens' | 'open-cookie-database' | 'third-party-web';

export interface Knowledge {
  platform?: string;
  purpose: Purpose;
  description?: string;
  /** How long the platform keeps it, as the data says ("1 year", "session"). */
  retention?: string;
  privacyLink?: string;
  source: KnowledgeSource;
  /** The data says it is a login: a session id or an authentication token. */
  credential?: 'session' | 'auth';
  /** The entry names the domains it is set on, and this cookie's host is not one of them. */
  elsewhere?: true;
}

type Entry = [name: string, platform: number, category: string, text: number, retention: string, domains: string, wildcard: 0 | 1, link: number];

interface Tables {
  sources: typeof COOKIE_DB_SOURCES;
  /** `texts` (the descriptions, 190 KB of the tables) may be left out until a report shows them. */
  ocd: { platforms: string[]; texts?: string[]; links: string[]; entries: Entry[] };
  tpw: { entities: [name: string, category: string][]; hosts: [host: string, entity: number][] };
}

/** The Open Cookie Database's category letters, and third-party-web's entity categories, as purposes. */
export const CATEGORY: Record<string, Purpose> = { F: 'functional', M: 'advertising', A: 'analytics', S: 'security', N: 'necessary', P: 'preference' };
export const ENTITY_PURPOSE: Record<string, Purpose> = {
  ad: 'advertising',
  marketing: 'advertising',
  social: 'advertising',
  analytics: 'analytics',
  'tag-manager': 'analytics',
  'consent-provider': 'consent',
  'customer-success': 'functional',
  video: 'functional',
  utility: 'functional',
};

// A session, login or authentication cookie by the database's own description (its platforms' session and
// login cookies: JSESSIONID, PHPSESSID, Magento's frontend, TYPO3's fe_typo_user, Keycloak, Shopify…).
export const LOGIN_TEXT =
  /\b(?:session (?:id|identifier|cookie|token|key)|session[- ]?id\b|authenticat|logged[ -]in|log (?:you|users?) in|login (?:information|session|state|status|token|details|credentials)|session management|remember[- ]me|user'?s? session|identif\w+ (?:the|a) (?:user'?s? )?session)/i;
export const NOT_LOGIN_TEXT = /\b(?:analytic|statistic|advertis|track|campaign|marketing|anonymous|load[- ]balanc|sticky|affinity|redirect|destination)/i;

/**
 * Names that mean something only on the entry's own domain: short plain words (`sid`, `uid`, `NID`, `xs`),
 * words every framework uses, and names the database lists for more than one platform. On other sites
 * they say nothing (a `sessionid` is Django's far more often than Instagram's).
 */
const GENERIC_WORDS = new Set(
  'id uid uuid sid sess session sessionid session_id token auth user userid user_id login lang language locale test visitor visit guid cid pid tid vid ts tp dc chk optout c s u a i t v x y z p q ab ref'.split(
    ' ',
  ),
);

/** Names that hint at a login (sess, sid, auth, token…): a hint, never evidence on its own. */
export const CREDENTIAL_HINT = /sess|(?:^|[_.-])sid(?:$|[_.-])|^sid|auth(?!or)|token|login|jwt|remember|logged/i;

/**
 * Generic: short plain words, common words, names listed for more than one platform — and a platform's
 * login-like names that the database ties to its own domain (`auth_token` of .twitter.com, `sessionid` of
 * instagram.com, `connect.sid` of .zendesk.com, `user_session` of github.com), which on other sites are
 * other frameworks' cookies.
 */
export function isGeneric(name: string, duplicated: boolean, hasDomains: boolean): boolean {
  return duplicated || GENERIC_WORDS.has(name.toLowerCase()) || /^[a-z]{1,3}$/i.test(name) || (hasDomains && CREDENTIAL_HINT.test(name));
}

const siteSuffix = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Each distinct value once: an entry keeps the index of its value (the map's keys, in order, are the list). */
function distinctIndex(index: Map<string, number>, value: string): number {
  let i = index.get(value);
  if (i === undefined) {
    i = index.size;
    index.set(value, i);
  }
  return i;
}

const CATEGORIES = Object.keys(CATEGORY).join('');
const NONE = -1;

/*
 * The index is kept as columns (a typed array per field, each distinct string once, entries with the same name or
 * prefix chained by index) rather than as the parsed entry arrays and a list per name: the same lookups in about
 * half the memory (the worker's heap after the typical bench set 2.93 -> 2.56 MiB). The worker builds it for the
 * badge and keeps it for its lifetime. Nothing off the shelf indexes these two data sets, hence the hand-written columns.
 */
export class CookieDb {
  readonly sources: Tables['sources'];
  private readonly names: string[];
  /** First entry of each exact (not wildcard) name, in the data's order; `nextSame` chains the rest. */
  private readonly byName = new Map<string, number>();
  private readonly nextSame: Int32Array;
  /** Wildcard (prefix) entries by their first two characters, longest prefix first, chained by `nextPrefix`. */
  private readonly prefixes = new Map<string, number>();
  private readonly nextPrefix: Int32Array;
  /** Per entry: its name (any case) is listed more than once. */
  private readonly duplicated: Uint8Array;
  private readonly platform: Uint16Array;
  private readonly category: Uint8Array;
  private readonly text: Uint32Array;
  private readonly retention: Uint16Array;
  private readonly retentions: string[];
  private readonly domains: Uint16Array;
  private readonly domainLists: string[];
  private readonly wildcard: Uint8Array;
  private readonly link: Uint16Array;
  private readonly platforms: string[];
  private readonly links: string[];
  private texts: string[] | undefined;
  private readonly hosts = new Map<string, number>();
  private readonly entityNames: string[];
  private readonly entityCategory: Uint8Array;
  private readonly entityCategories: string[];
  /** Per description: it says the cookie is a login (worked out once, so it holds without the texts). */
  private readonly loginText: Uint8Array;

  /** `descriptions: false` keeps no description text (the worker's badge needs none): see withDescriptions. */
  constructor(tables: Tables, { descriptions = true }: { descriptions?: boolean } = {}) {
    const { ocd, tpw } = tables;
    const texts = ocd.texts ?? [];
    this.loginText = Uint8Array.from(texts, (d) => (LOGIN_TEXT.test(d) && !NOT_LOGIN_TEXT.test(d) ? 1 : 0));
    this.texts = descriptions ? ocd.texts : undefined;
    this.sources = tables.sources;
    this.platforms = ocd.platforms;
    this.links = ocd.links;
    const entries = ocd.entries;
    const n = entries.length;
    this.names = new Array<string>(n);
    this.platform = new Uint16Array(n);
    this.category = new Uint8Array(n);
    this.text = new Uint32Array(n);
    this.retention = new Uint16Array(n);
    this.domains = new Uint16Array(n);
    this.wildcard = new Uint8Array(n);
    this.link = new Uint16Array(n);
    const retentions = new Map<string, number>();
    const domainLists = new Map<string, number>();
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const [name, platform, category, text, retention, domains, wildcard, link] = entries[i];
      this.names[i] = name;
      this.platform[i] = platform;
      const c = category.length === 1 ? CATEGORIES.indexOf(category) : -1;
      this.category[i] = c === -1 ? 255 : c;
      this.text[i] = text;
      this.retention[i] = distinctIndex(retentions, retention);
      this.domains[i] = distinctIndex(domainLists, domains);
      this.wildcard[i] = wildcard;
      this.link[i] = link;
      const lower = name.toLowerCase();
      seen.set(lower, (seen.get(lower) ?? 0) + 1);
    }
    this.retentions = [...retentions.keys()];
    this.domainLists = [...domainLists.keys()];
    this.duplicated = new Uint8Array(n);
    for (let i = 0; i < n; i++) if ((seen.get(this.names[i].toLowerCase()) as number) > 1) this.duplicated[i] = 1;
    // Chains: each list built in the data's order (prefixes then longest first, ties in the data's order).
    this.nextSame = new Int32Array(n).fill(NONE);
    this.nextPrefix = new Int32Array(n).fill(NONE);
    const lastSame = new Map<string, number>();
    const byPrefix = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const name = this.names[i];
      if (this.wildcard[i] === 1) {
        const key = name.slice(0, 2);
        const list = byPrefix.get(key);
        if (list) list.push(i);
        else byPrefix.set(key, [i]);
        continue;
      }
      const last = lastSame.get(name);
      if (last === undefined) this.byName.set(name, i);
      else this.nextSame[last] = i;
      lastSame.set(name, i);
    }
    for (const [key, list] of byPrefix) {
      list.sort((a, b) => this.names[b].length - this.names[a].length || a - b);
      this.prefixes.set(key, list[0]);
      for (let j = 1; j < list.length; j++) this.nextPrefix[list[j - 1]] = list[j];
    }
    for (const [host, entity] of tpw.hosts) this.hosts.set(host, entity);
    this.entityNames = tpw.entities.map(([name]) => name);
    const categories = new Map<string, number>();
    this.entityCategory = new Uint8Array(tpw.entities.length);
    for (let i = 0; i < tpw.entities.length; i++) this.entityCategory[i] = distinctIndex(categories, tpw.entities[i][1]);
    this.entityCategories = [...categories.keys()];
  }

  /** How many entries the pinned copy has. */
  get size(): number {
    return this.names.length;
  }

  /** Whether lookups say what each cookie is for in words (Knowledge.description). */
  get hasDescriptions(): boolean {
    return this.texts !== undefined;
  }

  private textsLoading: Promise<void> | undefined;

  /** Gives this instance its descriptions, read from the pack again (a database loaded without them); once, however many ask. */
  async withDescriptions(): Promise<this> {
    if (!this.texts) {
      this.textsLoading ??= inflatePack().then((t) => {
        this.texts = t.ocd.texts;
      });
      await this.textsLoading;
    }
    return this;
  }

  private knowledge(i: number, host: string): Knowledge {
    const text = this.text[i];
    const purpose = CATEGORY[CATEGORIES[this.category[i]]] ?? 'unknown';
    const login = (purpose === 'functional' || purpose === 'security' || purpose === 'necessary') && this.loginText[text] === 1;
    const domains = this.domainLists[this.domains[i]];
    return {
      platform: this.platforms[this.platform[i]] || undefined,
      purpose,
      description: this.texts?.[text],
      retention: this.retentions[this.retention[i]] || undefined,
      privacyLink: this.links[this.link[i]] || undefined,
      source: 'open-cookie-database',
      ...(login ? { credential: 'session' as const } : {}),
      ...(domains && !domains.split(' ').some((d) => siteSuffix(host, d)) ? { elsewhere: true as const } : {}),
    };
  }

  /** Can this entry speak for a cookie of `host`? A generic name only on the entry's own domains. */
  private applies(i: number, host: string): boolean {
    const list = this.domainLists[this.domains[i]];
    const domains = list ? list.split(' ') : [];
    const name = this.names[i];
    if (!isGeneric(name, this.duplicated[i] === 1, domains.length > 0) && !(this.wildcard[i] === 1 && name.length <= 3)) return true;
    return domains.some((d) => siteSuffix(host, d));
  }

  /**
   * The database entry for a cookie name on a host: the exact name, then the longest prefix. Names are
   * case-sensitive, as browsers keep them: `pref` is not YouTube's `PREF`.
   */
  lookup(name: string, host: string): Knowledge | undefined {
    const h = host.replace(/^\./, '').toLowerCase();
    for (let i = this.byName.get(name) ?? NONE; i !== NONE; i = this.nextSame[i]) if (this.applies(i, h)) return this.knowledge(i, h);
    for (let i = this.prefixes.get(name.slice(0, 2)) ?? NONE; i !== NONE; i = this.nextPrefix[i]) {
      if (name.startsWith(this.names[i]) && this.applies(i, h)) return this.knowledge(i, h);
    }
    return undefined;
  }

  /** The third-party-web entity a host belongs to (the host or one of its parent domains), with its purpose. */
  entityOf(host: string): { name: string; category: string; purpose: Purpose } | undefined {
    let h = host.replace(/^\./, '').toLowerCase();
    for (;;) {
      const i = this.hosts.get(h);
      if (i !== undefined) {
        const category = this.entityCategories[this.entityCategory[i]];
        return { name: this.entityNames[i], category, purpose: ENTITY_PURPOSE[category] ?? 'unknown' };
      }
      const dot = h.indexOf('.');
      if (dot === -1) return undefined;
      h = h.slice(dot + 1);
    }
  }
}

let loading: Promise<CookieDb> | undefined;
let loaded: CookieDb | undefined;

async function inflatePack(): Promise<Tables> {
  const bin = atob(COOKIE_DB_PACKED);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const text = await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'))).text();
  return JSON.parse(text) as Tables;
}

/**
 * The cookie database, inflated on first use (a few milliseconds) and kept for the context's lifetime.
 * `descriptions: false` (the worker's badge): without the description texts until someone asks for them.
 */
export function loadCookieDb({ descriptions = true }: { descriptions?: boolean } = {}): Promise<CookieDb> {
  loading ??= inflatePack().then((t) => {
    loaded = new CookieDb(t, { descriptions });
    return loaded;
  });
  return descriptions ? loading.then((db) => db.withDescriptions()) : loading;
}

/** The database if it has been loaded in this context (analyze loads it), else undefined. */
export function cookieDbIfLoaded(): CookieDb | undefined {
  return loaded;
}
