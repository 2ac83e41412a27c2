import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Runs an ES module snippet with plain Node in the project, the way a user of the package would. */
function node(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
}

describe('the cookie-lens package, from Node after npm run build', () => {
  it('is importable by its own name and parses Set-Cookie headers', () => {
    const out = node(`
      import { parseSetCookie } from 'cookie-lens';
      const ok = parseSetCookie('sid=abc; Secure; HttpOnly; SameSite=Lax; Path=/', 'https://shop.example/login', 0);
      const bad = parseSetCookie('x=1; SameSite=None', 'https://shop.example/');
      console.log(JSON.stringify({ ok, bad }));
    `);
    const { ok, bad } = JSON.parse(out);
    expect(ok).toMatchObject({
      accepted: true,
      cookie: { name: 'sid', domain: 'shop.example', hostOnly: true, secure: true, httpOnly: true, sameSite: 'lax', session: true },
    });
    expect(bad).toMatchObject({ accepted: false, code: 'samesite-none-insecure', reason: expect.stringMatching(/Secure/) });
  });

  it('analyzes cookies-API objects into a versioned report with findings, grade and score', () => {
    const out = node(`
      import { analyze } from 'cookie-lens';
      const cookie = { name: 'connect.sid', value: 's%3Aabc123.L3URH8qEUlRhbJErOXuJ%2FR5i21GJUY02kERb2c2p5w0', domain: 'shop.example', hostOnly: true, path: '/', secure: false, httpOnly: true, sameSite: 'lax', session: true, storeId: '0' };
      const report = await analyze([cookie], { url: 'https://shop.example/' });
      console.log(JSON.stringify(report));
    `);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ schemaVersion: 1, grade: expect.stringMatching(/^(A\+|[A-DF])$/), score: expect.any(Number) });
    expect(report.cookies[0]).toMatchObject({
      type: 'session',
      role: 'session',
      framework: 'Express',
      sessionStorage: 'server',
      decoded: { format: 'express-session', knownSecret: 'keyboard cat' },
    });
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['weak-secret', 'missing-secure']));
    for (const f of report.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'cookie', 'message', 'fix']));
  });

  it('ships type declarations for the public API', () => {
    expect(existsSync(join(ROOT, 'dist/node/types/index.d.ts'))).toBe(true);
  });
});
