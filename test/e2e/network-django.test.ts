// The Network view on a real Django login (Debian's python3-django: django.contrib.auth's LoginView), with the
// real DevTools panel open: the worker's own log keeps the login POST's 302 — with the rotated `csrftoken` and
// `sessionid`, in Django's order — and the page it leads to, across the navigation, in order, with their HTTP status.
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDjango } from '../../demo/flask.mjs';
import { launch, openPanel, poll, type Session } from './harness';
import { screenshot } from './screenshots';

describe('the Network view on a real Django login', () => {
  let django: Awaited<ReturnType<typeof startDjango>>;
  let session: Session;
  let page: Page;
  let panel: Frame;

  beforeAll(async () => {
    django = await startDjango();
    if (!django) throw new Error('python3-django is missing (apt-get install -y python3-django): .ci/run installs it.');
    session = await launch();
    page = await session.browser.newPage();
    await page.goto(django.url('/login/'), { waitUntil: 'load' });
    ({ panel } = await openPanel(session, page));
    await page.type('#id_username', 'alice');
    await page.type('#id_password', 'correct-horse');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type="submit"]')]);
    expect(await page.$eval('p', (p) => p.textContent)).toBe('Signed in as alice');
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    django?.close();
  });

  const rows = () =>
    panel.$$eval('.network-table tbody tr', (trs) =>
      trs.map((tr) => ({
        http: tr.querySelector('[data-testid="http-status"]')?.textContent ?? '',
        url: tr.querySelector('.url-cell')?.textContent ?? '',
        header: tr.querySelector('.header-cell')?.textContent ?? '',
      })),
    );

  it('lists the POST’s 302 with sessionid and csrftoken, then the redirect target, after the navigation', async () => {
    await (await panel.waitForSelector('[role="tab"][data-view="network"]'))?.click();
    const seen = await poll(async () => {
      const r = await rows();
      return r.some((x) => x.url.endsWith('/account/')) ? r : undefined;
    });
    const path = (u: string) => new URL(u).pathname;
    expect(seen.map((r) => [r.http, path(r.url), r.header.trim().split('=')[0]])).toEqual([
      ['302', '/login/', 'csrftoken'],
      ['302', '/login/', 'sessionid'],
      ['200', '/account/', 'no Set-Cookie'],
    ]);
    await screenshot(await panel.page(), 'panel-network-django');
  });

  it('"Preserve log" shows the whole tab: the login page’s first csrftoken before the POST', async () => {
    await (await panel.waitForSelector('.network input[type="checkbox"]'))?.click();
    const all = await poll(async () => {
      const r = await rows();
      return r.length > 3 ? r : undefined;
    });
    expect(all.map((r) => [r.http, new URL(r.url).pathname, r.header.trim().split('=')[0]])).toEqual([
      ['200', '/login/', 'csrftoken'],
      ['302', '/login/', 'csrftoken'],
      ['302', '/login/', 'sessionid'],
      ['200', '/account/', 'no Set-Cookie'],
    ]);
  });
});
