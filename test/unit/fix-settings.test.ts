// Fixes name the setting of the cookie at hand (issue 17, points 6–7): the cookies as the real frameworks
// write them, analysed, then each finding's fix snippets for the cookie it is about.
import { describe, expect, it } from 'vitest';
import { fixFrameworkOf, snippetsFor } from '../../src/core/fix-settings';
import { analyze } from '../../src/core/report';
import { ruleById } from '../../src/core/rules/index';
import { makeCookie } from '../helpers';

const HEX128 = 'ab'.repeat(64);

async function fixesOf(cookie: Parameters<typeof makeCookie>[0], rule: string) {
  const report = await analyze([makeCookie(cookie)], { url: 'https://shop.example/', secrets: false });
  const c = report.cookies[0];
  const finding = report.findings.find((f) => f.rule === rule && f.cookie?.name === c.name);
  const r = ruleById(rule);
  if (!finding || !r) throw new Error(`no ${rule} finding for ${c.name}: ${report.findings.map((f) => f.rule).join(', ')}`);
  return { cookie: c, snippets: snippetsFor(r, c) };
}

describe('fixes name the setting of the cookie at hand', () => {
  it("Flask-Login's remember_token: REMEMBER_COOKIE_*, not SESSION_COOKIE_*", async () => {
    const { cookie, snippets } = await fixesOf(
      { name: 'remember_token', value: `ada|${HEX128}`, secure: false, session: false, expirationDate: Date.now() / 1000 + 3e7 },
      'missing-secure',
    );
    expect(cookie.framework).toBe('Flask-Login');
    expect(fixFrameworkOf(cookie.framework)).toBe('flask');
    expect(snippets.flask).toMatch(/REMEMBER_COOKIE_SECURE'\] = True/);
    expect(snippets.flask).not.toMatch(/SESSION_COOKIE/);
    const lifetime = await fixesOf(
      { name: 'remember_token', value: `ada|${HEX128}`, session: false, expirationDate: Date.now() / 1000 + 3e7 },
      'persistent-session',
    );
    expect(lifetime.snippets.flask).toMatch(/REMEMBER_COOKIE_DURATION/);
  });

  it("Django: csrftoken → CSRF_COOKIE_*, sessionid → SESSION_COOKIE_*, messages → the session cookie's flags", async () => {
    const csrf = await fixesOf(
      { name: 'csrftoken', value: 'Q4mX7cV2bN9zL1kJ8hG5fD3sA6pO0iUyTrEwQaZxScVbNmLkJhGfDsApOiUyTrEw', secure: false, httpOnly: false },
      'missing-secure',
    );
    expect(csrf.snippets.django).toBe('CSRF_COOKIE_SECURE = True');
    const session = await fixesOf({ name: 'sessionid', value: 'x3v9l2m8q4r7t1w6y0z5a3b8c2d7e1f4', secure: false }, 'missing-secure');
    expect(session.snippets.django).toBe('SESSION_COOKIE_SECURE = True');
    const messages = await fixesOf(
      { name: 'messages', value: '.eJyLjlaKj88qzs-Lz00tLk5MT1XSMdAxMtBRqhgFRAOl2FgAMCiVaw:1xYUzX:cPiM4DTwZgyO3VN42U_v9-8P7hzkkb9tcTybz26W8Mw', secure: false },
      'missing-secure',
    );
    expect(messages.snippets.django).toMatch(/^SESSION_COOKIE_SECURE = True {2}# Django's messages cookie takes the session cookie's flags/);
  });

  it('a cookie no framework sets is fixed by its own name in every tab', async () => {
    const { snippets } = await fixesOf({ name: 'theme', value: 'dark', sameSite: 'unspecified' }, 'samesite-missing');
    expect(snippets).toMatchObject({
      flask: "resp.set_cookie('theme', value, samesite='Lax')",
      django: "response.set_cookie('theme', value, samesite='Lax')",
      express: "res.cookie('theme', value, { sameSite: 'lax' })",
      php: "setcookie('theme', $value, ['samesite' => 'Lax']);",
    });
    expect(Object.values(snippets).some((s) => /SESSION_COOKIE|session\(/.test(s ?? ''))).toBe(false);
  });

  it("an express-session cookie's tab names express-session's cookie option; a name with a quote stays a string literal", async () => {
    const { snippets } = await fixesOf(
      { name: 'connect.sid', value: 's%3Aabc123.L3URH8qEUlRhbJErOXuJ%2FR5i21GJUY02kERb2c2p5w0', secure: false },
      'missing-secure',
    );
    expect(snippets.express).toMatch(/session\(\{ secret, cookie: \{ secure: true \} \}\)/);
    const rule = ruleById('missing-secure');
    if (!rule) throw new Error('no rule');
    expect(snippetsFor(rule, { name: "it's" }).flask).toBe("resp.set_cookie('it\\'s', value, secure=True)");
  });

  it('rules not about one attribute keep their own snippets', () => {
    const rule = ruleById('weak-secret');
    if (!rule) throw new Error('no rule');
    expect(snippetsFor(rule, { name: 'session', framework: 'Flask' })).toBe(rule.snippets);
  });
});
