import { parseArgs } from 'node:util';
import { REPORT_FORMATS, type ReportFormat } from '../core/formats/index';
import type { Severity } from '../core/rule';

export class UsageError extends Error {}

export interface AuditOptions {
  targets: string[];
  format: ReportFormat;
  output?: string;
  policy?: string;
  failOn?: Severity;
  depth: number;
  maxPages: number;
  login?: string;
  /** A login script given directly (the demo), instead of a file. */
  loginScript?: import('./login').LoginScript;
  browser?: string;
  hostResolverRules?: string;
  ignoreHttpsErrors: boolean;
  timeout: number;
  headed: boolean;
  quiet: boolean;
}

export const AUDIT_USAGE = `Usage: cookie-lens audit <url...> [options]

Runs the Cookie Lens extension in headless Chromium on each URL and reports every cookie, the Set-Cookie
headers the browser rejected, and the findings.

Options:
  --format text|json|markdown|sarif|junit   report format (default: text)
  --output FILE                             write the report to FILE instead of stdout
  --policy FILE                             check cookies against a policy (see schemas/policy.schema.json)
  --fail-on high|medium|low                 exit 1 when a finding at or above this severity exists
                                            (a policy violation always fails)
  --depth N                                 also visit same-site links, N clicks deep (default 0)
  --max-pages N                             stop crawling after N pages (default 30)
  --login FILE                              run a scripted login (JSON steps) to check session handling
  --browser PATH                            Chromium to use (else CHROME_PATH, else the usual paths)
  --host-resolver-rules "MAP *.test 127.0.0.1"   passed to Chromium
  --ignore-https-errors                     accept self-signed certificates
  --timeout MS                              per page load (default 30000)
  --headed                                  show the browser window
  --quiet                                   no progress on stderr

Exit codes: 0 passed, 1 findings at or above --fail-on or policy violations, 2 bad usage or no browser.`;

const SEVERITY: Severity[] = ['high', 'medium', 'low', 'info'];

function int(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a whole number${min ? ` of at least ${min}` : ''}, not "${value}".`);
  return Number(value);
}

export function parseAuditArgs(argv: string[]): AuditOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        policy: { type: 'string' },
        'fail-on': { type: 'string' },
        depth: { type: 'string' },
        'max-pages': { type: 'string' },
        login: { type: 'string' },
        browser: { type: 'string' },
        'host-resolver-rules': { type: 'string' },
        'ignore-https-errors': { type: 'boolean', default: false },
        timeout: { type: 'string' },
        headed: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const targets = parsed.positionals;
  if (targets.length === 0) throw new UsageError('Give at least one URL to audit.');
  for (const t of targets) {
    let u: URL;
    try {
      u = new URL(t);
    } catch {
      throw new UsageError(`"${t}" is not a URL (write it with http:// or https://).`);
    }
    if (!/^https?:$/.test(u.protocol)) throw new UsageError(`"${t}" is not an http or https URL.`);
  }
  const format = (v.format as string | undefined) ?? 'text';
  if (!REPORT_FORMATS.includes(format as ReportFormat)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${format}".`);
  const failOn = v['fail-on'] as string | undefined;
  if (failOn !== undefined && !SEVERITY.slice(0, 3).includes(failOn as Severity))
    throw new UsageError(`--fail-on must be high, medium or low, not "${failOn}".`);
  return {
    targets,
    format: format as ReportFormat,
    output: v.output as string | undefined,
    policy: v.policy as string | undefined,
    failOn: failOn as Severity | undefined,
    depth: int(v.depth as string | undefined, 'depth', 0),
    maxPages: int(v['max-pages'] as string | undefined, 'max-pages', 30, 1),
    login: v.login as string | undefined,
    browser: v.browser as string | undefined,
    hostResolverRules: v['host-resolver-rules'] as string | undefined,
    ignoreHttpsErrors: Boolean(v['ignore-https-errors']),
    timeout: int(v.timeout as string | undefined, 'timeout', 30_000, 1000),
    headed: Boolean(v.headed),
    quiet: Boolean(v.quiet),
  };
}
