// The local multi-host test site: one HTTPS server on loopback answers for shop.test, app.shop.test and
// widget.test (the browser maps *.test to 127.0.0.1 with --host-resolver-rules). Its cookies are known,
// good and bad, so tests and `npm start` can check what Cookie Lens says about them.
import { serveHttps } from './tls.mjs';

const YEAR = 365 * 24 * 3600;

export const SHOP_COOKIES = [
  // A server-side session id without Secure: the worst finding on the page.
  'sessionid=9f2c4e8a7b1d3f5e6a8c0b2d4f6e8a1c; Path=/; HttpOnly; SameSite=Lax',
  // Well configured: __Host- prefix, Secure, HttpOnly, Strict.
  '__Host-csrf=Zx81kq0LmA4vB7nT2yR6; Path=/; Secure; SameSite=Strict',
  // A persistent preference without Secure.
  `theme=dark; Path=/; Max-Age=${YEAR}`,
  // A domain cookie for the whole site.
  `lang=en; Domain=shop.test; Path=/; Secure; SameSite=Lax; Max-Age=${30 * 24 * 3600}`,
  // A login token readable by scripts and sent cross-site.
  'auth_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.sig; Path=/; Secure; SameSite=None',
];

export const WIDGET_COOKIES = ['widget_state=open; Path=/; Secure; SameSite=None; Partitioned'];

function page(res, status, cookies, body) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': cookies, 'cache-control': 'no-store' });
  res.end(body);
}

function handle(req, res, port) {
  const host = (req.headers.host ?? '').split(':')[0];
  const url = new URL(req.url ?? '/', `https://${host}`);
  if (host === 'widget.test' && url.pathname === '/embed') {
    return page(res, 200, WIDGET_COOKIES, '<!doctype html><title>widget</title><p>Embedded widget</p>');
  }
  if ((host === 'shop.test' || host === 'app.shop.test') && url.pathname === '/') {
    return page(
      res,
      200,
      host === 'shop.test' ? SHOP_COOKIES : [],
      `<!doctype html><html><head><title>Shop</title></head><body><h1>Shop on ${host}</h1>
<iframe src="https://widget.test:${port}/embed" title="widget"></iframe></body></html>`,
    );
  }
  if (url.pathname === '/empty') return page(res, 200, [], '<!doctype html><title>empty</title><p>No cookies here.</p>');
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

/** Starts the site on 127.0.0.1 (random port unless given); resolves to { port, url(host, path), close() }. */
export function startShopSite(port = 0) {
  return serveHttps((req, res) => handle(req, res, req.socket.localPort), port);
}
