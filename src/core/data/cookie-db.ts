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

const CATEGORY: Record<string, Purpose> = { F: 'functional', M: 'advertising', A: 'analytics', S: 'security', N: 'necessary', P: 'preference' };
const ENTITY_PURPOSE: Record<string, Purpose> = {
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
function isGeneric(name: string, duplicated: boolean, hasDomains: boolean): boolean {
  return duplicated || GENERIC_WORDS.has(name.toLowerCase()) || /^[a-z]{1,3}$/i.test(name) || (hasDomains && CREDENTIAL_HINT.test(name));
}

const siteSuffix = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

export class CookieDb {
  readonly sources: Tables['sources'];
  private readonly byName = new Map<string, Entry[]>();
  /** Wildcard (prefix) entries by their first two characters, longest prefix first. */
  private readonly prefixes = new Map<string, Entry[]>();
  private readonly duplicated = new Set<string>();
  private readonly hosts = new Map<string, number>();
  /** Per description: it says the cookie is a login (worked out once, so it holds without the texts). */
  private readonly loginText: Uint8Array;
  private readonly t: Tables;

  /** `descriptions: false` keeps no description text (the worker's badge needs none): see withDescriptions. */
  constructor(tables: Tables, { descriptions = true }: { descriptions?: boolean } = {}) {
    const texts = tables.ocd.texts ?? [];
    this.loginText = Uint8Array.from(texts, (d) => (LOGIN_TEXT.test(d) && !NOT_LOGIN_TEXT.test(d) ? 1 : 0));
    // The host pairs live on in the Map alone; the texts only if asked for.
    this.t = { ...tables, ocd: { ...tables.ocd, ...(descriptions ? {} : { texts: undefined }) }, tpw: { entities: tables.tpw.entities, hosts: [] } };
    const t = tables; // the whole tables, host pairs included, to index below
    this.sources = t.sources;
    const seen = new Map<string, number>();
    for (const e of t.ocd.entries) seen.set(e[0].toLowerCase(), (seen.get(e[0].toLowerCase()) ?? 0) + 1);
    for (const [name, n] of seen) if (n > 1) this.duplicated.add(name);
    for (const e of t.ocd.entries) {
      if (e[6] === 1) {
        const key = e[0].slice(0, 2);
        this.prefixes.set(key, [...(this.prefixes.get(key) ?? []), e]);
      } else {
        this.byName.set(e[0], [...(this.byName.get(e[0]) ?? []), e]);
      }
    }
    for (const list of this.prefixes.values()) list.sort((a, b) => b[0].length - a[0].length);
    for (const [host, entity] of t.tpw.hosts) this.hosts.set(host, entity);
  }

  /** How many entries the pinned copy has. */
  get size(): number {
    return this.t.ocd.entries.length;
  }

  /** Whether lookups say what each cookie is for in words (Knowledge.description). */
  get hasDescriptions(): boolean {
    return this.t.ocd.texts !== undefined;
  }

  private textsLoading: Promise<void> | undefined;

  /** Gives this instance its descriptions, read from the pack again (a database loaded without them); once, however many ask. */
  async withDescriptions(): Promise<this> {
    if (!this.t.ocd.texts) {
      this.textsLoading ??= inflatePack().then((t) => {
        this.t.ocd.texts = t.ocd.texts;
      });
      await this.textsLoading;
    }
    return this;
  }

  private knowledge(e: Entry, host: string): Knowledge {
    const [, platform, category, text, retention, , , link] = e;
    const description = this.t.ocd.texts?.[text];
    const purpose = CATEGORY[category] ?? 'unknown';
    const login = (purpose === 'functional' || purpose === 'security' || purpose === 'necessary') && this.loginText[text] === 1;
    return {
      platform: this.t.ocd.platforms[platform] || undefined,
      purpose,
      description,
      retention: retention || undefined,
      privacyLink: this.t.ocd.links[link] || undefined,
      source: 'open-cookie-database',
      ...(login ? { credential: 'session' as const } : {}),
      ...(e[5] && !e[5].split(' ').some((d) => siteSuffix(host, d)) ? { elsewhere: true as const } : {}),
    };
  }

  /** Can this entry speak for a cookie of `host`? A generic name only on the entry's own domains. */
  private applies(e: Entry, host: string): boolean {
    const domains = e[5] ? e[5].split(' ') : [];
    if (!isGeneric(e[0], this.duplicated.has(e[0].toLowerCase()), domains.length > 0) && !(e[6] === 1 && e[0].length <= 3)) return true;
    return domains.some((d) => siteSuffix(host, d));
  }

  /**
   * The database entry for a cookie name on a host: the exact name, then the longest prefix. Names are
   * case-sensitive, as browsers keep them: `pref` is not YouTube's `PREF`.
   */
  lookup(name: string, host: string): Knowledge | undefined {
    const h = host.replace(/^\./, '').toLowerCase();
    const hit =
      this.byName.get(name)?.find((e) => this.applies(e, h)) ?? this.prefixes.get(name.slice(0, 2))?.find((e) => name.startsWith(e[0]) && this.applies(e, h));
    return hit && this.knowledge(hit, h);
  }

  /** The third-party-web entity a host belongs to (the host or one of its parent domains), with its purpose. */
  entityOf(host: string): { name: string; category: string; purpose: Purpose } | undefined {
    let h = host.replace(/^\./, '').toLowerCase();
    for (;;) {
      const i = this.hosts.get(h);
      if (i !== undefined) {
        const [name, category] = this.t.tpw.entities[i];
        return { name, category, purpose: ENTITY_PURPOSE[category] ?? 'unknown' };
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
