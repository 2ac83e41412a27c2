// Profiles (issue 20, part 5) in the real DevTools panel: two test users of the Express store (express-session
// cookies) and of the single-page app (a JWT in localStorage) saved, then switched in one click — the page
// reloads as the other user; an exported profile is encrypted, refused with a wrong passphrase, and comes back
// with the right one.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/express-app.mjs';
import { launch, openPanel, openPopup, poll, type Session } from './harness';
import { screenshot } from './screenshots';

describe('profiles: switching test users in the real panel', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let session: Session;
  let page: Page;
  let panel: Frame;
  let devtools: Page;
  const downloads = mkdtempSync(join(tmpdir(), 'cookie-lens-profiles-'));

  beforeAll(async () => {
    demo = await startDemo();
    session = await launch();
    page = await session.browser.newPage();
    await page.goto(demo.url('shop.test', '/account'), { waitUntil: 'load' });
    ({ panel, devtools } = await openPanel(session, page));
    const cdp = await session.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await (await panel.waitForSelector('[role="tab"][data-view="profiles"]'))?.click();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  const toast = async (re: RegExp) => poll(async () => re.test((await panel.$eval('.toast', (t) => t.textContent).catch(() => '')) ?? ''));
  const account = async () => {
    await page.goto(demo.url('shop.test', '/account'), { waitUntil: 'load' });
    return page.$eval('p', (p) => p.textContent ?? '');
  };
  const loginShop = async (user: string) => {
    await page.goto(demo.url('shop.test', '/login'), { waitUntil: 'load' });
    await page.$eval('input[name="user"]', (i, u) => ((i as HTMLInputElement).value = u), user);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#login')]);
    await page.goto(demo.url('shop.test', '/account'), { waitUntil: 'load' });
  };
  const saveAs = async (name: string) => {
    const input = await panel.waitForSelector('input[aria-label="Profile name"]');
    await input?.type(name);
    await (await panel.waitForSelector('.profile-save button[type="submit"]'))?.click();
    await toast(new RegExp(`Saved profile "${name}"`));
    await panel.waitForSelector(`tr[data-profile="${name}"].active`);
  };
  const switchTo = async (name: string) => {
    await (await panel.waitForSelector(`tr[data-profile="${name}"] [data-action="switch"]`))?.click();
    await toast(new RegExp(`Switched to "${name}"`));
    await panel.waitForSelector(`tr[data-profile="${name}"].active`);
  };

  it('two users of the Express store: switching changes who is logged in, and the active one is shown', async () => {
    await loginShop('ada');
    expect(await account()).toBe('Signed in as ada');
    await saveAs('ada');
    // A second test user logs in from a fresh session: logging in over ada's would make express-session
    // regenerate — destroy — her session on the server, and no profile can bring a destroyed session back.
    await page.deleteCookie({ name: 'connect.sid', url: demo.url('shop.test') });
    await loginShop('grace');
    expect(await account()).toBe('Signed in as grace');
    await saveAs('grace');

    await switchTo('ada');
    expect(await account()).toBe('Signed in as ada');
    // The tab's label comes with the page report, which reloads after the switch (and again as the page reloads).
    const label = () => panel.$eval('[role="tab"][data-view="profiles"]', (t) => t.textContent);
    await poll(async () => (await label()) === 'Profiles (ada)', 10_000).catch(() => undefined);
    expect(await label()).toBe('Profiles (ada)');
    await switchTo('grace');
    expect(await account()).toBe('Signed in as grace');
    await screenshot(devtools, 'panel-profiles');
    // The popup says which test user the site is on.
    const popup = await openPopup(session, page);
    expect(await (await popup.waitForSelector('[data-testid="active-profile"]'))?.evaluate((p) => p.textContent)).toBe('Profile: grace');
    await popup.close();
  });

  it('an exported profile is encrypted; a wrong passphrase is refused clearly; the right one brings it back, and it logs in', async () => {
    await (await panel.waitForSelector('tr[data-profile="ada"] [data-action="export"]'))?.click();
    const [first, second] = await panel.$$('.profile-passphrase input[type="password"]');
    await first.type('team test-user passphrase');
    await second.type('team test-user passphrase');
    await (await panel.waitForSelector('.profile-passphrase button.primary'))?.click();
    const file = join(downloads, 'ada.cookie-lens-profile.json');
    const text = await poll(() => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    });
    const sid = (await session.browser.cookies()).find((c) => c.name === 'connect.sid');
    expect(JSON.parse(text)).toMatchObject({ format: 'cookie-lens-profile', name: 'ada', kdf: { name: 'PBKDF2' }, cipher: { name: 'AES-GCM' } });
    expect(text).not.toContain('connect.sid');
    expect(sid && text.includes(sid.value)).toBe(false);

    await (await panel.waitForSelector('tr[data-profile="ada"] [data-action="delete"]'))?.click();
    await poll(async () => (await panel.$$('tr[data-profile="ada"]')).length === 0);

    const upload = async (passphrase: string) => {
      const input = (await panel.$('.profile-save input[type="file"]')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
      const box = await panel.waitForSelector('.profile-passphrase input[type="password"]');
      await box?.type(passphrase);
      await (await panel.waitForSelector('.profile-passphrase button.primary'))?.click();
    };
    await upload('not the passphrase');
    expect(await (await panel.waitForSelector('.profiles-view .error'))?.evaluate((e) => e.textContent)).toBe(
      'Wrong passphrase for the profile "ada" — or the file was changed since it was exported. Nothing was imported.',
    );
    expect(await panel.$$('tr[data-profile="ada"]')).toHaveLength(0);
    await (await panel.waitForSelector('.profile-passphrase button[type="button"]'))?.click();

    await upload('team test-user passphrase');
    await toast(/Imported profile "ada" for shop\.test/);
    await switchTo('ada');
    expect(await account()).toBe('Signed in as ada');
  });

  it('the single-page app: profiles carry localStorage, so switching swaps the JWT and the app shows the other user', async () => {
    await page.goto(demo.url('spa.test'), { waitUntil: 'load' });
    const who = () => page.$eval('#who', (p) => p.textContent ?? '');
    const loginSpa = async (user: string) => {
      await page.$eval('#user', (i, u) => ((i as HTMLInputElement).value = u), user);
      await page.click('#login');
      await poll(async () => (await who()) === `Signed in as ${user}`);
    };
    await loginSpa('ada');
    await saveAs('spa-ada');
    await loginSpa('grace');
    await saveAs('spa-grace');
    await switchTo('spa-ada');
    await poll(async () => (await who()) === 'Signed in as ada');
    expect(await page.evaluate(() => localStorage.getItem('access_token'))).toMatch(/^eyJ/);
    await switchTo('spa-grace');
    await poll(async () => (await who()) === 'Signed in as grace');
  });
});
