// The bundled demo site: a real Express app (express-session, cookie-session) served over HTTPS on
// loopback for several host names, with good and bad cookies on purpose. `npm start` audits it; the
// end-to-end tests use it for framework cookies, login flows, rejected cookies and hostile values.
//
//   shop.test           the store: express-session login (secret "keyboard cat"), preferences, a
//                        third-party tracker and a partitioned widget in iframes
//   app.shop.test       cookie-session: the whole session (with an e-mail address) inside the cookie
//   fixed.shop.test     the store done wrong: the id is not renewed at login (session fixation) and logout only
//                       clears the browser's cookie (the session stays valid on the server)
//   idle.shop.test      the store with a 2-second server-side idle timeout
//   tracker.test        sets a cross-site tracking cookie          widget.test   a partitioned (CHIPS) cookie
//   bad.test            Set-Cookie headers browsers reject           xss.test      cookies carrying HTML/JS payloads
//   spa.test            a single-page app with its JWT and refresh token in localStorage (spa-site.mjs)
import cookieSession from 'cookie-session';
import express from 'express';
import session from 'express-session';
import { spaSite } from './spa-site.mjs';
import { serveHttps } from './tls.mjs';

const YEAR = 365 * 24 * 3600 * 1000;

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:15px system-ui;margin:2rem;max-width:40rem}iframe{border:1px solid #ccc;width:300px;height:60px}</style></head>
<body>${body}</body></html>`;
}

function shop({ rotateOnLogin, destroyOnLogout, idleMs }) {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false }));
  // express-session with the README's example secret and no Secure flag: the demo's worst cookie.
  router.use(session({ name: 'connect.sid', secret: 'keyboard cat', resave: false, saveUninitialized: true, cookie: { httpOnly: true, sameSite: 'lax' } }));
  // A server-side idle timeout (idle.shop.test): a session unused for idleMs is replaced by a new, logged-out one.
  if (idleMs)
    router.use((req, _res, next) => {
      const now = Date.now();
      const go = () => {
        req.session.lastSeen = now;
        next();
      };
      if (req.session.lastSeen && now - req.session.lastSeen > idleMs) req.session.regenerate((err) => (err ? next(err) : go()));
      else go();
    });

  router.get('/', (req, res) => {
    req.session.visits = (req.session.visits ?? 0) + 1;
    res.cookie('theme', 'dark', { maxAge: YEAR, sameSite: 'lax' });
    res.cookie('lang', 'en', { domain: req.hostname.replace(/^(fixed\.)/, ''), secure: true, sameSite: 'lax', maxAge: 30 * 24 * 3600 * 1000 });
    res.cookie('__Host-csrf', 'Zx81kq0LmA4vB7nT2yR6pQ', { secure: true, path: '/', sameSite: 'strict' });
    const port = req.socket.localPort;
    res.send(
      page(
        'Demo shop',
        `<h1>Demo shop on ${req.hostname}</h1>
<p>Visits this session: ${req.session.visits}. ${req.session.user ? `Logged in as ${req.session.user}.` : '<a href="/login">Log in</a>'}</p>
<p><a href="https://app.shop.test:${port}/">The app (client-side sessions)</a></p>
<p><a href="/logout">Log out</a></p>
<iframe src="https://tracker.test:${port}/pixel" title="tracker"></iframe>
<iframe src="https://widget.test:${port}/embed" title="widget"></iframe>`,
      ),
    );
  });

  router.get('/login', (_req, res) => {
    res.send(
      page(
        'Log in',
        `<form method="post" action="/login"><label>User <input name="user" value="ada"></label>
<label>Password <input type="password" name="password" value="correct horse"></label><button id="login">Log in</button></form>`,
      ),
    );
  });

  router.post('/login', (req, res, next) => {
    const finish = () => {
      req.session.user = req.body.user || 'ada';
      res.redirect('/');
    };
    // The right way regenerates the session id at login; fixed.shop.test deliberately does not.
    if (rotateOnLogin) req.session.regenerate((err) => (err ? next(err) : finish()));
    else finish();
  });

  // A sitemap for `cookie-lens audit --sitemap`: this host's pages and the app's.
  router.get('/sitemap.xml', (req, res) => {
    const port = req.socket.localPort;
    const urls = [`https://${req.hostname}:${port}/`, `https://${req.hostname}:${port}/login`, `https://app.shop.test:${port}/`];
    res
      .type('application/xml')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${u}</loc></url>`).join('')}</urlset>`,
      );
  });

  // What a logged-in probe reads: only a logged-in user sees "Signed in as".
  router.get('/account', (req, res) => {
    if (!req.session.user) return res.status(401).send(page('Account', '<p>Not signed in. <a href="/login">Log in</a></p>'));
    res.send(page('Account', `<p>Signed in as ${req.session.user}</p>`));
  });

  router.get('/logout', (req, res, next) => {
    // The right way destroys the session in the store; fixed.shop.test only clears the browser's cookie,
    // so the old cookie keeps working on the server.
    if (!destroyOnLogout) {
      res.clearCookie('connect.sid');
      return res.redirect('/');
    }
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie('connect.sid');
      res.redirect('/');
    });
  });

  return router;
}

