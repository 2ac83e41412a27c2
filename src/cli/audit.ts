import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Report, ServerChecks } from '../core/analyzed';
import type { Cookie } from '../core/cookie';
import type { ConsentPhaseSummary } from '../core/formats/audit-report';
import { type AuditError, auditExitCode, buildAuditReport, type LoginPhase, renderReport } from '../core/formats/index';
import { type Policy, type SessionPolicy, validatePolicy } from '../core/policy';
import { analyze } from '../core/report';
import { type AuditOptions, checkUrl, shardOf } from './audit-args';
import { findChromium } from './chromium';
import { markTab, pageReportOf, sameSiteLinks, sitemapUrls } from './collect';
import { consentPhase, freshProfile } from './consent';
import { BrowserNotFoundError, fileProblem, firstLine, readJsonFile, UsageError } from './errors';
import { type ExtensionBrowser, launchWithExtension } from './extension-browser';
import { type LoginScript, probeText, readLoginScript, runSteps } from './login';
import { absoluteCheck, fixation, idleCheck, probe, replayAfterLogout } from './session-checks';
import { applyStorageState, readStorageState, saveStorageState } from './storage-state';

export interface AuditIo {
  /** Progress and problems (stderr). */
  log(line: string): void;
  /** The report (stdout), when no --output is given. */
  write(text: string): void;
  extensionDir: string;
  version: string;
}

async function loadPolicy(file: string): Promise<Policy> {
  const data = await readJsonFile(file, 'the policy');
  const { policy, errors } = validatePolicy(data);
  if (!policy) throw new UsageError(`the policy ${file} is not valid:\n  ${errors.join('\n  ')}`);
  return policy;
}

/** --output must be writable before an audit of many minutes starts, not found unwritable at its end. */
function checkWritable(file: string): void {
  const path = resolve(file);
  try {
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) throw new Error('it is a directory');
      accessSync(path, constants.W_OK);
    } else accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    throw new UsageError(`cannot write the report to ${file}: ${(error as Error).message === 'it is a directory' ? 'it is a directory' : fileProblem(error)}`);
  }
}

/** CHROME_PATH or --browser naming nothing is an error, not a silent fallback to another browser. */
function checkBrowser(explicit: string | undefined): void {
  for (const [what, path] of [
    ['--browser', explicit],
    ['CHROME_PATH', process.env.CHROME_PATH],
  ] as const) {
    if (path && !existsSync(path)) throw new BrowserNotFoundError(`${what} is ${path}, which does not exist.`);
    if (path) break;
  }
  if (!findChromium(explicit))
    throw new BrowserNotFoundError('Chromium not found. Install it (Debian: apt-get install -y chromium), or pass --browser PATH, or set CHROME_PATH.');
}

