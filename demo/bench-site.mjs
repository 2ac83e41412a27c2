// A cookie-heavy local site for the page-load benchmark: every page sets `perPage` cookies with fresh
// values, so each load makes the browser store (and the extension record) real changes.
import { serveHttps } from './tls.mjs';

// `delayMs` holds every answer back that long, like a real server's time to first byte; `perPage` is a
// number or a function of the page's number (a typical set has pages of 10 to 30 cookies).
/** @param {{ perPage?: number | ((page: number) => number), delayMs?: number }} [options] */
export function startBenchSite({ perPage = 40, delayMs = 0 } = {}) {
  let counter = 0;
  const handler = (req, res) => (delayMs ? setTimeout(() => answer(req, res), delayMs) : answer(req, res));
  const answer = (req, res) => {
    const n = counter++;
    const page = (req.url ?? '/').split('/').pop();
    const count = typeof perPage === 'function' ? perPage(Number(page) || 0) : perPage;
    const cookies = Array.from({ length: count }, (_, i) => {
      const attrs = i % 4 === 0 ? 'HttpOnly; SameSite=Strict' : i % 4 === 1 ? 'Max-Age=86400; SameSite=Lax' : i % 4 === 2 ? 'SameSite=None' : '';
      return `p${page}_c${i}=v${n}_${Math.random().toString(36).slice(2, 12)}; Path=/; Secure; ${attrs}`;
    });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': cookies, 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>bench ${page}</title><p>page ${page}</p>`);
  };
  return serveHttps(handler).then((site) => ({ port: site.port, url: (path) => site.url('bench.test', path), close: site.close }));
}