/** app.shop.test: cookie-session keeps the whole session in the cookie, signed in session.sig. */
function clientSessionApp() {
  const router = express.Router();
  router.use(cookieSession({ name: 'session', keys: ['keyboard cat'], sameSite: 'lax', secure: true, httpOnly: true }));
  router.get('/', (req, res) => {
    req.session.user = { id: 7, name: 'ada', email: 'ada@example.com' };
    req.session.cart = [{ sku: 'tea', qty: 2 }];
    res.send(page('Demo app', '<h1>The app keeps your session in a cookie</h1><p>Open Cookie Lens to read it.</p>'));
  });
  return router;
}

function tracker() {
  const router = express.Router();
  router.get('/pixel', (_req, res) => {
    res.cookie('_tid', `t${Math.random().toString(36).slice(2)}`, { secure: true, sameSite: 'none', maxAge: 2 * YEAR });
    res.type('html').send('<!doctype html><p>tracker</p>');
  });
  return router;
}

function widget() {
  const router = express.Router();
  router.get('/embed', (_req, res) => {
    res.append('Set-Cookie', 'widget_state=open; Path=/; Secure; SameSite=None; Partitioned');
    res.type('html').send('<!doctype html><p>widget</p>');
  });
  return router;
}

function bad() {
  const router = express.Router();
  router.get('/', (_req, res) => {
    // Written raw: Express's res.cookie would refuse some of these.
    res.append('Set-Cookie', [
      'ok=1; Path=/; Secure; SameSite=Lax',
      'cross=1; Path=/; SameSite=None',
      '__Host-wrong=1; Path=/; Secure; Domain=bad.test',
      '__Secure-nosecure=1; Path=/',
      'chips=1; Path=/; Partitioned',
      'shared=1; Domain=test; Path=/; Secure',
    ]);
    res.type('html').send(page('Rejected cookies', '<h1>This page sends Set-Cookie headers browsers reject</h1>'));
  });
  // One 5 KB header the browser refuses (over 4,096 bytes): views must fold it, not print it whole.
  router.get('/long', (_req, res) => {
    res.append('Set-Cookie', `huge=${'x'.repeat(5000)}; Path=/long; SameSite=None`);
    res.type('html').send(page('A long rejected cookie', '<h1>This page sends one 5 KB Set-Cookie header the browser rejects</h1>'));
  });
  return router;
}

export const XSS_COOKIES = [
  ['xss_img', '<img src=x onerror=alert(1)>'],
  ['xss_script', '<script>alert(2)</script>'],
  ['</div><script>alert(3)</script>', 'name-payload'],
  // Markdown a PR comment would render: an image (a tracking pixel), a link, and a backtick to break out of code.
  ['![t](https://evil.example/p.png)', '[click](https://evil.example/)'],
  ['`<b>x</b>`[l](https://evil.example/)', '1'],
];

function xss() {
  const router = express.Router();
  router.get('/', (_req, res) => {
    for (const [name, value] of XSS_COOKIES) res.append('Set-Cookie', `${name}=${value}; Path=/; Secure; SameSite=Lax`);
    res.type('html').send(page('Hostile cookies', '<h1>This page sets cookies whose names and values are HTML and script</h1>'));
  });
  return router;
}

/** The demo as one Express app that routes by host name. */
export function demoApp() {
  const byHost = {
    'shop.test': shop({ rotateOnLogin: true, destroyOnLogout: true }),
    'fixed.shop.test': shop({ rotateOnLogin: false, destroyOnLogout: false }),
    'idle.shop.test': shop({ rotateOnLogin: true, destroyOnLogout: true, idleMs: 2000 }),
    'app.shop.test': clientSessionApp(),
    'tracker.test': tracker(),
    'widget.test': widget(),
    'bad.test': bad(),
    'xss.test': xss(),
    'spa.test': spaSite(),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // No icon: an empty answer rather than a 404 in every demo page's console.
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  app.use((req, res, next) => {
    const router = byHost[req.hostname];
    if (router) return router(req, res, next);
    res.status(404).type('text').send(`No demo site at ${req.hostname}`);
  });
  return app;
}

/** Serves the demo on 127.0.0.1 over HTTPS; resolves to { port, url(host, path), close() }. */
export function startDemo(port = 0) {
  return serveHttps(demoApp(), port);
}
