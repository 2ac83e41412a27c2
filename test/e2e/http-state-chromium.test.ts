import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRawHttp } from '../../demo/raw-http.mjs';
import { CHROMIUM_ARGS, findChromium } from '../../src/cli/chromium';
import { CookieJar, cookieHeader } from '../../src/core/jar';

interface Case {
  test: string;
  received: string[];
  'sent-to'?: string;
}

/**
 * What reaches the cookie code after HTTP framing: Chromium rejects a response with NUL in its headers
 * and ends a header line at a bare CR. Cookie parsing itself (the jar) is not involved in either.
 */
function deliveredLine(header: string): string | null {
  if (header.includes('\0')) return null;
  return header.split('\r')[0];
}

const cases = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/http-state/parser.json'), 'utf8')) as Case[];

/**
 * The engine's cookie jar against the real thing: every http-state case is played in Chromium (the
 * server sends the Set-Cookie lines byte for byte, then echoes the Cookie header it gets back) and
 * must produce exactly the Cookie header the jar model predicts.
 */
describe('the jar model agrees with Chromium on all 222 http-state cases', () => {
  let browser: Browser;
  let page: Page;
  let server: Awaited<ReturnType<typeof startRawHttp>>;
  const byTest = new Map(cases.map((c) => [c.test, c]));

  beforeAll(async () => {
    server = await startRawHttp(({ path, headers }) => {
      const url = new URL(path, 'http://x');
      const test = [...byTest.keys()].find((t) => t.toLowerCase() === url.search.slice(1).toLowerCase()) ?? '';
      if (url.pathname === '/cookie-parser') return { headers: (byTest.get(test)?.received ?? []).map((h) => ['Set-Cookie', h]), body: 'set' };
      return { headers: [['Content-Type', 'text/plain; charset=utf-8']], body: `COOKIE:${headers.cookie ?? ''}` };
    });
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      pipe: true,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.example.org 127.0.0.1', '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable'],
    });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('every case', async () => {
    const cdp = await page.createCDPSession();
    const differences: string[] = [];
    const now = Date.now();
    for (const c of cases) {
      await cdp.send('Network.clearBrowserCookies');
      const from = `http://home.example.org:${server.port}/cookie-parser?${c.test}`;
      // Chromium refuses a whole response whose headers hold NUL (net::ERR_INVALID_HTTP_RESPONSE): nothing is set.
      await page.goto(from).catch((error: Error) => {
        if (!/ERR_INVALID_HTTP_RESPONSE/.test(error.message)) throw error;
      });
      const target = new URL(c['sent-to'] ?? `/cookie-parser-result?${c.test}`, `http://home.example.org:8888/cookie-parser?${c.test}`);
      target.port = String(server.port);
      await page.goto(target.href);
      const chromium = ((await page.evaluate(() => document.body.textContent)) as string).replace(/^COOKIE:/, '');
      const jar = new CookieJar();
      for (const header of c.received) {
        const line = deliveredLine(header);
        if (line !== null) jar.setCookie(line, from, now);
      }
      const model = cookieHeader(jar.cookiesFor(target.href, now));
      if (model !== chromium) differences.push(`${c.test}: Chromium sent ${JSON.stringify(chromium)}, the jar ${JSON.stringify(model)}`);
    }
    expect(differences).toEqual([]);
  }, 120_000);
});
