// The server's side of the session lifecycle, checked with real browsers (OWASP WSTG-SESS-03 fixation,
// -06 logout): a logged-in probe tells a logged-in browser from a logged-out one; fresh browser contexts
// (isolated cookie jars, no extension needed) replay a stolen session after logout and play an attacker who
// plants a session id before the victim logs in. The findings are judged in core (rules
// session-valid-after-logout and session-fixation) from what is measured here.
import type { Browser, BrowserContext, CookieParam } from 'puppeteer-core';
import { type Cookie, cookieHost } from '../core/cookie';
import { hostOf, siteOf } from '../core/site';
import { firstLine } from './errors';
import { type LoggedInProbe, runSteps, type Step } from './login';
import { paramsOfPuppeteer } from './storage-state';

export type ProbeAnswer = { loggedIn: boolean } | { error: string };

/** Loads the probe page in a browser context and says whether it shows the logged-in sign. */
export async function probe(context: Browser | BrowserContext, p: LoggedInProbe, timeout: number): Promise<ProbeAnswer> {
  const page = await context.newPage();
  try {
    const response = await page.goto(p.url, { waitUntil: 'load', timeout });
    // A 401/403 is how many apps answer a logged-out visitor: not logged in, not a failure.
    if ((response?.status() ?? 200) >= 500) return { error: `the logged-in probe ${p.url} answered HTTP ${response?.status()}` };
    // biome-ignore lint/performance/useDomNodeTextContent: the text a user sees, not hidden templates that say "Signed in as {name}"
    if ('text' in p) return { loggedIn: (await page.evaluate(() => document.body?.innerText ?? '')).includes(p.text) };
    return { loggedIn: (await page.$(p.selector)) !== null };
  } catch (error) {
    return { error: `the logged-in probe ${p.url} could not be loaded: ${firstLine(error)}` };
  } finally {
    await page.close().catch(() => undefined);
  }
}

const SAME_SITE: Record<string, CookieParam['sameSite'] | undefined> = { strict: 'Strict', lax: 'Lax', no_restriction: 'None' };

/** A cookie the extension read, as CDP sets it: host-only cookies by URL, domain cookies by domain. */
function asParam(c: Cookie): CookieParam {
  const host = cookieHost(c);
  return {
    name: c.name,
    value: c.value,
    ...(c.hostOnly ? { url: `https://${host}${c.path.startsWith('/') ? c.path : '/'}` } : { domain: `.${host}` }),
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    ...(SAME_SITE[c.sameSite] ? { sameSite: SAME_SITE[c.sameSite] } : {}),
    ...(c.session || c.expirationDate === undefined ? {} : { expires: c.expirationDate }),
    ...(c.partitionKey?.topLevelSite ? { partitionKey: c.partitionKey.topLevelSite } : {}),
  };
}

/** Cookies of the probe's site (the ones that can carry its session). */
const ofSite = <T extends { domain: string }>(cookies: readonly T[], url: string) =>
  cookies.filter((c) => siteOf(cookieHost(c as unknown as Cookie)) === siteOf(hostOf(url)));

/**
 * After logout: a fresh browser gets the site's cookies of the logged-in state and loads the probe. Logged
 * in means a stolen cookie outlives the user's logout. `credentials` are the names that carry the session.
 */
