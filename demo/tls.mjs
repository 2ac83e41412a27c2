// A throw-away self-signed certificate for the local HTTPS sites (browsers are told to accept it).
// Made with openssl on first use and kept in the temp dir; nothing secret, nothing committed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function testCertificate() {
  const dir = join(tmpdir(), 'cookie-lens-tls');
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  if (!existsSync(key) || !existsSync(cert)) {
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '30',
          '-subj',
          '/CN=cookie-lens-local',
          '-addext',
          'subjectAltName=DNS:localhost,DNS:*.test,DNS:*.shop.test,DNS:*.demo.test,IP:127.0.0.1',
        ],
        { stdio: 'pipe' },
      );
    } catch (error) {
      throw new Error(`Cannot create a test certificate: openssl failed or is missing (${error.message}). Install it with: apt-get install -y openssl`);
    }
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/**
 * Serves `handler` over HTTPS with the test certificate on 127.0.0.1 (a random port unless given);
 * resolves to { port, url(host, path), close() } — every local test site starts this way.
 * @param {import('node:http').RequestListener} handler
 * @param {number} [port]
 * @returns {Promise<{ port: number; url(host: string, path?: string): string; close(): Promise<void> }>}
 */
export function serveHttps(handler, port = 0) {
  const server = createServer(testCertificate(), handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({
        port: actual,
        url: (host, path = '/') => `https://${host}:${actual}${path}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r(undefined));
          }),
      });
    });
  });
}
