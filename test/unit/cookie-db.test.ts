// The bundled cookie data: generated from the pinned Open Cookie Database and third-party-web, and judged on
// the database itself.
import { describe, expect, it } from 'vitest';
import { buildTables } from '../../scripts/build-cookie-db.mjs';
import { CookieDb } from '../../src/core/data/cookie-db';
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
