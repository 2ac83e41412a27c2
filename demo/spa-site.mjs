// spa.test: a single-page app that does what the OWASP HTML5 cheat sheet says not to — it logs in through a JSON
// API and keeps the JWT it gets (signed by jsonwebtoken, from npm) and a refresh token in localStorage, sends the
// JWT as a Bearer header, and keeps UI state in sessionStorage, a same-origin frame's note and an IndexedDB cache.
// It also embeds a cross-origin frame (widget.test), whose storage Cookie Lens must say it did not read.
import { randomBytes } from 'node:crypto';
import express from 'express';
import jwt from 'jsonwebtoken';

const SECRET = randomBytes(32);

const APP_JS = `
const out = document.getElementById('who');
async function me() {
  const token = localStorage.getItem('access_token');
  if (!token) { out.textContent = 'Signed out'; return; }
  const res = await fetch('/api/me', { headers: { Authorization: 'Bearer ' + token } });
  out.textContent = res.ok ? 'Signed in as ' + (await res.json()).name : 'Token refused';
}
document.getElementById('login').addEventListener('click', async () => {
  const res = await fetch('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: document.getElementById('user').value || 'ada' }) });
  const tokens = await res.json();
  localStorage.setItem('access_token', tokens.access_token);
  localStorage.setItem('refresh_token', tokens.refresh_token);
  sessionStorage.setItem('spa_state', JSON.stringify({ view: 'home', tab: 2 }));
  await me();
});
document.getElementById('logout').addEventListener('click', () => { localStorage.removeItem('access_token'); localStorage.removeItem('refresh_token'); me(); });
localStorage.setItem('theme', 'dark');
const open = indexedDB.open('spa-cache', 1);
open.onupgradeneeded = () => { const store = open.result.createObjectStore('users', { keyPath: 'id' }); store.put({ id: 1, name: 'ada' }); store.put({ id: 2, name: 'grace' }); };
open.onsuccess = () => open.result.close();
me();
`;

export function spaSite() {
  const router = express.Router();
  router.use(express.json());
  router.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo SPA</title></head><body>
<h1>A single-page app with its tokens in localStorage</h1>
<p><input id="user" value="ada" aria-label="User"> <button id="login">Log in</button> <button id="logout">Log out</button></p>
<p id="who">…</p>
<iframe src="/frame" title="same-origin frame"></iframe>
<iframe src="https://widget.test:${_req.socket.localPort}/embed" title="cross-origin widget"></iframe>
<script src="/app.js"></script></body></html>`);
  });
  router.get('/app.js', (_req, res) => res.type('js').send(APP_JS));
  router.get('/frame', (_req, res) =>
    res.type('html').send(`<!doctype html><p>frame</p><script>sessionStorage.setItem('frame_note', 'kept by the same-origin frame')</script>`),
  );
  router.post('/api/login', (req, res) => {
    const user = typeof req.body?.user === 'string' ? req.body.user : 'ada';
    res.json({
      access_token: jwt.sign({ sub: user, name: user, scope: 'orders:read' }, SECRET, { expiresIn: '1h' }),
      refresh_token: randomBytes(24).toString('base64url'),
    });
  });
  router.get('/api/me', (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    try {
      const claims = jwt.verify(token ?? '', SECRET);
      res.json({ name: claims.name });
    } catch {
      res.status(401).json({ error: 'not signed in' });
    }
  });
  return router;
}