export async function replayAfterLogout(
  browser: Browser,
  loggedInCookies: readonly Cookie[],
  credentials: readonly string[],
  p: LoggedInProbe,
  timeout: number,
): Promise<{ loggedIn: boolean; replayed: string[] } | { error: string }> {
  const context = await browser.createBrowserContext();
  try {
    const cookies = ofSite(loggedInCookies, p.url);
    if (cookies.length === 0) return { error: `no cookie of ${siteOf(hostOf(p.url))} to replay after logout` };
    const page = await context.newPage();
    await page.setCookie(...cookies.map(asParam));
    await page.close();
    const answer = await probe(context, p, timeout);
    if ('error' in answer) return answer;
    const names = cookies.map((c) => c.name);
    const replayed = names.filter((n) => credentials.includes(n));
    return { loggedIn: answer.loggedIn, replayed: replayed.length ? replayed : names };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/**
 * Fixation: an attacker's browser loads the start page and keeps its pre-login cookies; a victim's fresh
 * browser is given them and logs in; then which planted credential values the victim still has, and
 * whether the attacker's browser is now logged in. Undefined `kept` when there was nothing to plant.
 */
export async function fixation(
  browser: Browser,
  start: string,
  steps: readonly Step[],
  credentials: readonly string[],
  p: LoggedInProbe,
  timeout: number,
): Promise<{ kept: string[]; attackerLoggedIn: boolean; planted: number } | { error: string }> {
  const attacker = await browser.createBrowserContext();
  const victim = await browser.createBrowserContext();
  try {
    const a = await attacker.newPage();
    await a.goto(start, { waitUntil: 'load', timeout });
    const planted = ofSite(await a.cookies(), start).filter((c) => credentials.includes(c.name));
    await a.close();
    if (planted.length === 0) return { kept: [], attackerLoggedIn: false, planted: 0 };
    const v = await victim.newPage();
    await v.setCookie(...paramsOfPuppeteer(planted));
    await v.goto(start, { waitUntil: 'load', timeout });
    const failed = await runSteps(v, steps, timeout);
    if (failed) return { error: `the login in the victim's browser failed: ${failed}` };
    const after = await v.cookies(start, p.url);
    await v.close();
    const victimIn = await probe(victim, p, timeout);
    if ('error' in victimIn) return victimIn;
    if (!victimIn.loggedIn) return { error: "the login in the victim's browser (with the planted cookies) did not log in" };
    const kept = planted.filter((c) => after.some((x) => x.name === c.name && x.value === c.value)).map((c) => c.name);
    const attackerIn = await probe(attacker, p, timeout);
    if ('error' in attackerIn) return attackerIn;
    return { kept, attackerLoggedIn: attackerIn.loggedIn, planted: planted.length };
  } finally {
    await attacker.close().catch(() => undefined);
    await victim.close().catch(() => undefined);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits, saying every 10 s how far it is (a 30-minute idle check must not look like a hang). */
async function waitSaying(seconds: number, what: string, progress: (line: string) => void): Promise<void> {
  const end = Date.now() + seconds * 1000;
  for (let left = seconds; left > 0; left = Math.ceil((end - Date.now()) / 1000)) {
    await sleep(Math.min(10_000, left * 1000));
    const done = seconds - Math.max(0, Math.ceil((end - Date.now()) / 1000));
    if (done < seconds) progress(`  ${what}: ${done} of ${seconds} s`);
  }
}

/** --idle-check: no request at all for `seconds` after login, then the probe. */
export async function idleCheck(
  browser: Browser,
  p: LoggedInProbe,
  seconds: number,
  timeout: number,
  progress: (line: string) => void,
): Promise<{ seconds: number; loggedIn: boolean } | { error: string }> {
  progress(`Session: idle for ${seconds} s (no request), then the logged-in probe`);
  await waitSaying(seconds, 'idle', progress);
  const answer = await probe(browser, p, timeout);
  return 'error' in answer ? answer : { seconds, loggedIn: answer.loggedIn };
}

/**
 * --absolute-check: the session kept busy for `seconds` — a probe every minute, or every tenth of the time
 * when that is shorter — and probed at the end; stops early when a probe finds it logged out.
 */
export async function absoluteCheck(
  browser: Browser,
  p: LoggedInProbe,
  seconds: number,
  timeout: number,
  progress: (line: string) => void,
): Promise<{ seconds: number; loggedIn: boolean; endedAfter?: number } | { error: string }> {
  progress(`Session: in use for ${seconds} s (a probe every ${Math.min(60, seconds / 10)} s), then the logged-in probe`);
  const started = Date.now();
  const every = Math.min(60, seconds / 10) * 1000;
  for (;;) {
    const elapsed = (Date.now() - started) / 1000;
    await sleep(Math.max(0, Math.min(every, (seconds - elapsed) * 1000)));
    const now = Math.round((Date.now() - started) / 1000);
    const answer = await probe(browser, p, timeout);
    if ('error' in answer) return answer;
    if (!answer.loggedIn) return { seconds, loggedIn: false, endedAfter: now };
    if (Date.now() - started >= seconds * 1000) return { seconds, loggedIn: true };
    progress(`  in use: ${now} of ${seconds} s, still logged in`);
  }
}
