import { parseArgs } from 'node:util';
import { CONSENT_PHASES, type ConsentPhase } from '../core/consent';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../core/formats/index';
import type { Severity } from '../core/rule';
import { closest, UsageError } from './errors';
import type { LoginScript } from './login';

export { UsageError };

export interface AuditOptions {
  /** URLs given on the command line and in --urls, before --shard. */
  targets: string[];
  urlsFile?: string;
  sitemap?: string;
  format: ReportFormat;
  output?: string;
  policy?: string;
  failOn?: Severity;
  depth: number;
  maxPages: number;
  concurrency: number;
  /** 1-based shard and the number of shards. */
  shard?: { index: number; count: number };
  login?: string;
  /** A login script given directly (the demo), instead of a file. */
  loginScript?: LoginScript;
  sarifFile?: string;
  /** Pages found by crawling that fail to load are reported but do not fail the audit. */
  allowCrawlErrors: boolean;
  browser?: string;
  hostResolverRules?: string;
  ignoreHttpsErrors: boolean;
  timeout: number;
  headed: boolean;
  quiet: boolean;
  /** With --login and a loggedIn probe: seconds to stay idle after login before probing. */
  idleCheck?: number;
  /** With --login and a loggedIn probe: seconds to keep the session busy before the last probe. */
  absoluteCheck?: number;
  /** --consent: the consent phases to run, each in a fresh profile, instead of one plain visit. */
  consent?: ConsentPhase[];
  /** --storage-state: a Playwright storageState to start from (a ready session). */
  storageState?: string;
  /** --save-storage-state: write the browser's state at the end, as a Playwright storageState. */
  saveStorageState?: string;
}

interface OptionSpec {
  type: 'string' | 'boolean';
  value?: string;
  help: string;
  short?: string;
}

/** Every option of `audit`: the parser, the usage text and the "did you mean" hints all read this table. */
export const AUDIT_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', value: REPORT_FORMATS.join('|'), help: 'report format (default: text)' },
  output: { type: 'string', value: 'FILE', help: 'write the report to FILE instead of stdout (checked before the browser starts)', short: 'o' },
  policy: { type: 'string', value: 'FILE', help: 'check cookies against a policy (schemas/policy.schema.json)' },
  'fail-on': {
    type: 'string',
    value: 'high|medium|low',
    help: 'exit 1 when a finding at or above this severity exists (default: only policy violations fail)',
  },
  urls: { type: 'string', value: 'FILE', help: 'more URLs to audit, one a line (# comments and blank lines ignored)' },
  sitemap: { type: 'string', value: 'URL', help: 'audit the URLs of this sitemap.xml (or sitemap index)' },
  depth: { type: 'string', value: 'N', help: 'also visit same-site links, N clicks deep (default 0)' },
  'max-pages': { type: 'string', value: 'N', help: 'with --depth, follow links until N pages in all (default 30; the URLs given are always audited)' },
  concurrency: { type: 'string', value: 'N', help: 'audit N pages at a time, in tabs of one browser (default 1)' },
  shard: { type: 'string', value: 'I/N', help: 'audit only the I-th of N equal parts of the URL list (for CI matrices; merge the reports)' },
  login: { type: 'string', value: 'FILE', help: 'log in (and out) with these steps, then report the logged-in state' },
  consent: {
    type: 'string',
    value: '[before|accept|reject]',
    help: 'run each URL in fresh profiles: before consent, after "Accept all", after "Reject all" (the banner operated by autoconsent); a phase name runs that one only',
  },
  'storage-state': {
    type: 'string',
    value: 'FILE',
    help: 'start from a Playwright storageState (a ready session: cookies and localStorage), e.g. one --save-storage-state wrote',
  },
  'save-storage-state': {
    type: 'string',
    value: 'FILE',
    help: "write the browser's cookies and the targets' localStorage at the end as a Playwright storageState (after --login: a logged-in session)",
  },
  'idle-check': { type: 'string', value: 'SECONDS', help: 'with --login and a loggedIn probe: stay idle that long after login, then probe (idle timeout)' },
  'absolute-check': {
    type: 'string',
    value: 'SECONDS',
    help: 'with --login and a loggedIn probe: keep the session busy that long, then probe (absolute timeout)',
  },
  'sarif-file': { type: 'string', value: 'PATH', help: 'SARIF: the file in your repository where cookies are configured (default cookie-lens/<host>.cookies)' },
  'allow-crawl-errors': { type: 'boolean', help: 'pages found by --depth that fail to load are reported, not fatal (targets and login always are)' },
  browser: { type: 'string', value: 'PATH', help: 'Chromium to use (else CHROME_PATH, else the usual paths)' },
  'host-resolver-rules': { type: 'string', value: '"MAP *.test 127.0.0.1"', help: 'passed to Chromium' },
  'ignore-https-errors': { type: 'boolean', help: 'accept self-signed certificates' },
  timeout: { type: 'string', value: 'MS', help: 'per page load (default 30000)' },
  headed: { type: 'boolean', help: 'show the browser window' },
  quiet: { type: 'boolean', help: 'no progress on stderr' },
  help: { type: 'boolean', help: 'this text', short: 'h' },
};

