// The bundled cookie data: generated from the pinned Open Cookie Database and third-party-web, and judged on
// the database itself.
import { describe, expect, it } from 'vitest';
import { buildTables } from '../../scripts/build-cookie-db.mjs';
import { CATEGORY, CookieDb, ENTITY_PURPOSE, isGeneric, LOGIN_TEXT, NOT_LOGIN_TEXT } from '../../src/core/data/cookie-db';
import { COOKIE_DB_PACKED, COOKIE_DB_SOURCES } from '../../src/core/data/cookie-db.generated';
import { databaseAccuracy } from '../fixtures/cookie-db-accuracy';

async function committedTables(): Promise<unknown> {
  const bytes = Uint8Array.from(atob(COOKIE_DB_PACKED), (ch) => ch.charCodeAt(0));
  return JSON.parse(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'))).text());
}

describe('cookie data', () => {
  it('the committed tables are what the generator makes from the pinned data (run npm run data when this fails)', async () => {
    const fresh = buildTables();
    expect(await committedTables()).toEqual(fresh);
    expect(COOKIE_DB_SOURCES).toEqual(fresh.sources);
    expect(COOKIE_DB_SOURCES.openCookieDatabase).toMatchObject({ entries: 2264, licence: 'Apache-2.0' });
  });

  it('on the database itself: tracking precision ≥ 0.95 and recall ≥ 0.90, logins precision ≥ 0.95 and recall ≥ 0.90', async () => {
    const r = await databaseAccuracy();
    expect(r.entries).toBe(2264);
    expect(r.tracking.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.tracking.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.login.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.login.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the database without its descriptions (what the worker keeps for the badge)', () => {
  it('says the same about every entry, on its own domain and elsewhere, but the words', async () => {
    const tables = (await committedTables()) as ConstructorParameters<typeof CookieDb>[0];
    const full = new CookieDb(structuredClone(tables));
    const lean = new CookieDb(structuredClone(tables), { descriptions: false });
    expect(lean.hasDescriptions).toBe(false);
    let credentials = 0;
    for (const [name, , , , , domains] of tables.ocd.entries) {
      for (const host of [domains.split(' ')[0] || 'example.com', 'unrelated.example']) {
        const a = full.lookup(name, host);
        const b = lean.lookup(name, host);
        if (a?.credential) credentials++;
        expect(b && { ...b, description: a?.description }).toEqual(a);
        if (a?.description) expect(b?.description).toBeUndefined();
      }
    }
    // The login flag, worked out from the descriptions, survives without them.
    expect(credentials).toBeGreaterThan(20);
    await lean.withDescriptions();
    expect(lean.lookup('fe_typo_user', 'example.com')).toEqual(full.lookup('fe_typo_user', 'example.com'));
  });
});

type Entry = [name: string, platform: number, category: string, text: number, retention: string, domains: string, wildcard: 0 | 1, link: number];
interface RawTables {
  ocd: { platforms: string[]; texts: string[]; links: string[]; entries: Entry[] };
  tpw: { entities: [string, string][]; hosts: [string, number][] };
}
// The mappings are the module's own: what is held to the scan here is the index, not the words.
const PURPOSE: Record<string, string> = CATEGORY;
const ENTITY: Record<string, string> = ENTITY_PURPOSE;
const onDomain = (host: string, d: string) => host === d || host.endsWith(`.${d}`);

/**
 * The lookup rules applied by scanning the raw entries: the oracle the compact index is held to. Only what
 * every query would work out the same is worked out once (how often each name occurs, the prefix entries with
 * their place in the data, the exact entries of each name in order): 34,000 queries each counting every name took over 5 s.
 */
function scanner(t: RawTables) {
  const counts = new Map<string, number>();
  for (const e of t.ocd.entries) counts.set(e[0].toLowerCase(), (counts.get(e[0].toLowerCase()) ?? 0) + 1);
  const wildcards = t.ocd.entries.map((e, i) => [e, i] as const).filter(([e]) => e[6] === 1);
  const exactNamed = new Map<string, Entry[]>();
  for (const e of t.ocd.entries) if (e[6] === 0) exactNamed.set(e[0], [...(exactNamed.get(e[0]) ?? []), e]);
  return (name: string, rawHost: string) => scanLookup(t, counts, exactNamed.get(name) ?? [], wildcards, name, rawHost);
}

function scanLookup(t: RawTables, counts: Map<string, number>, named: Entry[], wildcards: (readonly [Entry, number])[], name: string, rawHost: string) {
  const host = rawHost.replace(/^\./, '').toLowerCase();
  const applies = (e: Entry) => {
    const domains = e[5] ? e[5].split(' ') : [];
    if (!isGeneric(e[0], (counts.get(e[0].toLowerCase()) ?? 0) > 1, domains.length > 0) && !(e[6] === 1 && e[0].length <= 3)) return true;
    return domains.some((d) => onDomain(host, d));
  };
  // The first entry of this exact name (in the data's order) that applies.
  const exact = named.find(applies);
  const prefixes = wildcards
    .filter(([e]) => e[0].slice(0, 2) === name.slice(0, 2) && name.startsWith(e[0]))
    .sort(([a, i], [b, j]) => b[0].length - a[0].length || i - j)
    .map(([e]) => e);
  const e = exact ?? prefixes.find(applies);
  if (!e) return undefined;
  const purpose = PURPOSE[e[2]] ?? 'unknown';
  const text = t.ocd.texts[e[3]];
  const login = ['functional', 'security', 'necessary'].includes(purpose) && LOGIN_TEXT.test(text) && !NOT_LOGIN_TEXT.test(text);
  return {
    platform: t.ocd.platforms[e[1]] || undefined,
    purpose,
    description: text,
    retention: e[4] || undefined,
    privacyLink: t.ocd.links[e[7]] || undefined,
    source: 'open-cookie-database',
    ...(login ? { credential: 'session' } : {}),
    ...(e[5] && !e[5].split(' ').some((d) => onDomain(host, d)) ? { elsewhere: true } : {}),
  };
}

describe('the compact index (columns and chains instead of parsed entries)', () => {
  it('answers every name of the data (exact, longer names for its prefixes, other cases), on its domains and elsewhere, as a scan of the raw entries does', async () => {
    const tables = (await committedTables()) as RawTables;
    const db = new CookieDb(structuredClone(tables) as unknown as ConstructorParameters<typeof CookieDb>[0]);
    const scan = scanner(tables);
    let found = 0;
    let prefixHits = 0;
    for (const [name, , , , , domains, wildcard] of tables.ocd.entries) {
      const names = [name, `${name}x7`, name.toUpperCase(), name.toLowerCase(), name.slice(0, 2)];
      for (const host of [domains.split(' ')[0] || 'example.com', `.www.${domains.split(' ')[0] || 'example.com'}`, 'unrelated.example']) {
        for (const n of names) {
          const want = scan(n, host);
          expect(db.lookup(n, host), `${n} on ${host}`).toEqual(want);
          if (want) found++;
          if (want && wildcard === 1 && n !== name) prefixHits++;
        }
      }
    }
    // Not a vacuous match of two empty answers.
    expect(found).toBeGreaterThan(10_000);
    expect(prefixHits).toBeGreaterThan(100);
  });

  it('finds the entity of every third-party-web host, of its subdomains, and none for other hosts', async () => {
    const tables = (await committedTables()) as RawTables;
    const db = new CookieDb(structuredClone(tables) as unknown as ConstructorParameters<typeof CookieDb>[0], { descriptions: false });
    // A host the data lists twice belongs to its last entity.
    const last = new Map(tables.tpw.hosts);
    expect(last.size).toBeGreaterThan(2000);
    for (const [host, i] of last) {
      const [name, category] = tables.tpw.entities[i];
      const want = { name, category, purpose: ENTITY[category] ?? 'unknown' };
      expect(db.entityOf(host)).toEqual(want);
      expect(db.entityOf(`.Zq9-Deep.${host.toUpperCase()}`)).toEqual(want);
    }
    expect(db.entityOf('no-such-host.invalid')).toBeUndefined();
  });
});

describe('licences of what is bundled', () => {
  it('public/THIRD-PARTY-NOTICES.txt (shipped in every build) is current: run npm run notices when this fails', async () => {
    const { readFileSync } = await import('node:fs');
    const { notices, OUT } = await import('../../scripts/notices.mjs');
    const text = readFileSync(OUT, 'utf8');
    expect(text).toBe(notices());
    expect(text).toContain('Apache License');
    expect(text).toContain('Open Cookie Database');
  });
});
