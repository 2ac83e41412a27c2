// The bundled cookie data: generated from the pinned Open Cookie Database and third-party-web, and judged on
// the database itself.
import { describe, expect, it } from 'vitest';
import { buildTables } from '../../scripts/build-cookie-db.mjs';
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
