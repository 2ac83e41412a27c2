// A real Express app (from npm) with every way a page can fail an audit: a 404 and a 500 document, a
// redirect loop, a page that never answers, and a page whose links lead to a missing page.
import express from 'express';
import { serveHttps } from '../../demo/tls.mjs';

export async function startFailingSite() {
  const app = express();
  const hanging: express.Response[] = [];
  app.get('/ok', (_req, res) => {
    res.cookie('sid', 'k2j3h4g5f6d7s8a9', { httpOnly: true, sameSite: 'lax' });
    res.send('<!doctype html><title>ok</title><p>fine</p>');
  });
  app.get('/links', (_req, res) => res.send('<!doctype html><title>links</title><a href="/ok">ok</a> <a href="/missing">missing</a>'));
  app.get('/missing', (_req, res) => res.status(404).send('<!doctype html><title>Not found</title>'));
  app.get('/broken', (_req, res) => res.status(500).send('<!doctype html><title>Server error</title>'));
  app.get('/loop', (_req, res) => res.redirect('/loop'));
  app.get('/hang', (_req, res) => {
    hanging.push(res);
  });
  app.get('/login', (_req, res) => res.send('<!doctype html><title>Log in</title><form><input name="user"></form>'));
  const site = await serveHttps(app);
  return {
    ...site,
    url: (path: string) => site.url('fail.test', path),
    close: async () => {
      for (const res of hanging) res.destroy();
      await site.close();
    },
  };
}