export const EXIT_CODES = `Exit codes:
  0  passed: every page was checked, no policy violation, no finding at or above --fail-on
  1  findings at or above --fail-on, or policy violations
  2  bad usage: an unknown option, a file that cannot be read or written, no browser
  3  could not audit: a target, the login or (without --allow-crawl-errors) a crawled page could not be checked`;

export function auditUsage(): string {
  const rows = Object.entries(AUDIT_OPTIONS).map(([name, o]) => {
    const left = `  ${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
    return left.length > 44 ? `${left}\n${' '.repeat(46)}${o.help}` : `${left.padEnd(46)}${o.help}`;
  });
  return `Usage: cookie-lens audit <url...> [options]

Runs the Cookie Lens extension in headless Chromium on each URL and reports every cookie, the Set-Cookie
headers the browser rejected, and the findings. Progress goes to stderr, the report to stdout.

Options:
${rows.join('\n')}

${EXIT_CODES}`;
}

const SEVERITY: Severity[] = ['high', 'medium', 'low'];

function int(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a whole number${min ? ` of at least ${min}` : ''}, not "${value}".`);
  return Number(value);
}

/** parseArgs' error for an unknown option, as one line with the nearest option. */
function unknownOption(error: Error): UsageError {
  const m = /Unknown option '(-{1,2}[^']+)'/.exec(error.message);
  if (!m) return new UsageError(error.message.split('\n')[0]);
  const guess = closest(m[1].replace(/^-+/, ''), Object.keys(AUDIT_OPTIONS));
  return new UsageError(`unknown option ${m[1]}${guess ? ` (did you mean --${guess}?)` : ''}. Run cookie-lens audit --help for the options.`);
}

export function checkUrl(t: string, where = ''): void {
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new UsageError(`"${t}"${where} is not a URL (write it with http:// or https://).`);
  }
  if (!/^https?:$/.test(u.protocol)) throw new UsageError(`"${t}"${where} is not an http or https URL.`);
}

/** `--consent` alone means every phase: parseArgs needs a value, so a bare flag becomes `--consent=all`. */
function bareConsent(argv: string[]): string[] {
  return argv.map((a, i) =>
    a === '--consent' && (i === argv.length - 1 || argv[i + 1].startsWith('-') || /^https?:/.test(argv[i + 1])) ? '--consent=all' : a,
  );
}

function consentPhases(value: string | undefined): ConsentPhase[] | undefined {
  if (value === undefined) return undefined;
  if (value === 'all') return [...CONSENT_PHASES];
  const phases = value.split(',');
  for (const p of phases)
    if (!CONSENT_PHASES.includes(p as ConsentPhase)) {
      const guess = closest(p, CONSENT_PHASES);
      throw new UsageError(`--consent takes before, accept or reject (or nothing, for all three), not "${p}"${guess ? ` (did you mean ${guess}?)` : ''}.`);
    }
  return phases as ConsentPhase[];
}

