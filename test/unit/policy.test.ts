import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { applyPolicy, consentViolations, type Policy, validatePolicy } from '../../src/core/policy';
import { analyze } from '../../src/core/report';
import { makeCookie } from '../helpers';

const ROOT = join(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/policy.schema.json'), 'utf8'));
const validateWithSchema = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const VALID: unknown[] = [
  { version: 1 },
  JSON.parse(readFileSync(join(ROOT, 'docs/policies/baseline.json'), 'utf8')),
  JSON.parse(readFileSync(join(ROOT, 'docs/policies/consent.json'), 'utf8')),
  { version: 1, cookies: [{ name: 'sid', domain: '*.shop.example', maxLifetime: 0, roles: ['session'] }], allow: [{ name: 'x' }] },
  { version: 1, cookies: [{ role: 'session', secure: true }, { role: ['csrf', 'auth'], purpose: 'security' }, { purpose: ['analytics', 'advertising'] }] },
  { version: 1, session: { invalidatedOnLogout: true, rotatedOnLogin: false, maxIdle: 900, maxLifetime: 28800 } },
  { version: 1, consent: { before: ['necessary'], afterAccept: ['necessary', 'analytics'], afterReject: ['necessary', 'preference'] } },
];
const INVALID: unknown[] = [
  [],
  { version: 2 },
  { version: 1, extra: true },
  { version: 1, cookies: [{ secure: true }] },
  { version: 1, cookies: [{ name: 'a', sameSite: [] }] },
  { version: 1, cookies: [{ name: 'a', sameSite: ['lax'] }] },
  { version: 1, cookies: [{ name: 'a', maxLifetime: -1 }] },
  { version: 1, cookies: [{ name: 'a', prefix: '__Http-' }] },
  { version: 1, cookies: [{ name: 'a', roles: ['admin'] }] },
  { version: 1, rules: { 'not-a-rule': 'error' } },
  { version: 1, rules: { 'missing-secure': 'fatal' } },
  { version: 1, allow: [{ domain: 'x' }] },
  { version: 1, cookies: [{ role: 'admin' }] },
  { version: 1, cookies: [{ purpose: ['tracking'] }] },
  { version: 1, cookies: [{ role: [] }] },
  { version: 1, session: { maxIdle: 0 } },
  { version: 1, session: { invalidatedOnLogout: 'yes' } },
  { version: 1, session: { idle: 60 } },
  { version: 1, consent: { before: ['tracking'] } },
  { version: 1, consent: { during: ['necessary'] } },
];

describe('policy format', () => {
  it('the validator and the JSON Schema agree on valid and invalid policies', () => {
    for (const p of VALID) {
      expect(validateWithSchema(p), JSON.stringify(validateWithSchema.errors)).toBe(true);
      expect(validatePolicy(p).errors).toEqual([]);
    }
    for (const p of INVALID) {
      expect(validateWithSchema(p)).toBe(false);
      expect(validatePolicy(p).errors.length, JSON.stringify(p)).toBeGreaterThan(0);
    }
  });

  it('names where each problem is', () => {
    expect(validatePolicy({ version: 1, cookies: [{ name: 'a', sameSite: ['lax'] }], rules: { 'no-such-rule': 'error' } }).errors).toEqual([
      'policy.cookies[0].sameSite must be a non-empty list of "Strict", "Lax", "None".',
      'policy.rules: "no-such-rule" is not a Cookie Lens rule id.',
    ]);
  });
});

describe('the consent block', () => {
  it('each phase may hold only its purposes; the consent manager’s own cookie always may', () => {
    const cookie = (name: string, purpose: 'analytics' | 'consent' | 'necessary' | 'advertising') => ({ name, domain: 'shop.example', path: '/', purpose });
    const phases = [
      {
        url: 'https://shop.example/',
        phase: 'before' as const,
        cookies: [cookie('cc_cookie', 'consent'), cookie('_ga', 'analytics'), cookie('sid', 'necessary')],
      },
      { url: 'https://shop.example/', phase: 'reject' as const, cookies: [cookie('_fbp', 'advertising')] },
      { url: 'https://shop.example/', phase: 'accept' as const, cookies: [cookie('_ga', 'analytics')] },
    ];
    const v = consentViolations({ version: 1, consent: { before: ['necessary'], afterReject: ['necessary'] } }, phases);
    expect(v.map((x) => [x.requirement, x.cookie.name, x.message])).toEqual([
      ['consent.before', '_ga', '"_ga" (analytics) is set before consent on https://shop.example/; allowed: necessary.'],
      ['consent.afterReject', '_fbp', '"_fbp" (advertising) is set after "Reject all" on https://shop.example/; allowed: necessary.'],
    ]);
  });
});

describe('the session block', () => {
  it('invalidatedOnLogout and rotatedOnLogin make the lifecycle findings errors', async () => {
    const sid = { name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z' };
    const r = await analyze([makeCookie(sid)], {
      url: 'https://shop.example/',
      flow: {
        beforeLogin: [makeCookie(sid)],
        afterLogin: [makeCookie(sid)],
        server: { probe: 'p', replayAfterLogout: { loggedIn: true, replayed: ['sessionid'] }, fixation: { kept: ['sessionid'], attackerLoggedIn: true } },
      },
    });
    const rules = (p: Policy) =>
      applyPolicy(r, p)
        .errors.map((f) => f.rule)
        .sort();
    expect(rules({ version: 1 })).toEqual([]);
    expect(rules({ version: 1, session: { invalidatedOnLogout: true } })).toEqual(['session-valid-after-logout']);
    expect(rules({ version: 1, session: { rotatedOnLogin: true } })).toEqual(['session-fixation', 'session-not-rotated']);
  });
});

describe('policy messages', () => {
  it('a mistyped property gets a "did you mean"', () => {
    expect(validatePolicy({ version: 1, cookies: [{ name: 'a', httponly: true }] }).errors).toEqual([
      'policy.cookies[0]: unknown property "httponly" — did you mean "httpOnly"?.',
    ]);
    expect(validatePolicy({ version: 1, cookie: [] }).errors[0]).toMatch(/unknown property "cookie" — did you mean "cookies"\?/);
  });
});

describe('selecting cookies by role and purpose (real Django cookies)', () => {
  const NOW = Date.UTC(2026, 0, 1);
  // As Django 3.2 (Debian's python3-django) writes them: the session key, the CSRF token and the signed messages.
  const django = () =>
    analyze(
      [
        makeCookie({
          name: 'sessionid',
          value: 'x3v9l2m8q4r7t1w6y0z5a3b8c2d7e1f4',
          httpOnly: true,
          secure: false,
          session: false,
          expirationDate: NOW / 1000 + 1209600,
        }),
        makeCookie({ name: 'csrftoken', value: 'Q4mX7cV2bN9zL1kJ8hG5fD3sA6pO0iUyTrEwQaZxScVbNmLkJhGfDsApOiUyTrEw', httpOnly: false, secure: false }),
        makeCookie({
          name: 'messages',
          value: '.eJyLjlaKj88qzs-Lz00tLk5MT1XSMdAxMtBRqhgFRAOl2FgAMCiVaw:1xYUzX:cPiM4DTwZgyO3VN42U_v9-8P7hzkkb9tcTybz26W8Mw',
          httpOnly: true,
          secure: false,
        }),
        makeCookie({
          name: '_ga',
          value: 'GA1.1.123456789.1700000000',
          httpOnly: false,
          secure: false,
          session: false,
          expirationDate: NOW / 1000 + 86400 * 400,
        }),
      ],
      { url: 'https://shop.example/', now: NOW, secrets: false },
    );

  it('the baseline policy asks HttpOnly of the session, not of csrftoken, and gives lifetimes in words', async () => {
    const baseline = JSON.parse(readFileSync(join(ROOT, 'docs/policies/baseline.json'), 'utf8'));
    const r = await django();
    expect(r.cookies.map((c) => [c.name, c.role])).toEqual([
      ['sessionid', 'session'],
      ['csrftoken', 'csrf'],
      ['messages', 'preference'],
      ['_ga', 'tracking'],
    ]);
    const result = applyPolicy(r, baseline, NOW);
    const of = (name: string) => result.violations.filter((v) => v.cookie.name === name).map((v) => v.message);
    expect(of('sessionid')).toEqual(['"sessionid" must be Secure.', '"sessionid" lives 14 days; at most 8 hours allowed.']);
    expect(of('csrftoken')).toEqual(['"csrftoken" must be Secure.']);
    expect(of('csrftoken').some((m) => /HttpOnly/.test(m))).toBe(false);
  });

  it('role and purpose select with every other selector given', async () => {
    const r = await django();
    const names = (policy: Policy) => [...new Set(applyPolicy(r, policy, NOW).violations.map((v) => v.cookie.name))];
    expect(names({ version: 1, cookies: [{ role: 'session', httpOnly: false }] })).toEqual(['sessionid']);
    expect(names({ version: 1, cookies: [{ purpose: 'analytics', secure: true }] })).toEqual(['_ga']);
    expect(names({ version: 1, cookies: [{ role: ['csrf', 'preference'], name: 'm*', secure: true }] })).toEqual(['messages']);
  });
});

describe('applying a policy', () => {
  const NOW = Date.UTC(2026, 0, 1);
  const report = () =>
    analyze(
      [
        makeCookie({ name: 'sessionid', value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: false, sameSite: 'unspecified' }),
        makeCookie({ name: 'prefs', httpOnly: false, session: false, expirationDate: NOW / 1000 + 86400 * 30 }),
        makeCookie({ name: '_ga', domain: '.shop.example', hostOnly: false, secure: false, httpOnly: false }),
        makeCookie({ name: 'api', domain: 'api.shop.example' }),
      ],
      { url: 'https://shop.example/', now: NOW, pageUrls: ['https://api.shop.example/'] },
    );

  it('reports each requirement a cookie breaks, and pass/fail per cookie', async () => {
    const policy: Policy = {
      version: 1,
      cookies: [
        { name: 'session*', secure: true, httpOnly: true, sameSite: ['Lax', 'Strict'], maxLifetime: 0, prefix: '__Host-', reason: 'OWASP' },
        { name: 'prefs', maxLifetime: 86400, roles: ['csrf'] },
        { name: 'api', domain: 'api.*', secure: true },
      ],
    };
    const r = await report();
    const result = applyPolicy(r, policy, NOW);
    expect(result.violations.map((v) => [v.cookie.name, v.requirement])).toEqual([
      ['sessionid', 'secure'],
      ['sessionid', 'sameSite'],
      ['sessionid', 'prefix'],
      ['prefs', 'maxLifetime'],
      ['prefs', 'roles'],
    ]);
    expect(result.violations[0]).toMatchObject({ message: '"sessionid" must be Secure.', reason: 'OWASP' });
    expect(result.passed).toEqual([false, false, undefined, true]);
  });

  it('rule levels drop ignored findings and mark errors; the allow-list exempts cookies', async () => {
    const r = await report();
    const result = applyPolicy(r, { version: 1, rules: { 'missing-secure': 'error', 'default-session-name': 'ignore' }, allow: [{ name: '_ga*' }] }, NOW);
    expect(result.findings.some((f) => f.rule === 'default-session-name')).toBe(false);
    expect(result.findings.some((f) => f.cookie?.name === '_ga')).toBe(false);
    expect(r.findings.some((f) => f.cookie?.name === '_ga')).toBe(true);
    expect(result.errors.map((f) => [f.rule, f.cookie?.name])).toEqual([['missing-secure', 'sessionid']]);
  });
});
