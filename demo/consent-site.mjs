// Sites with real consent managers from npm, for `cookie-lens audit --consent` tests:
//   klaro.test   Klaro (BSD-3-Clause) done wrong: the analytics tag runs on arrival, whatever the visitor says
//   cc.test      CookieConsent v3 (orestbida/cookieconsent, MIT) done right: the tag is a blocked
//                <script type="text/plain" data-category="analytics"> until "Accept all", and a refusal clears
//                the category's cookies
//   ads.test     the tag's third-party advertising pixel (sets Xandr's uuid2)
// The tag is a local stand-in for an analytics + advertising snippet: it sets _ga, _gid and _fbp as Google
// Analytics and the Meta pixel do (first-party, from script) and loads the pixel.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express from 'express';
import { serveHttps } from './tls.mjs';

const require = createRequire(import.meta.url);
const KLARO = join(dirname(require.resolve('klaro/package.json')), 'dist');
const CC = join(dirname(require.resolve('vanilla-cookieconsent/package.json')), 'dist');

const TAG = `(() => {
  const id = () => Math.floor(Math.random() * 1e9);
  const now = Math.floor(Date.now() / 1000);
  const set = (name, value, days) => (document.cookie = name + '=' + value + '; max-age=' + days * 86400 + '; path=/; SameSite=Lax; Secure');
  set('_ga', 'GA1.1.' + id() + '.' + now, 400);
  set('_gid', 'GA1.1.' + id() + '.' + now, 1);
  set('_fbp', 'fb.1.' + Date.now() + '.' + id(), 90);
  const px = new Image();
  px.src = 'https://ads.test:' + location.port + '/px';
})();`;

function page(title, head, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><h1>${title}</h1>${body}</body></html>`;
}

function klaro() {
  const router = express.Router();
  router.use('/vendor', express.static(KLARO));
  router.get('/tag.js', (_req, res) => res.type('js').send(TAG));
  router.get('/', (_req, res) => {
    const config = {
      version: 1,
      elementID: 'klaro',
      storageMethod: 'cookie',
      cookieName: 'klaro',
      cookieExpiresAfterDays: 180,
      default: false,
      acceptAll: true,
      services: [{ name: 'analytics', title: 'Analytics', purposes: ['analytics'] }],
    };
    res.send(
      page(
        'Klaro shop',
        // Wrong on purpose: the tag is a plain script, not <script type="text/plain" data-name="analytics">.
        `<script>window.klaroConfig = ${JSON.stringify(config)};</script><script defer src="/vendor/klaro.js"></script><script src="/tag.js"></script>`,
        '<p>This shop asks for consent, then tracks you anyway.</p>',
      ),
    );
  });
  return router;
}

function cookieConsent() {
  const router = express.Router();
  router.use('/vendor', express.static(CC));
  router.get('/tag.js', (_req, res) => res.type('js').send(TAG));
  router.get('/', (_req, res) => {
    const config = {
      // CookieConsent hides its banner from automated browsers by default (navigator.webdriver); an audit is one.
      hideFromBots: false,
      categories: {
        necessary: { enabled: true, readOnly: true },
        analytics: { autoClear: { cookies: [{ name: '_ga' }, { name: '_gid' }, { name: '_fbp' }] } },
      },
      language: {
        default: 'en',
        translations: {
          en: {
            consentModal: {
              title: 'We use cookies',
              description: 'Analytics only if you agree.',
              acceptAllBtn: 'Accept all',
              acceptNecessaryBtn: 'Reject all',
              showPreferencesBtn: 'Manage',
            },
            preferencesModal: { title: 'Preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save', sections: [] },
          },
        },
      },
    };
    res.send(
      page(
        'CookieConsent shop',
        `<link rel="stylesheet" href="/vendor/cookieconsent.css"><script type="text/plain" data-category="analytics" src="/tag.js"></script>
<script type="module">import * as CookieConsent from '/vendor/cookieconsent.esm.js'; CookieConsent.run(${JSON.stringify(config)});</script>`,
        '<p>This shop loads analytics only after you agree.</p>',
      ),
    );
  });
  return router;
}

function ads() {
  const router = express.Router();
  router.get('/px', (_req, res) => {
    res.append('Set-Cookie', `uuid2=${Math.floor(Math.random() * 1e15)}; Max-Age=7776000; Path=/; Secure; SameSite=None`);
    res.type('gif').send(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  });
  return router;
}

export function startConsentSites(port = 0) {
  const byHost = { 'klaro.test': klaro(), 'cc.test': cookieConsent(), 'ads.test': ads() };
  const app = express();
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  app.use((req, res, next) => {
    const router = byHost[req.hostname];
    if (router) return router(req, res, next);
    res.status(404).type('text').send(`No consent demo at ${req.hostname}`);
  });
  return serveHttps(app, port);
}
