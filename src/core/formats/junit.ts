import { atLeast } from '../policy';
import type { Severity } from '../rule';
import type { AuditReport } from './audit-report';
import { xml } from './escape';
import type { ReportFormatSpec } from './format';

interface Case {
  name: string;
  classname: string;
  failures: string[];
  error?: { type: string; message: string };
  out: string[];
}

/** `cookie-lens.shop_example`: Jenkins splits a classname at its last dot into package and class, so the host's dots go. */
const classOf = (host: string) => `cookie-lens.${host.replace(/^\./, '').replace(/[^A-Za-z0-9-]+/g, '_')}`;
const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return 'site';
  }
};
const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

/**
 * JUnit XML for CI test reports (Jenkins, GitLab, Azure): one test case per cookie — all of its problems in
 * its one <failure> (Jenkins reads only the first) — one per finding that concerns no cookie, and an <error>
 * case per page or step the audit could not check. Failures are exactly what makes the exit code non-zero:
 * findings at or above `failOn` (none without --fail-on), policy violations and policy errors; every other
 * finding is in the case's system-out, so the case passes.
 */
export function toJunit(r: AuditReport, failOn?: Severity): string {
  const cases = new Map<string, Case>();
  const caseFor = (name: string, host: string) => {
    const key = `${classOf(host)}\u0000${name}`;
    let c = cases.get(key);
    if (!c) {
      c = { name, classname: classOf(host), failures: [], out: [] };
      cases.set(key, c);
    }
    return c;
  };
  const cookieCase = (cookie: { name: string; domain: string; path: string }) => caseFor(`${cookie.name || '(nameless)'} (${cookie.path})`, cookie.domain);
  for (const c of r.cookies) cookieCase(c);
  for (const f of r.findings) {
    const policyError = Boolean(r.policy?.errors.some((e) => e.rule === f.rule && e.message === f.message));
    const failing = policyError || (failOn !== undefined && atLeast(f.severity, failOn));
    const target = f.cookie ? cookieCase(f.cookie) : caseFor(`${f.rule}: ${f.message}`, hostOf(f.url ?? r.targets[0] ?? ''));
    const line = `[${f.severity}] ${f.rule}: ${f.message} Fix: ${f.fix}`;
    (failing ? target.failures : target.out).push(policyError ? `${line} (an error under the policy)` : line);
  }
  for (const v of r.policy?.violations ?? []) cookieCase(v.cookie).failures.push(`[policy ${v.requirement}] ${v.message}${v.reason ? ` (${v.reason})` : ''}`);
  // --consent: one case per phase, with the banner and the cookies it held by purpose (violations stay on the cookies).
  for (const p of r.consent ?? []) {
    const c = caseFor(`consent phase ${p.phase}: ${p.url}`, hostOf(p.url));
    c.out.push(
      `${p.cmp ? `banner: ${p.cmp}` : 'no banner found'}${p.remembered === undefined ? '' : p.remembered ? ', the choice was kept' : ', the banner came back'}; ${p.cookies.length} cookies${p.cookies.length ? `: ${p.cookies.map((k) => `${k.name} (${k.purpose})`).join(', ')}` : ''}`,
    );
  }
  for (const e of r.errors) {
    const c = caseFor(`could not audit (${e.stage}): ${e.url}`, hostOf(e.url));
    c.error = { type: e.stage, message: e.message };
  }
  const all = [...cases.values()];
  const failures = all.filter((c) => c.failures.length > 0).length;
  const errors = all.filter((c) => c.error).length;
  const body = all.map((c) => {
    const inner: string[] = [];
    if (c.error) inner.push(`      <error message="${xml(c.error.message)}" type="${xml(c.error.type)}">${xml(c.error.message)}</error>`);
    if (c.failures.length) {
      const summary = c.failures.length === 1 ? c.failures[0] : `${c.failures.length} problems: ${c.failures.join(' | ')}`;
      inner.push(`      <failure message="${xml(summary)}" type="cookie-lens">${xml(c.failures.join('\n'))}</failure>`);
    }
    if (c.out.length) inner.push(`      <system-out>${xml(c.out.join('\n'))}</system-out>`);
    const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}" time="0.000"`;
    return inner.length ? `${open}>\n${inner.join('\n')}\n    </testcase>` : `${open}/>`;
  });
  const time = seconds(r.durationMs);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cookie-lens" tests="${all.length}" failures="${failures}" errors="${errors}" time="${time}">`,
    `  <testsuite name="Cookie Lens: ${xml(r.targets.join(' '))}" tests="${all.length}" failures="${failures}" errors="${errors}" time="${time}" timestamp="${xml(r.generatedAt.replace(/Z$/, ''))}">`,
    ...body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export const JUNIT_FORMAT: ReportFormatSpec<'junit'> = {
  id: 'junit',
  label: 'JUnit',
  extension: '.xml',
  mime: 'application/xml',
  audience: 'JUnit XML for CI test reports (Jenkins, GitLab, Azure)',
  panel: true,
  render: (report, options) => toJunit(report, options.failOn),
};