export function parseAuditArgs(argv: string[]): AuditOptions & { help?: boolean } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: bareConsent(argv),
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(Object.entries(AUDIT_OPTIONS).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}) }])),
    });
  } catch (error) {
    throw unknownOption(error as Error);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) return { help: true } as AuditOptions & { help: boolean };
  const targets = parsed.positionals;
  for (const t of targets) checkUrl(t);
  if (targets.length === 0 && !v.urls && !v.sitemap) throw new UsageError('give at least one URL to audit (or --urls FILE, or --sitemap URL).');
  if (typeof v.sitemap === 'string') checkUrl(v.sitemap, ' (--sitemap)');
  const format = (v.format as string | undefined) ?? 'text';
  if (!isReportFormat(format)) {
    const guess = closest(format, REPORT_FORMATS);
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${format}"${guess ? ` (did you mean ${guess}?)` : ''}.`);
  }
  const failOn = v['fail-on'] as string | undefined;
  if (failOn !== undefined && !SEVERITY.includes(failOn as Severity)) throw new UsageError(`--fail-on must be high, medium or low, not "${failOn}".`);
  let shard: AuditOptions['shard'];
  if (typeof v.shard === 'string') {
    const m = /^(\d+)\/(\d+)$/.exec(v.shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]))
      throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N (1/4 is the first of four), not "${v.shard}".`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  return {
    targets,
    urlsFile: v.urls as string | undefined,
    sitemap: v.sitemap as string | undefined,
    format,
    output: v.output as string | undefined,
    policy: v.policy as string | undefined,
    failOn: failOn as Severity | undefined,
    depth: int(v.depth as string | undefined, 'depth', 0),
    maxPages: int(v['max-pages'] as string | undefined, 'max-pages', 30, 1),
    concurrency: int(v.concurrency as string | undefined, 'concurrency', 1, 1),
    shard,
    login: v.login as string | undefined,
    sarifFile: v['sarif-file'] as string | undefined,
    allowCrawlErrors: Boolean(v['allow-crawl-errors']),
    browser: v.browser as string | undefined,
    hostResolverRules: v['host-resolver-rules'] as string | undefined,
    ignoreHttpsErrors: Boolean(v['ignore-https-errors']),
    timeout: int(v.timeout as string | undefined, 'timeout', 30_000, 1000),
    headed: Boolean(v.headed),
    quiet: Boolean(v.quiet),
    ...timedChecks(v),
    ...consentOption(v),
    ...(typeof v['storage-state'] === 'string' ? { storageState: v['storage-state'] } : {}),
    ...(typeof v['save-storage-state'] === 'string' ? { saveStorageState: v['save-storage-state'] } : {}),
  };
}

function consentOption(v: Record<string, string | boolean | undefined>): Pick<AuditOptions, 'consent'> {
  const consent = consentPhases(v.consent as string | undefined);
  if (!consent) return {};
  if (v.login) throw new UsageError('--consent and --login are separate audits: run them one after the other.');
  return { consent };
}

/** --idle-check and --absolute-check: seconds, and only with --login (the login file must have a probe). */
function timedChecks(v: Record<string, string | boolean | undefined>): Pick<AuditOptions, 'idleCheck' | 'absoluteCheck'> {
  const out: Pick<AuditOptions, 'idleCheck' | 'absoluteCheck'> = {};
  for (const [name, key] of [
    ['idle-check', 'idleCheck'],
    ['absolute-check', 'absoluteCheck'],
  ] as const) {
    if (v[name] === undefined) continue;
    if (!v.login) throw new UsageError(`--${name} needs --login with a "loggedIn" probe: it measures how long a logged-in session lasts.`);
    out[key] = int(v[name] as string, name, 0, 1);
  }
  return out;
}

/** The part of the URL list a shard audits: every N-th URL, starting at the I-th — the same split on every run. */
export function shardOf<T>(list: readonly T[], shard: AuditOptions['shard']): T[] {
  if (!shard) return [...list];
  return list.filter((_, i) => i % shard.count === shard.index - 1);
}
