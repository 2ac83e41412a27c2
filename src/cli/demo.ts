import { startDemo } from '../../demo/express-app.mjs';
import { startFlask } from '../../demo/flask.mjs';
import { type AuditIo, runAudit } from './audit';
import { parseAuditArgs } from './audit-args';
import { launchWithExtension } from './extension-browser';
import type { LoginScript } from './login';

const HOSTS = 'MAP *.test 127.0.0.1';

/**
 * `start`: serves the bundled demo (the Express app, and the Flask app when python3-flask is installed)
 * and audits it with the real extension — logging in on fixed.shop.test, which keeps its session id.
 * `demo`: opens a visible Chromium with the extension on the same sites.
 */
export async function runDemo(command: 'start' | 'demo', args: string[], io: AuditIo): Promise<number> {
  const express = await startDemo();
  let failed = false;
  const flask = await startFlask().catch((error: Error) => {
    io.log(`The Flask demo did not start: ${error.message}`);
    failed = true;
    return null;
  });
  if (!flask && !failed) io.log('(python3-flask is not installed: the Flask demo is skipped. apt-get install -y python3-flask)');
  const targets = [express.url('shop.test'), express.url('app.shop.test'), express.url('bad.test'), ...(flask ? [flask.url()] : [])];
  try {
    if (command === 'demo') return await openDemo(targets, io);
    const login: LoginScript = {
      start: express.url('fixed.shop.test', '/login'),
      steps: [
        { fill: 'input[name=user]', value: 'ada' },
        { fill: 'input[name=password]', value: 'correct horse' },
        { click: '#login', waitForNavigation: true },
      ],
      logout: [{ goto: express.url('fixed.shop.test', '/logout') }],
    };
    io.log(`Demo sites: ${targets.join(' ')} (login flow on fixed.shop.test)`);
    const options = parseAuditArgs([...targets, '--host-resolver-rules', HOSTS, '--ignore-https-errors', ...args]);
    return await runAudit({ ...options, loginScript: login }, io);
  } finally {
    await express.close();
    flask?.close();
  }
}

async function openDemo(targets: string[], io: AuditIo): Promise<number> {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    io.log('cookie-lens demo needs a display (no DISPLAY here). `npm start` audits the demo headless instead.');
    return 2;
  }
  const session = await launchWithExtension({ extensionDir: io.extensionDir, headless: false, hostResolverRules: HOSTS, ignoreHttpsErrors: true });
  for (const url of targets) await (await session.browser.newPage()).goto(url, { waitUntil: 'load' });
  io.log('Chromium is open on the demo sites with Cookie Lens: click its toolbar icon, or open DevTools › Cookie Lens. Close the browser to stop.');
  await new Promise<void>((resolve) => session.browser.once('disconnected', () => resolve()));
  return 0;
}
