// `cookie-lens` commands. Reports go to stdout, progress and errors to stderr.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BrowserNotFoundError } from './extension-browser';
import { runStart } from './start';

const USAGE = `Usage: cookie-lens <command> [options]

Commands:
  start      Serve the bundled demo site, run the extension on it in Chromium and print its report.
             --headed   keep a visible browser open (needs a display)
             --browser  path to Chromium (else CHROME_PATH, else the usual install paths)
`;

/** The built extension, next to this file once built (dist/node/cli.js → dist/chrome). */
export const EXTENSION_DIR = fileURLToPath(new URL('../chrome', import.meta.url));

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    if (command === 'start') {
      const { values } = parseArgs({ args: rest, options: { headed: { type: 'boolean', default: false }, browser: { type: 'string' } } });
      return await runStart({ extensionDir: EXTENSION_DIR, headed: values.headed ?? false, browser: values.browser, log });
    }
    log(command ? `Unknown command: ${command}\n\n${USAGE}` : USAGE);
    return 2;
  } catch (error) {
    if (error instanceof BrowserNotFoundError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      log(`cookie-lens: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
