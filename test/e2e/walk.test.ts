// The afternoon of issue 17 walked again on real frameworks (Debian's python3-django and python3-flask): log in,
// open the panel (as a tab, at 900 and 1,400 px, light and dark) and the popup (light and dark), and check what
// tripped the first user — the Django messages cookie is no session, fixes name the cookie's own setting on its
// own framework, Werkzeug's quoted JSON is decoded. The screenshots go to docs/screenshots (npm run screenshots).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsentSites } from '../../demo/consent-site.mjs';
import { startDjango, startFlask } from '../../demo/flask.mjs';
import { launch, poll, type Session, tabIdOf } from './harness';
import { screenshot } from './screenshots';

type App = { url(path?: string): string; close(): unknown };

describe('the afternoon walked again on real Django and Flask apps', () => {
  let django: App;
  let flask: App;
  let session: Session;
  let consentSites: Awaited<ReturnType<typeof startConsentSites>>;

  beforeAll(async () => {
    consentSites = await startConsentSites();
    const [d, f] = await Promise.all([startDjango(), startFlask()]);
    if (!d || !f) throw new Error('python3-django and python3-flask are needed (.ci/run installs them).');
    [django, flask] = [d, f];
    session = await launch();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    django?.close();
    flask?.close();
    await consentSites?.close();
  });

  async function view(kind: 'panel' | 'popup', url: string, width: number, scheme: 'light' | 'dark'): Promise<Page> {
    const tabId = await tabIdOf(session, url);
    const page = await session.browser.newPage();
    await page.setViewport({ width, height: kind === 'panel' ? 640 : 600, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    const path = kind === 'panel' ? 'src/devtools/panel.html' : 'src/popup/popup.html';
    await page.goto(`chrome-extension://${session.extensionId}/${path}?tabId=${tabId}`);
    await page.waitForSelector(kind === 'panel' ? '.grid-row' : '.finding');
    return page;
  }

  const select = async (panel: Page, name: string) => {
    await (await panel.waitForSelector(`.grid-row[data-cookie="${name}"]`))?.click();
    await panel.waitForFunction((n) => document.querySelector('.detail-name')?.textContent === n, {}, name);
  };
  const fixOf = (panel: Page, rule: string) =>
    panel.$eval(`.finding-detail[data-rule="${rule}"]`, (el) => {
      (el as HTMLDetailsElement).open = true;
      return { tab: el.querySelector('.fix-tablist [aria-selected="true"]')?.textContent, code: el.querySelector('.fix-code')?.textContent };
    });

  it('Django: sessionid, csrftoken and the messages cookie, each for what it is, with its own settings', async () => {
    const page = await session.browser.newPage();
    await page.goto(django.url('/login/'), { waitUntil: 'load' });
    await page.type('#id_username', 'alice');
    await page.type('#id_password', 'correct-horse');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type="submit"]')]);
    await page.goto(django.url('/welcome/'), { waitUntil: 'load' });
    expect(await page.$eval('p', (p) => p.textContent)).toBe('Signed in as alice');

    const panel = await view('panel', django.url('/'), 1400, 'light');
    await poll(async () => (await panel.$$('.grid-row[data-cookie="messages"]')).length > 0);
    const purpose = (name: string) => panel.$eval(`.grid-row[data-cookie="${name}"] .col-purpose`, (el) => el.textContent);
    expect(await purpose('messages')).toMatch(/^preference · Django/);
    await select(panel, 'messages');
    expect(await panel.$eval('.detail-role', (el) => el.textContent)).not.toMatch(/session/);
    expect(await panel.$$('.finding-detail[data-rule="readable-session-data"]')).toHaveLength(0);
    await select(panel, 'csrftoken');
    expect(await fixOf(panel, 'missing-secure')).toEqual({ tab: 'Django', code: 'CSRF_COOKIE_SECURE = True' });
    await select(panel, 'sessionid');
    expect(await fixOf(panel, 'missing-secure')).toEqual({ tab: 'Django', code: 'SESSION_COOKIE_SECURE = True' });
    await screenshot(panel, 'walk-django-panel-1400-light');
    await panel.close();
    for (const [width, scheme] of [
      [900, 'light'],
      [900, 'dark'],
      [1400, 'dark'],
    ] as const) {
      const p = await view('panel', django.url('/'), width, scheme);
      await select(p, 'sessionid');
      // The columns that matter stay in view at 900 px, the details pane open.
      if (width === 900) expect(await p.$eval('.grid-th[data-column="issue"]', (el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(900);
      await screenshot(p, `walk-django-panel-${width}-${scheme}`);
      await p.close();
    }
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await view('popup', django.url('/'), 420, scheme);
      expect(await popup.$eval('.grade-label', (el) => el.textContent)).toBe('Cookie grade');
      await screenshot(popup, `walk-django-popup-${scheme}`);
      await popup.close();
    }
    await page.close();
  });

  it("Flask: remember_token's fix is REMEMBER_COOKIE_SECURE, and Werkzeug's quoted JSON is read as a tree", async () => {
    const page = await session.browser.newPage();
    await page.goto(flask.url('/login'), { waitUntil: 'load' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#login')]);
    const panel = await view('panel', flask.url('/'), 1400, 'light');
    await poll(async () => (await panel.$$('.grid-row[data-cookie="prefs"]')).length > 0);
    await select(panel, 'remember_token');
    expect(await fixOf(panel, 'missing-secure')).toEqual({
      tab: 'Flask',
      code: "app.config['REMEMBER_COOKIE_SECURE'] = True  # Flask-Login's remember-me cookie",
    });
    await select(panel, 'prefs');
    const decoded = await panel.$eval('[data-testid="decoded"]', (el) => el.textContent ?? '');
    expect(decoded).toMatch(/RFC 2109/);
    expect(decoded).toMatch(/theme.*dark/s);
    expect(decoded).toMatch(/héllo/);
    await screenshot(panel, 'walk-flask-panel-1400-light');
    await panel.close();
    for (const [width, scheme] of [
      [900, 'dark'],
      [1400, 'dark'],
    ] as const) {
      const p = await view('panel', flask.url('/'), width, scheme);
      await select(p, 'session');
      await screenshot(p, `walk-flask-panel-${width}-${scheme}`);
      await p.close();
    }
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await view('popup', flask.url('/'), 420, scheme);
      await screenshot(popup, `walk-flask-popup-${scheme}`);
      await popup.close();
    }
    await page.close();
  });

  it('Klaro: after "Accept all" the analytics cookies set on arrival are marked "Before consent", and Klaro’s choice is read', async () => {
    const page = await session.browser.newPage();
    await page.goto(consentSites.url('klaro.test'), { waitUntil: 'load' });
    await (await page.waitForSelector('.klaro .cm-btn-success'))?.click();
    await poll(async () => (await page.cookies()).some((c) => c.name === 'klaro'));
    const panel = await view('panel', consentSites.url('klaro.test'), 1400, 'light');
    await poll(async () => (await panel.$$('.grid-row[data-cookie="klaro"]')).length > 0);
    const marked = await panel.$$eval('.grid-row', (rows) =>
      rows
        .filter((r) => r.querySelector('.badge-before-consent'))
        .map((r) => r.getAttribute('data-cookie'))
        .sort(),
    );
    expect(marked).toEqual(['_fbp', '_ga', '_gid']);
    const issues = await panel.$$eval('.grid-row .issue[data-rule="tracking-before-consent"]', (els) => els.length);
    expect(issues).toBe(3);
    await select(panel, 'klaro');
    expect(await panel.$eval('[data-testid="decoded"]', (el) => el.textContent ?? '')).toMatch(/Klaro consent[\s\S]*analytics[\s\S]*true/);
    await screenshot(panel, 'walk-klaro-panel-1400-light');
    await panel.close();
    await page.close();
  });
});