async function readUrls(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the URL list ${file}: ${fileProblem(error)}`);
  }
  const urls = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const [i, u] of urls.entries()) checkUrl(u, ` (${file}, line ${i + 1})`);
  return urls;
}

/** Chromium's and puppeteer's load errors, said plainly. */
export function loadError(error: unknown, timeout: number): string {
  const raw = firstLine(error);
  const net = /net::(ERR_[A-Z_]+)/.exec(raw)?.[1];
  if (net === 'ERR_NAME_NOT_RESOLVED') return `the host name does not resolve (DNS: ${net})`;
  if (net === 'ERR_CONNECTION_REFUSED') return `the connection was refused: nothing listens there (${net})`;
  if (net?.startsWith('ERR_CERT_') || net === 'ERR_SSL_PROTOCOL_ERROR' || net === 'ERR_BAD_SSL_CLIENT_AUTH_CERT')
    return `the TLS certificate was not accepted (${net}); for a self-signed certificate pass --ignore-https-errors`;
  if (net === 'ERR_TOO_MANY_REDIRECTS') return `the page redirects in a loop (${net})`;
  if (net) return `the page could not be loaded (${net})`;
  if (/timeout/i.test(raw)) return `the page did not finish loading within ${timeout} ms`;
  if (/crash|Target closed|detached/i.test(raw)) return `the page crashed (${raw})`;
  return raw;
}

interface Visit {
  url: string;
  depth: number;
  /** A URL the user gave (or the login needs): its failure always fails the audit. */
  target: boolean;
}

/**
 * Runs the audit; returns the exit code: 0 passed, 1 findings at or above --fail-on or policy violations,
 * 3 a target, the login or a crawled page could not be checked. Usage problems and a missing browser
 * throw (the caller exits 2), before the browser starts.
 */
export async function runAudit(opts: AuditOptions, io: AuditIo): Promise<number> {
  const started = performance.now();
  if (opts.output) checkWritable(opts.output);
  const policy = opts.policy ? await loadPolicy(opts.policy) : undefined;
  const login = opts.loginScript ?? (opts.login ? await readLoginScript(opts.login) : undefined);
  const startState = opts.storageState ? await readStorageState(opts.storageState) : undefined;
  if (opts.saveStorageState) checkWritable(opts.saveStorageState);
  const listed = opts.urlsFile ? await readUrls(opts.urlsFile) : [];
  if (!existsSync(`${io.extensionDir}/manifest.json`)) throw new UsageError(`no built extension in ${io.extensionDir}: run npm run build first.`);
  checkBrowser(opts.browser);
  const progress = (line: string) => !opts.quiet && io.log(line);

  progress('Starting Chromium with Cookie Lens…');
  const session = await launchWithExtension({
    extensionDir: io.extensionDir,
    executablePath: opts.browser,
    headless: !opts.headed,
    hostResolverRules: opts.hostResolverRules,
    ignoreHttpsErrors: opts.ignoreHttpsErrors,
  });
  const errors: AuditError[] = [];
  const reports: (Report & { phase?: LoginPhase })[] = [];
  try {
    if (startState) {
      progress(`Starting from the storage state ${opts.storageState} (${startState.cookies.length} cookies)`);
      await applyStorageState(session, startState, opts.timeout);
    }
    let urls = [...opts.targets, ...listed];
    if (opts.sitemap) {
      progress(`Reading the sitemap ${opts.sitemap}`);
      try {
        urls.push(...(await sitemapUrls(session, opts.sitemap, opts.timeout)));
      } catch (error) {
        errors.push({ url: opts.sitemap, stage: 'load', message: `the sitemap could not be read: ${loadError(error, opts.timeout)}` });
      }
    }
    urls = shardOf([...new Set(urls)], opts.shard);
    if (opts.shard) progress(`Shard ${opts.shard.index}/${opts.shard.count}: ${urls.length} URLs`);
    const consent: ConsentPhaseSummary[] = [];
    if (opts.consent) await consentPhases(urls, opts, io, reports, consent, errors, progress);
    else await crawl(session, urls, opts, reports, errors, progress);
    // With --login the pages are visited first, logged out: their cookies are the before-login state.
    if (login) for (const r of reports) r.phase = 'before-login';
    // With --login the state is saved logged in (before any logout steps); without, at the end.
    const origins = urls.map((u) => new URL(u).origin);
    const save = async () => {
      if (!opts.saveStorageState) return;
      const saved = await saveStorageState(session, origins, opts.saveStorageState, opts.timeout);
      progress(`Storage state written to ${opts.saveStorageState} (${saved} cookies)`);
    };
    if (login) await loginFlow(session, login, opts, reports, errors, progress, policy?.session, save);
    else await save();
    const report = buildAuditReport({
      tool: { name: 'cookie-lens', version: io.version },
      generatedAt: new Date().toISOString(),
      targets: urls,
      reports,
      errors,
      durationMs: performance.now() - started,
      policy: policy && opts.policy ? { file: opts.policy, policy } : undefined,
      ...(opts.consent ? { consent } : {}),
    });
    const text = renderReport(report, opts.format, { failOn: opts.failOn, sarifFile: opts.sarifFile });
    if (opts.output) {
      await writeFile(opts.output, text);
      progress(`Report written to ${opts.output}`);
    } else io.write(text);
    // Errors on crawled pages can be tolerated; never on the targets or the login.
    const fatal = opts.allowCrawlErrors ? { ...report, errors: report.errors.filter((e) => e.stage !== 'crawl') } : report;
    const code = auditExitCode(fatal, opts.failOn);
    progress(
      `Grade ${report.grade} (${report.score}/100), ${report.findings.length} findings${report.errors.length ? `, ${report.errors.length} pages or steps could not be checked` : ''}${code === 3 ? ' — COULD NOT AUDIT' : code === 1 ? ' — FAILED' : ''}.`,
    );
    return code;
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** Visits the URLs (and same-site links to --depth) in --concurrency tabs; every page that fails is an error. */
async function crawl(
  session: ExtensionBrowser,
  urls: string[],
  opts: AuditOptions,
  reports: Report[],
  errors: AuditError[],
  progress: (line: string) => void,
): Promise<void> {
  const queue: Visit[] = urls.map((url) => ({ url, depth: 0, target: true }));
  const known = new Set(urls);
  // The URLs given are always audited; --max-pages bounds how far links are followed.
  const limit = Math.max(opts.maxPages, urls.length);
  let notFollowed = 0;
  let started = 0;
  // A tab with nothing to do waits while another may still find links, and stops when none is busy.
  let busy = 0;
  let wake: () => void = () => undefined;
  let more = new Promise<void>((r) => (wake = r));
  const notify = () => {
    wake();
    more = new Promise<void>((r) => (wake = r));
  };
  const openTab = async () => {
    const page = await session.browser.newPage();
    const tab = { page, crashed: '', id: await markTab(session, page) };
    page.on('error', (e) => (tab.crashed = e.message || 'the renderer crashed'));
    return tab;
  };
  const visit = async (tab: Awaited<ReturnType<typeof openTab>>, next: Visit) => {
    started++;
    progress(`[${started}/${known.size}] ${next.url}`);
    try {
      const response = await tab.page.goto(next.url, { waitUntil: 'load', timeout: opts.timeout });
      if (tab.crashed) throw new Error(`crashed: ${tab.crashed}`);
      const status = response?.status();
      if (status !== undefined && status >= 400) throw new Error(`the page answered HTTP ${status} ${response?.statusText() ?? ''}`.trim());
      reports.push(await pageReportOf(session, tab.page, tab.id));
      if (next.depth < opts.depth) {
        for (const link of await sameSiteLinks(tab.page)) {
          if (known.has(link)) continue;
          if (known.size >= limit) {
            notFollowed++;
            continue;
          }
          known.add(link);
          queue.push({ url: link, depth: next.depth + 1, target: false });
        }
      }
    } catch (error) {
      const raw = tab.crashed ? `crashed: ${tab.crashed}` : error;
      const message = /^the page answered HTTP/.test((error as Error).message) ? (error as Error).message : loadError(raw, opts.timeout);
      progress(`  could not audit ${next.url}: ${message}`);
      errors.push({ url: next.url, stage: next.target ? 'load' : 'crawl', message });
    }
  };
  const worker = async () => {
    let tab = await openTab();
    try {
      for (;;) {
        const next = queue.shift();
        if (!next) {
          if (busy === 0) break;
          await more;
          continue;
        }
        busy++;
        try {
          await visit(tab, next);
        } finally {
          busy--;
          notify();
        }
        // A crashed tab is gone: the next page gets a new one.
        if (tab.crashed) {
          await tab.page.close().catch(() => undefined);
          tab = await openTab();
        }
      }
    } finally {
      await tab.page.close().catch(() => undefined);
    }
  };
  const tabs = Math.max(1, Math.min(opts.concurrency, opts.depth > 0 ? opts.concurrency : urls.length));
  await Promise.all(Array.from({ length: tabs }, worker));
  if (notFollowed) progress(`${notFollowed} more same-site links were not followed: --max-pages ${opts.maxPages} reached.`);
}

/**
 * Logs in (and out) with the script. The report is the full analysis of the logged-in state, plus the
 * flow's own findings; the cookies seen only before login or after logout are in it too, by phase. A step
 * that fails is an audit error (login or logout): nothing after it is judged as if it had run.
 */
async function loginFlow(
  session: ExtensionBrowser,
  script: LoginScript,
  opts: AuditOptions,
  reports: (Report & { phase?: LoginPhase })[],
  errors: AuditError[],
  progress: (line: string) => void,
  limits?: SessionPolicy,
  loggedInHook: () => Promise<void> = async () => undefined,
): Promise<void> {
  const start = script.start ?? opts.targets[0];
  const page = await session.browser.newPage();
  const capture = () => pageReportOf(session, page);
  try {
    progress(`Login: opening ${start}`);
    try {
      const response = await page.goto(start, { waitUntil: 'load', timeout: opts.timeout });
      if ((response?.status() ?? 200) >= 400) throw new Error(`the page answered HTTP ${response?.status()} ${response?.statusText() ?? ''}`.trim());
    } catch (error) {
      errors.push({ url: start, stage: 'login', message: `the login page could not be loaded: ${loadError(error, opts.timeout)}` });
      return;
    }
    const before = await capture();
    reports.push({ ...before, phase: 'before-login' });
    const p = script.loggedIn;
    // The probe must tell the two states apart: logged out now, logged in after the steps.
    const probed = async (context: Parameters<typeof probe>[0], want: boolean, when: string) => {
      if (!p) return true;
      const answer = await probe(context, p, opts.timeout);
      if ('error' in answer) errors.push({ url: p.url, stage: 'login', message: answer.error });
      else if (answer.loggedIn !== want)
        errors.push({
          url: p.url,
          stage: 'login',
          message: want
            ? `the login steps ran, but the logged-in probe (${probeText(p)}) says logged out: the login failed`
            : `before login the logged-in probe (${probeText(p)}) already says logged in: it cannot tell the two states apart`,
        });
      else return true;
      progress(`  the logged-in probe ${when}: ${errors.at(-1)?.message}`);
      return false;
    };
    if (!(await probed(session.browser, false, 'before login'))) return;
    progress('Login: logging in');
    const failed = await runSteps(page, script.steps, opts.timeout);
    if (failed) {
      errors.push({ url: page.url(), stage: 'login', message: failed });
      return;
    }
    if (!(await probed(session.browser, true, 'after login'))) return;
    const loggedIn = await capture();
    await loggedInHook();
    const credentials = loggedIn.cookies.filter((c) => c.role === 'session' || c.role === 'auth').map((c) => c.name);
    const timed = p ? await timedChecks(session, page, script, start, opts, limits, errors, progress) : {};
    let afterLogout: Report | undefined;
    if (script.logout) {
      progress('Login: logging out');
      const out = await runSteps(page, script.logout, opts.timeout);
      if (out) errors.push({ url: page.url(), stage: 'logout', message: out });
      else afterLogout = await capture();
    }
    const checked = p
      ? await serverChecks(session, script, start, loggedIn.cookies as Cookie[], credentials, Boolean(afterLogout), opts, errors, progress)
      : undefined;
    const server = p ? { ...checked, ...timed, probe: probeText(p) } : undefined;
    if (!p) progress('Login: no "loggedIn" probe in the login file, so the server-side checks (logout, fixation) are skipped.');
    const flow = {
      beforeLogin: before.cookies as Cookie[],
      afterLogin: loggedIn.cookies as Cookie[],
      afterLogout: afterLogout?.cookies as Cookie[] | undefined,
      server,
    };
    const judged = await analyze(flow.afterLogin, { url: loggedIn.url, flow, secrets: false });
    const FLOW_RULES = [
      'session-not-rotated',
      'session-not-cleared-on-logout',
      'session-valid-after-logout',
      'session-fixation',
      'idle-timeout-too-long',
      'lifetime-too-long',
    ];
    const flowFindings = judged.findings.filter((f) => FLOW_RULES.includes(f.rule));
    reports.push({ ...loggedIn, findings: [...loggedIn.findings, ...flowFindings], phase: 'logged-in' });
    if (afterLogout) reports.push({ ...afterLogout, phase: 'after-logout' });
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * With a logged-in probe: replays the logged-in cookies after logout in a fresh browser, and plays a session
 * fixation attack (attacker and victim browsers). What could not be checked is an audit error with the reason.
 */
async function serverChecks(
  session: ExtensionBrowser,
  script: LoginScript,
  start: string,
  loggedInCookies: Cookie[],
  credentials: string[],
  loggedOut: boolean,
  opts: AuditOptions,
  errors: AuditError[],
  progress: (line: string) => void,
): Promise<ServerChecks | undefined> {
  const p = script.loggedIn;
  if (!p) return undefined;
  const checks: ServerChecks = { probe: probeText(p) };
  if (loggedOut) {
    progress('Session: replaying the logged-in cookies after logout in a fresh browser');
    const replay = await replayAfterLogout(session.browser, loggedInCookies, credentials, p, opts.timeout);
    if ('error' in replay) errors.push({ url: p.url, stage: 'logout', message: `the session could not be replayed after logout: ${replay.error}` });
    else checks.replayAfterLogout = replay;
  }
  progress('Session: planting a pre-login session id in a victim browser (fixation)');
  const fixed = await fixation(session.browser, start, script.steps, credentials, p, opts.timeout);
  if ('error' in fixed) errors.push({ url: start, stage: 'login', message: `the session fixation check could not run: ${fixed.error}` });
  else if (fixed.planted === 0) progress('  no session cookie before login: nothing an attacker could plant');
  else checks.fixation = { kept: fixed.kept, attackerLoggedIn: fixed.attackerLoggedIn };
  return checks;
}

/**
 * --idle-check and --absolute-check, in the logged-in browser, before logout; the policy's session limits
 * judge them. An idle check that ends the session is followed by a new login for the absolute check.
 */
async function timedChecks(
  session: ExtensionBrowser,
  page: import('puppeteer-core').Page,
  script: LoginScript,
  start: string,
  opts: AuditOptions,
  limits: SessionPolicy | undefined,
  errors: AuditError[],
  progress: (line: string) => void,
): Promise<Pick<ServerChecks, 'idle' | 'absolute'>> {
  const p = script.loggedIn;
  const out: Pick<ServerChecks, 'idle' | 'absolute'> = {};
  if (!p) return out;
  if (opts.idleCheck) {
    const idle = await idleCheck(session.browser, p, opts.idleCheck, opts.timeout, progress);
    if ('error' in idle) errors.push({ url: p.url, stage: 'login', message: `the idle check could not run: ${idle.error}` });
    else out.idle = { ...idle, ...(limits?.maxIdle ? { limit: limits.maxIdle } : {}) };
  }
  if (opts.absoluteCheck) {
    if (out.idle && !out.idle.loggedIn) {
      progress('Session: the idle check ended the session; logging in again for the absolute check');
      const failed = await page.goto(start, { waitUntil: 'load', timeout: opts.timeout }).then(
        () => runSteps(page, script.steps, opts.timeout),
        (error: unknown) => `the login page could not be loaded: ${loadError(error, opts.timeout)}`,
      );
      if (failed) {
        errors.push({ url: page.url(), stage: 'login', message: `logging in again for the absolute check: ${failed}` });
        return out;
      }
    }
    const absolute = await absoluteCheck(session.browser, p, opts.absoluteCheck, opts.timeout, progress);
    if ('error' in absolute) errors.push({ url: p.url, stage: 'login', message: `the absolute check could not run: ${absolute.error}` });
    else out.absolute = { ...absolute, ...(limits?.maxLifetime ? { limit: limits.maxLifetime } : {}) };
  }
  return out;
}

const PHASE_OF = { before: 'before-consent', accept: 'after-accept', reject: 'after-reject' } as const;
const CONSENT_RULES = ['tracking-before-consent', 'tracking-after-reject', 'consent-not-remembered'];

/**
 * --consent: each URL in a fresh profile per phase. A phase whose banner could not be found or operated is a
 * `consent` error of that phase (exit 3), with autoconsent's reason; the others are reported.
 */
async function consentPhases(
  urls: string[],
  opts: AuditOptions,
  io: AuditIo,
  reports: (Report & { phase?: LoginPhase })[],
  summaries: ConsentPhaseSummary[],
  errors: AuditError[],
  progress: (line: string) => void,
): Promise<void> {
  const launch = freshProfile({
    extensionDir: io.extensionDir,
    executablePath: opts.browser,
    headless: !opts.headed,
    hostResolverRules: opts.hostResolverRules,
    ignoreHttpsErrors: opts.ignoreHttpsErrors,
  });
  for (const url of urls) {
    for (const phase of opts.consent ?? []) {
      progress(`Consent (${phase}): ${url} in a fresh profile`);
      const result = await consentPhase(launch, url, phase, opts.timeout);
      if ('error' in result) {
        progress(`  could not check the ${phase} phase: ${result.error}`);
        errors.push({ url, stage: 'consent', message: `phase ${phase}: ${result.error}` });
        continue;
      }
      const { report, consent } = result;
      progress(
        `  ${consent.cmp ? `banner: ${consent.cmp}` : 'no consent banner found'} · ${report.cookies.length} cookies${consent.remembered === false ? ' · the banner came back on the next visit' : ''}`,
      );
      const judged = await analyze(report.cookies as Cookie[], { url: report.url, consent, secrets: false });
      // The phase judges consent: the extension's own timeline-based consent finding (it saw the answer come
      // after the tag in this profile) would say the same thing twice.
      const own = report.findings.filter((f) => !CONSENT_RULES.includes(f.rule));
      reports.push({ ...report, findings: [...own, ...judged.findings.filter((f) => CONSENT_RULES.includes(f.rule))], phase: PHASE_OF[phase] });
      summaries.push({
        url,
        phase,
        ...(consent.cmp ? { cmp: consent.cmp } : {}),
        ...(consent.remembered !== undefined ? { remembered: consent.remembered } : {}),
        cookies: report.cookies.map((c) => ({
          name: c.name,
          domain: c.domain,
          path: c.path,
          purpose: c.purpose,
          ...(c.platform ? { platform: c.platform } : {}),
          thirdParty: c.thirdParty,
        })),
      });
    }
  }
}
