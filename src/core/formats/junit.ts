import { atLeast } from '../policy';
import type { Severity } from '../rule';
import type { AuditReport } from './audit-report';

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters; cookie values can hold them
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

interface Case {
  name: string;
  classname: string;
  failures: { message: string; type: string; body: string }[];
  out: string[];
}

/**
 * JUnit XML for CI test reports: one test case per cookie (failing on a policy violation or a finding at
 * or above `failOn`), one per cookie-less finding, so passing cookies show up as passing tests.
 */
export function toJunit(r: AuditReport, failOn: Severity = 'medium'): string {
  const cases: Case[] = r.cookies.map((c) => ({ name: `${c.name} (${c.domain}${c.path})`, classname: `cookies.${c.domain}`, failures: [], out: [] }));
  const caseOf = (cookie: { name: string; domain: string; path: string }) => cases.find((x) => x.name === `${cookie.name} (${cookie.domain}${cookie.path})`);
  for (const f of r.findings) {
    const isFailure = atLeast(f.severity, failOn) || Boolean(r.policy?.errors.some((e) => e.rule === f.rule && e.message === f.message));
    let target = f.cookie ? caseOf(f.cookie) : undefined;
    if (!target) {
      target = { name: `${f.rule}: ${f.message}`, classname: 'site', failures: [], out: [] };
      cases.push(target);
    }
    if (isFailure) target.failures.push({ message: f.message, type: `${f.rule} (${f.severity})`, body: `Fix: ${f.fix}` });
    else target.out.push(`[${f.severity}] ${f.rule}: ${f.message}`);
  }
  for (const v of r.policy?.violations ?? []) {
    const target = caseOf(v.cookie);
    target?.failures.push({ message: v.message, type: `policy:${v.requirement}`, body: v.reason ?? '' });
  }
  const failures = cases.filter((c) => c.failures.length > 0).length;
  const body = cases
    .map((c) => {
      const inner = [
        ...c.failures.map((f) => `      <failure message="${xml(f.message)}" type="${xml(f.type)}">${xml(f.body)}</failure>`),
        ...(c.out.length ? [`      <system-out>${xml(c.out.join('\n'))}</system-out>`] : []),
      ];
      return inner.length
        ? `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}">\n${inner.join('\n')}\n    </testcase>`
        : `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}"/>`;
    })
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cookie-lens" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="Cookie Lens: ${xml(r.targets.join(' '))}" tests="${cases.length}" failures="${failures}" errors="0" timestamp="${xml(r.generatedAt.replace(/Z$/, ''))}">`,
    body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
