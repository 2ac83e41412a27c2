// A cookie-heavy local site for the page-load benchmark: every page sets `perPage` cookies with fresh
// values, so each load makes the browser store (and the extension record) real changes.
import { serveHttps } from './tls.mjs';

// `delayMs` holds every answer back that long, like a real server's time to first byte; `perPage` is a
// number or a function of the page's number (a typical set has pages of 10 to 30 cookies).
// `sites`: the pages spread over that many sites (page n on site n % sites; 1: every page on bench.test, so its
// jar grows with every page), each page setting its own site's cookies c0…c(n-1) — a visit to one site's
// second page overwrites what the first set, as on real sites. `frameEvery`: every n-th page embeds a
// cross-site frame from tracker.test that sets a third-party cookie (SameSite=None; Secure).
/** @param {{ perPage?: number | ((page: number) => number), delayMs?: number, sites?: number, frameEvery?: number }} [options] */
export function startBenchSite({ perPage = 40, delayMs = 0, sites = 1, frameEvery = 0 } = {}) {
  let counter = 0;
  let port = 0;
  const handler = (req, res) => (delayMs ? setTimeout(() => answer(req, res), delayMs) : answer(req, res));
  const fresh = (n) => `v${n}_${Math.random().toString(36).slice(2, 12)}`;
  const answer = (req, res) => {
    const n = counter++;
    if ((req.url ?? '').startsWith('/frame')) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': [`tid=${fresh(n)}; Path=/; Secure; SameSite=None; Max-Age=31536000`],
        'cache-control': 'no-store',
      });
      res.end('<!doctype html><title>tracker</title>');
      return;
    }
    const page = (req.url ?? '/').split('/').pop();
    const count = typeof perPage === 'function' ? perPage(Number(page) || 0) : perPage;
    const prefix = sites === 1 ? `p${page}_` : '';
    const cookies = Array.from({ length: count }, (_, i) => {
      const attrs = i % 4 === 0 ? 'HttpOnly; SameSite=Strict' : i % 4 === 1 ? 'Max-Age=86400; SameSite=Lax' : i % 4 === 2 ? 'SameSite=None' : '';
      return `${prefix}c${i}=${fresh(n)}; Path=/; Secure; ${attrs}`;
    });
    const frame = frameEvery && Number(page) % frameEvery === 0 ? `<iframe src="https://tracker.test:${port}/frame/${page}"></iframe>` : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': cookies, 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>bench ${page}</title><p>page ${page}</p>${frame}`);
  };
  const hostOf = (path) => {
    const page = Number(path.split('/').pop());
    return sites === 1 || !Number.isFinite(page) ? 'bench.test' : `site${page % sites}.test`;
  };
  return serveHttps(handler).then((site) => {
    port = site.port;
    return { port: site.port, url: (path) => site.url(hostOf(path), path), close: site.close };
  });
}

/**
 * The typical set of the cost bench (issue 16: "30 pages, 10–30 cookies each, a few third-party frames"): pages
 * 0–29 over 10 sites, 10 to 30 Set-Cookie each, a tracker frame on every fifth page.
 */
export const TYPICAL_SET = { perPage: (n) => 10 + ((n * 7) % 21), sites: 10, frameEvery: 5 };
