// `cookie-lens` commands. Reports go to stdout, progress and errors to stderr.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runAudit } from './audit';
import { AUDIT_USAGE, parseAuditArgs, UsageError } from './audit-args';
import { runDemo } from './demo';
import { BrowserNotFoundError } from './extension-browser';

const USAGE = `Usage: cookie-lens <command> [options]

Commands:
  audit <url...>   run the extension in headless Chromium on the URLs and report (cookie-lens audit --help)
  start            serve the bundled demo sites and audit them (what \`npm start\` runs)
  demo             open a visible Chromium with the extension on the demo sites (needs a display)
`;

/** The built extension and package.json, next to this file once built (dist/node → dist/chrome). */
export const EXTENSION_DIR = fileURLToPath(new URL('../chrome', import.meta.url));

function version(): string {
  try {
    return JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')).version;
  } catch {
    return 'dev';
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const io = { log, write: (text: string) => process.stdout.write(text), extensionDir: EXTENSION_DIR, version: version() };
  try {
    if (command === 'audit') {
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(`${AUDIT_USAGE}\n`);
        return 0;
      }
      return await runAudit(parseAuditArgs(rest), io);
    }
    if (command === 'start' || command === 'demo') return await runDemo(command, rest, io);
    if (command === '--help' || command === '-h') {
      process.stdout.write(USAGE);
      return 0;
    }
    log(command ? `Unknown command: ${command}\n\n${USAGE}` : USAGE);
    return 2;
  } catch (error) {
    if (error instanceof UsageError || error instanceof BrowserNotFoundError) {
      log(`cookie-lens: ${error.message}`);
      if (error instanceof UsageError && command === 'audit') log(`\n${AUDIT_USAGE}`);
      return 2;
    }
    if (/Failed to launch|spawn|ENOENT/.test((error as Error).message)) {
      log(`cookie-lens: the browser could not start: ${(error as Error).message.split('\n')[0]}`);
      return 2;
    }
    throw error;
  }
}
