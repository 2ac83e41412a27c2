// Decoders and the weak-secret finder against cookies made by the real libraries: Express's
// express-session, cookie-session and cookie-signature, jsonwebtoken from npm, and Flask and Django
// from Debian's python3-flask and python3-django.
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import cookieSession from 'cookie-session';
import signature from 'cookie-signature';
import express from 'express';
import session from 'express-session';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import type { Cookie } from '../../src/core/cookie';
import { analyze } from '../../src/core/report';
import { parseSetCookie } from '../../src/core/set-cookie';

const STRONG = 'b6f0c9e3a1d74e2f8c5b9a0d3e7f1c2a-not-in-any-list';

/** Serves an app once and returns the cookies its response set, as the browser would store them. */
async function cookiesFrom(app: express.Express): Promise<Cookie[]> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    return res.headers.getSetCookie().flatMap((h) => {
      const r = parseSetCookie(h, `http://127.0.0.1:${port}/`);
      return r.accepted ? [r.cookie] : [];
    });
  } finally {
    server.close();
  }
}

const cookieOf = (name: string, value: string): Cookie => ({
  name,
  value,
  domain: 'app.example',
  hostOnly: true,
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'lax',
  session: true,
});

async function judge(cookies: Cookie[]) {
  return analyze(cookies, { url: 'https://app.example/', now: Date.UTC(2026, 0, 1) });
}

describe('Express', () => {
  for (const [secret, expected] of [
    ['keyboard cat', 'keyboard cat'],
    [STRONG, undefined],
  ] as const) {
    it(`express-session's connect.sid, secret ${expected ? 'from the README' : 'random'}`, async () => {
      const app = express();
      app.use(session({ secret, resave: false, saveUninitialized: true }));
      app.get('/', (req, res) => {
        (req.session as unknown as { views: number }).views = 1;
        res.send('ok');
      });
      const report = await judge(await cookiesFrom(app));
      const sid = report.cookies.find((c) => c.name === 'connect.sid');
      expect(sid?.decoded).toMatchObject({ format: 'express-session', framework: 'Express', storage: 'server', signed: true });
      expect(sid?.decoded?.knownSecret).toBe(expected);
      expect(sid?.entropyBits).toBeGreaterThanOrEqual(128);
      expect(report.findings.some((f) => f.rule === 'weak-secret')).toBe(expected !== undefined);
    });
  }

  it('cookie-session: the whole session readable, the .sig verified against keygrip', async () => {
    const app = express();
    app.use(cookieSession({ name: 'session', keys: ['keyboard cat'] }));
    app.get('/', (req, res) => {
      if (req.session) (req.session as unknown as Record<string, unknown>).user = { id: 7, email: 'ada@example.com' };
      res.send('ok');
    });
    const cookies = await cookiesFrom(app);
    expect(cookies.map((c) => c.name).sort()).toEqual(['session', 'session.sig']);
    const report = await judge(cookies);
    const s = report.cookies.find((c) => c.name === 'session');
    expect(s?.decoded).toMatchObject({
      format: 'cookie-session',
      payload: { user: { id: 7, email: 'ada@example.com' } },
      knownSecret: 'keyboard cat',
      storage: 'client',
    });
    expect(report.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['weak-secret', 'readable-session-data', 'sensitive-data']));
  });

  it('cookie-signature values signed with a strong secret verify against nothing', async () => {
    const value = `s:${encodeURIComponent(signature.sign('abc', STRONG).slice(0))}`;
    const report = await judge([cookieOf('connect.sid', value.replace(/^s:/, 's%3A'))]);
    expect(report.cookies[0].decoded?.format).toBe('express-session');
    expect(report.cookies[0].decoded?.knownSecret).toBeUndefined();
  });
});

describe('JWT (jsonwebtoken)', () => {
  for (const [alg, secret] of [
    ['HS256', 'your-256-bit-secret'],
    ['HS384', 'secret'],
    ['HS512', 'jwt_secret'],
  ] as const) {
    it(`${alg} with ${JSON.stringify(secret)} is decoded and its secret found`, async () => {
      const token = jwt.sign({ sub: '42', role: 'user' }, secret, { algorithm: alg, expiresIn: '1h' });
      const report = await analyze([cookieOf('token', token)], { url: 'https://app.example/' });
      const c = report.cookies[0];
      expect(c.role).toBe('auth');
      expect(c.decoded).toMatchObject({ format: 'jwt', payload: { header: { alg }, claims: { sub: '42', role: 'user' } }, knownSecret: secret });
      expect(c.decoded?.expiresAt).toBeGreaterThan(Date.now());
    });
  }

  it('alg none and a missing exp are reported', async () => {
    const token = jwt.sign({ sub: 'admin' }, '', { algorithm: 'none' });
    const report = await judge([cookieOf('token', token)]);
    expect(report.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['jwt-alg-none', 'jwt-no-expiry']));
  });

  it('a strongly signed token has no known secret', async () => {
    const token = jwt.sign({ sub: '1' }, STRONG, { algorithm: 'HS256', expiresIn: '5m' });
    const report = await judge([cookieOf('jwt', token)]);
    expect(report.cookies[0].decoded?.knownSecret).toBeUndefined();
  });
});

/** Debian's interpreter, where python3-flask and python3-django are installed (.ci/run installs them). */
const PYTHON = process.env.COOKIE_LENS_PYTHON ?? '/usr/bin/python3';

describe('Flask and Django (Debian packages)', () => {
  const made = JSON.parse(execFileSync(PYTHON, [join(import.meta.dirname, '../fixtures/frameworks/python_cookies.py')], { encoding: 'utf8' })) as {
    flask: { case: string; secret: string; name: string; value: string }[];
    django: { case: string; secret: string; name: string; value: string; payload: unknown }[];
  };

  it('made the cookies', () => {
    expect(made.flask).toHaveLength(4);
    expect(made.django).toHaveLength(3);
  });

  for (const c of made.flask) {
    it(`Flask: ${c.case}`, async () => {
      const report = await judge([cookieOf(c.name, c.value)]);
      const d = report.cookies[0].decoded;
      expect(d).toMatchObject({ format: 'flask', framework: 'Flask', storage: 'client', signed: true });
      expect(d?.issuedAt).toBeGreaterThan(Date.UTC(2020, 0, 1));
      const expected = c.secret === STRONG ? undefined : c.secret === 'bytes' ? expect.stringContaining('Flask quickstart') : c.secret;
      expect(d?.knownSecret).toEqual(expected);
      if (c.case.startsWith('tagged')) {
        expect(d?.payload).toEqual({
          pair: [1, 'two'],
          raw: 'bytes!',
          when: 'Wed, 02 Jan 2030 03:04:05 GMT',
          id: '12345678-1234-5678-1234-567812345678',
          html: '<b>hi</b>',
        });
      }
      if (c.case.startsWith('compressed')) expect((d?.payload as { history?: string[] } | undefined)?.history).toHaveLength(60);
    });
  }

  for (const c of made.django) {
    it(`Django: ${c.case}`, async () => {
      const report = await judge([cookieOf(c.name, c.value)]);
      const d = report.cookies[0].decoded;
      expect(d).toMatchObject({ format: 'django-signed', framework: 'Django', storage: 'client', payload: c.payload });
      expect(d?.knownSecret).toEqual(c.secret === STRONG ? undefined : c.secret);
    });
  }
});
