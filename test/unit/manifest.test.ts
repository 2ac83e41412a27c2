import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import baseManifest from '../../manifest.json';
import { GECKO_ID, type Manifest, manifestFor } from '../../src/manifest';

const ROOT = join(import.meta.dirname, '../..');
const base = baseManifest as unknown as Manifest;

describe('manifest', () => {
  it('Chrome: MV3, module service worker, devtools page, popup, icons', () => {
    const m = manifestFor('chrome', base, '1.2.3');
    expect(m).toMatchObject({ manifest_version: 3, version: '1.2.3', background: { service_worker: 'src/background/worker.ts', type: 'module' } });
    expect(m.devtools_page).toBeTruthy();
    expect((m.action as { default_popup: string }).default_popup).toBeTruthy();
    for (const size of ['16', '32', '48', '128']) expect((m.icons as Record<string, string>)[size]).toBe(`icons/icon-${size}.png`);
    // Chrome 119 brought partitioned cookies (CHIPS) to the cookies API; the store links the homepage.
    expect(m).toMatchObject({ minimum_chrome_version: '119', homepage_url: expect.stringMatching(/^https:\/\//) });
  });

  it('Firefox: background scripts, gecko id, data collection declared, minimum version', () => {
    const m = manifestFor('firefox', base, '1.2.3');
    expect(m.background).toEqual({ scripts: ['src/background/worker.ts'], type: 'module' });
    expect(m.browser_specific_settings).toMatchObject({ gecko: { id: GECKO_ID, data_collection_permissions: { required: ['none'] } } });
    expect(m.browser_specific_settings).toMatchObject({ gecko: { strict_min_version: expect.stringMatching(/^\d+\.\d+$/) } });
    expect(m.minimum_chrome_version).toBeUndefined();
    expect(m.homepage_url).toMatch(/^https:\/\//);
  });

  it('asks only for cookies, scripting (web storage on demand), storage, webRequest (observing) and host access (and, in Firefox, container names)', () => {
    expect(manifestFor('chrome', base, '1.0.0').permissions).toEqual(['cookies', 'scripting', 'storage', 'webRequest']);
    expect(manifestFor('firefox', base, '1.0.0').permissions).toEqual(['cookies', 'scripting', 'storage', 'webRequest', 'contextualIdentities']);
    expect(base.host_permissions).toEqual(['<all_urls>']);
  });

  it('has a CSP that allows no remote code and no connections', () => {
    const csp = (base.content_security_policy as { extension_pages: string }).extension_pages;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/unsafe-(eval|inline)|https?:/);
  });

  it('the README justifies every permission', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^## /m).find((s) => s.startsWith('Permissions')) ?? '';
    const permissions = new Set([
      ...(manifestFor('chrome', base, '1.0.0').permissions as string[]),
      ...(manifestFor('firefox', base, '1.0.0').permissions as string[]),
    ]);
    for (const p of [...permissions, ...(base.host_permissions as string[])]) expect(section).toContain(`\`${p}\``);
  });

  it('ships the icons it names', () => {
    for (const size of [16, 32, 48, 128]) {
      const png = readFileSync(join(ROOT, `public/icons/icon-${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size);
    }
  });
});
