import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Cookie } from '../core/cookie';
import { auditFails, buildAuditReport, renderReport } from '../core/formats/index';
import { type Policy, validatePolicy } from '../core/policy';
import { analyze, type Report } from '../core/report';
import { type AuditOptions, UsageError } from './audit-args';
import { pageReportOf, ResponseLog, sameSiteLinks } from './collect';
import { launchWithExtension } from './extension-browser';
import { type LoginScript, readLoginScript, runSteps } from './login';

export interface AuditIo {
  /** Progress and problems (stderr). */
  log(line: string): void;
  /** The report (stdout), when no --output is given. */
  write(text: string): void;
  extensionDir: string;
  version: string;
}

async function loadPolicy(file: string): Promise<Policy> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the policy ${file}: ${(error as Error).message}`);
  }
  const { policy, errors } = validatePolicy(data);
  if (!policy) throw new UsageError(`The policy ${file} is not valid:\n  ${errors.join('\n  ')}`);
  return policy;
}

/**
 * Runs the audit; returns the exit code: 0 passed, 1 a finding at or above --fail-on or a policy
 * violation. Usage problems and a missing browser throw (the caller exits 2).
 */
export async function runAudit(opts: AuditOptions, io: AuditIo): Promise<number> {
  const policy = opts.policy ? await loadPolicy(opts.policy) : undefined;
  const login = opts.loginScript ?? (opts.login ? await readLoginScript(opts.login) : undefined);
  if (!existsSync(`${io.extensionDir}/manifest.json`)) throw new UsageError(`No built extension in ${io.extensionDir}: run npm run build first.`);
  const progress = (line: string) => !opts.quiet && io.log(line);

  progress('Starting Chromium with Cookie Lens…');
  const session = await launchWithExtension({
    extensionDir: io.extensionDir,
    executablePath: opts.browser,
    headless: !opts.headed,
    hostResolverRules: opts.hostResolverRules,
    ignoreHttpsErrors: opts.ignoreHttpsErrors,
  });
  try {
    const page = await session.browser.newPage();
    const log = new ResponseLog(page);
    const reports: Report[] = [];
    const visited = new Set<string>();
    const queue = opts.targets.map((url) => ({ url, depth: 0 }));
    while (queue.length && visited.size < opts.maxPages) {
      const next = queue.shift();
      if (!next || visited.has(next.url)) continue;
      visited.add(next.url);
      progress(`Visiting ${next.url} (${visited.size}${queue.length ? ` of ≥ ${visited.size + queue.length}` : ''})`);
      log.take();
      await page.bringToFront();
      try {
        await page.goto(next.url, { waitUntil: 'load', timeout: opts.timeout });
      } catch (error) {
        progress(`  could not load ${next.url}: ${(error as Error).message.split('\n')[0]}`);
        continue;
      }
      reports.push(await pageReportOf(session, page, log.take()));
      if (next.depth < opts.depth) for (const link of await sameSiteLinks(page)) if (!visited.has(link)) queue.push({ url: link, depth: next.depth + 1 });
    }
    if (login) reports.push(await loginFlow(session, page, log, login, opts, progress));
    const report = buildAuditReport({
      tool: { name: 'cookie-lens', version: io.version },
      generatedAt: new Date().toISOString(),
      targets: opts.targets,
      reports,
      policy: policy && opts.policy ? { file: opts.policy, policy } : undefined,
    });
    const text = renderReport(report, opts.format, opts.failOn);
    if (opts.output) {
      await writeFile(opts.output, text);
      progress(`Report written to ${opts.output}`);
    } else io.write(text);
    const failed = auditFails(report, opts.failOn);
    progress(`Grade ${report.grade} (${report.score}/100), ${report.findings.length} findings${failed ? ' — FAILED' : ''}.`);
    return failed ? 1 : 0;
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** Logs in (and out) with the script, capturing cookies at each stage; the engine judges the session handling. */
async function loginFlow(
  session: Awaited<ReturnType<typeof launchWithExtension>>,
  page: Awaited<ReturnType<Awaited<ReturnType<typeof launchWithExtension>>['browser']['newPage']>>,
  log: ResponseLog,
  script: LoginScript,
  opts: AuditOptions,
  progress: (line: string) => void,
): Promise<Report> {
  const start = script.start ?? opts.targets[0];
  progress(`Login flow: opening ${start}`);
  log.take();
  await page.bringToFront();
  await page.goto(start, { waitUntil: 'load', timeout: opts.timeout });
  const cookiesNow = async () => (await pageReportOf(session, page, log.take())).cookies as Cookie[];
  const beforeLogin = await cookiesNow();
  progress('Login flow: logging in');
  await runSteps(page, script.steps, opts.timeout);
  const loggedIn = await pageReportOf(session, page, log.take());
  let afterLogout: Cookie[] | undefined;
  if (script.logout) {
    progress('Login flow: logging out');
    await runSteps(page, script.logout, opts.timeout);
    afterLogout = await cookiesNow();
  }
  const judged = await analyze(loggedIn.cookies, { url: page.url(), flow: { beforeLogin, afterLogin: loggedIn.cookies, afterLogout }, secrets: false });
  // Only what the flow adds: the page's other findings came from the extension already.
  return { ...loggedIn, findings: judged.findings.filter((f) => f.rule === 'session-not-rotated' || f.rule === 'session-not-cleared-on-logout') };
}
