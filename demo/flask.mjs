// Starts demo/flask_app.py (Debian's python3-flask) and demo/django_app.py (python3-django) when they are
// installed; each resolves to null otherwise.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testCertificate } from './tls.mjs';

const PYTHON = process.env.COOKIE_LENS_PYTHON ?? '/usr/bin/python3';

/** Whether Debian's Python has this module (python3-flask, python3-django). */
function pythonHas(module) {
  try {
    execFileSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const flaskAvailable = () => pythonHas('flask');

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** @returns {Promise<null | { port: number; url: (path?: string) => string; close(): void }>} */
export async function startFlask() {
  if (!existsSync(PYTHON) || !flaskAvailable()) return null;
  testCertificate();
  const dir = join(tmpdir(), 'cookie-lens-tls');
  const port = await freePort();
  // From the source tree this file sits next to the script; bundled into dist/node/assets it is three levels down.
  const script = ['./flask_app.py', '../../demo/flask_app.py', '../../../demo/flask_app.py']
    .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
    .find((p) => existsSync(p));
  if (!script) throw new Error('demo/flask_app.py is not next to the build: run it from the repository.');
  const child = spawn(PYTHON, [script, String(port), join(dir, 'cert.pem'), join(dir, 'key.pem')], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The Flask demo did not start within 10 s.')), 10_000);
    const onData = (chunk) => {
      if (/Running on|listening on/.test(String(chunk))) {
        clearTimeout(timer);
        setTimeout(resolve, 300);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The Flask demo exited (${code}).`)));
  });
  return { port, url: (path = '/') => `https://flask.test:${port}${path}`, close: () => child.kill() };
}

export const djangoAvailable = () => pythonHas('django');

/** demo/django_app.py (a real Django login) on https://django.test:PORT; null without python3-django. */
export async function startDjango() {
  if (!existsSync(PYTHON) || !djangoAvailable()) return null;
  testCertificate();
  const dir = join(tmpdir(), 'cookie-lens-tls');
  const port = await freePort();
  const script = fileURLToPath(new URL('./django_app.py', import.meta.url));
  const child = spawn(PYTHON, [script, String(port), join(dir, 'cert.pem'), join(dir, 'key.pem')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The Django demo did not start within 20 s: ${output}`)), 20_000);
    const onData = (chunk) => {
      output += String(chunk);
      if (/listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The Django demo exited (${code}): ${output}`)));
  });
  return { port, url: (path = '/') => `https://django.test:${port}${path}`, close: () => child.kill() };
}
