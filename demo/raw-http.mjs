// A bare HTTP/1.1 server over net: it writes response headers byte for byte, so tests can send
// Set-Cookie lines with control characters or raw UTF-8 that node:http refuses to emit.
import { createServer } from 'node:net';

/**
 * @param {(request: { method: string; path: string; headers: Record<string, string> }) =>
 *   { status?: number; headers?: [string, string][]; body?: string }} handler
 * @returns {Promise<{ port: number; close(): Promise<void> }>}
 */
export function startRawHttp(handler) {
  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const [requestLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
      buffer = Buffer.alloc(0);
      const [method, path] = requestLine.split(' ');
      const headers = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = Buffer.from(line.slice(i + 1).trim(), 'latin1').toString('utf8');
      }
      const response = handler({ method, path, headers });
      const body = Buffer.from(response.body ?? '', 'utf8');
      const head = [`HTTP/1.1 ${response.status ?? 200} OK`, `Content-Length: ${body.length}`, 'Connection: keep-alive', 'Cache-Control: no-store'];
      for (const [name, value] of response.headers ?? []) head.push(`${name}: ${value}`);
      socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'), body]));
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        close: () =>
          new Promise((r) => {
            server.close(() => r(undefined));
            server.unref();
          }),
      }),
    );
  });
}
