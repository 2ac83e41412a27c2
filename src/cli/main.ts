// `cookie-lens` commands. Reports go to stdout, progress and errors to stderr; every error is one line.

import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type AuditReport, auditExitCode, isReportFormat, REPORT_FORMATS, renderReport } from '../core/formats/index';
import { mergeAuditReports } from '../core/formats/merge';
import type { Severity } from '../core/rule';
import { runAudit } from './audit';
import { auditUsage, EXIT_CODES, parseAuditArgs } from './audit-args';
import { CONVERT_USAGE, convert } from './convert';
import { BrowserNotFoundError, closest, firstLine, readJsonFile, UsageError } from './errors';

const COMMANDS = ['audit', 'merge', 'convert', 'start', 'demo', 'help'];

const USAGE = `Usage: cookie-lens <command> [options]

Commands:
  audit <url...>          run the extension in headless Chromium on the URLs and report (cookie-lens help audit)
  merge <report.json...>  merge JSON reports (the shards of a CI matrix) into one, in any format (cookie-lens help merge)
  convert <file> --to F   a saved session (storageState, CDP, cookies.txt…) for another tool: curl, Puppeteer, Selenium…
  start                   serve the bundled demo sites and audit them (what \`npm start\` runs; in the repository)
  demo                    open a visible Chromium with the extension on the demo sites (needs a display)
  help [command]          this text, or a command's options

Options: --version, -V   print the version

${EXIT_CODES}
`;

const MERGE_USAGE = `Usage: cookie-lens merge <report.json...> [--format ${REPORT_FORMATS.join('|')}] [--output FILE] [--fail-on high|medium|low] [--sarif-file PATH]

Merges JSON reports (cookie-lens audit --format json, e.g. one per --shard of a CI matrix) into one report:
cookies, findings and rejected headers once each, every error kept, grade and score over the whole.
The exit code is the merged report's (0, 1 or 3).`;

/** The built extension and package.json, next to this file once built (dist/node → dist/chrome). */
export const EXTENSION_DIR = fileURLToPath(new URL('../chrome', import.meta.url));

export function version(): string {
  try {
    return JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')).version;
  } catch {
    return 'dev';
  }
}

async function merge(args: string[], write: (text: string) => void): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string' }, output: { type: 'string', short: 'o' }, 'fail-on': { type: 'string' }, 'sarif-file': { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} Run cookie-lens help merge for the options.`);
  }
  const v = parsed.values as Record<string, string | undefined>;
  if (parsed.positionals.length === 0) throw new UsageError('give the JSON reports to merge.');
  const format = v.format ?? 'json';
  if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${format}".`);
  const failOn = v['fail-on'] as Severity | undefined;
  if (failOn && !['high', 'medium', 'low'].includes(failOn)) throw new UsageError(`--fail-on must be high, medium or low, not "${failOn}".`);
  const reports: AuditReport[] = [];
  for (const file of parsed.positionals) {
    reports.push((await readJsonFile(file, 'the report')) as AuditReport);
  }
  let merged: AuditReport;
  try {
    merged = mergeAuditReports(reports);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const text = renderReport(merged, format, { failOn, sarifFile: v['sarif-file'] });
  if (v.output) await writeFile(v.output, text);
  else write(text);
  return auditExitCode(merged, failOn);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const write = (text: string) => process.stdout.write(text);
  const io = { log, write, extensionDir: EXTENSION_DIR, version: version() };
  try {
    if (command === '--version' || command === '-V') {
      write(`${version()}\n`);
      return 0;
    }
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      const topic = command === 'help' ? rest[0] : undefined;
      write(topic === 'audit' ? `${auditUsage()}\n` : topic === 'merge' ? `${MERGE_USAGE}\n` : topic === 'convert' ? `${CONVERT_USAGE}\n` : USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'audit') {
      const options = parseAuditArgs(rest);
      if ('help' in options && options.help) {
        write(`${auditUsage()}\n`);
        return 0;
      }
      return await runAudit(options, io);
    }
    if (command === 'merge') {
      if (rest.includes('--help') || rest.includes('-h')) {
        write(`${MERGE_USAGE}\n`);
        return 0;
      }
      return await merge(rest, write);
    }
    if (command === 'convert') {
      if (rest.includes('--help') || rest.includes('-h')) {
        write(`${CONVERT_USAGE}\n`);
        return 0;
      }
      return convert(rest, write, log);
    }
    if (command === 'start' || command === 'demo') {
      // The demo's web frameworks are development dependencies: loaded only here, in the repository.
      const { runDemo } = await import('./demo').catch(() => {
        throw new UsageError(
          `${command} runs the bundled demo, which needs the repository (git clone, npm ci): the published package has only audit and merge.`,
        );
      });
      return await runDemo(command, rest, io);
    }
    const guess = closest(command, COMMANDS);
    log(`cookie-lens: unknown command "${command}"${guess ? ` (did you mean ${guess}?)` : ''}. Run cookie-lens help for the commands.`);
    return 2;
  } catch (error) {
    if (error instanceof UsageError || error instanceof BrowserNotFoundError) {
      log(`cookie-lens: ${error.message}`);
      return 2;
    }
    const message = firstLine(error);
    if (/Failed to launch|spawn|ENOENT/.test(message)) {
      log(`cookie-lens: the browser could not start: ${message}`);
      return 2;
    }
    log(`cookie-lens: the audit stopped: ${message}`);
    return 3;
  }
}
