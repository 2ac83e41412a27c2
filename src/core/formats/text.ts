import { sameSiteLabel } from '../cookie';
import { SEVERITIES } from '../rule';
import type { AuditReport } from './audit-report';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** Where a finding is, when a report covers several sites: the cookie's domain, else the URL. */
const where = (f: { cookie: { domain: string } | null; url?: string }) => (f.cookie ? ` — ${f.cookie.domain}` : f.url ? ` — ${f.url}` : '');

function flags(c: AuditReport['cookies'][number]): string {
  return [
    c.secure && 'Secure',
    c.httpOnly && 'HttpOnly',
    c.sameSite !== 'unspecified' && `SameSite=${sameSiteLabel(c.sameSite)}`,
    c.partitionKey && 'Partitioned',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The readable report the audit prints by default. */
export function toText(r: AuditReport): string {
  const lines = [
    `Cookie Lens ${r.tool.version} — ${r.targets.join(', ')}`,
    `Grade ${r.grade} (${r.score}/100) · ${r.cookies.length} cookies · ${r.findings.length} findings · ${r.rejected.length} rejected Set-Cookie headers`,
    '',
  ];
  if (r.cookies.length) {
    lines.push(
      table([
        ['NAME', 'DOMAIN', 'PATH', 'TYPE', 'ROLE', 'PURPOSE', 'SIZE', 'FLAGS', ...(r.policy ? ['POLICY'] : [])],
        ...r.cookies.map((c) => [
          clip(c.name, 32),
          c.domain,
          c.path,
          c.type,
          c.role,
          clip(c.platform ? `${c.purpose} (${c.platform})` : c.purpose, 36),
          String(c.size),
          flags(c),
          ...(r.policy ? [c.policy ?? '-'] : []),
        ]),
      ]),
      '',
    );
  }
  for (const severity of SEVERITIES) {
    const found = r.findings.filter((f) => f.severity === severity);
    if (found.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${found.length})`);
    for (const f of found) lines.push(`  [${f.rule}] ${f.message}${where(f)}`, `      fix: ${f.fix}`);
    lines.push('');
  }
  if (r.findings.length === 0) lines.push('No findings.', '');
  if (r.rejected.length) {
    lines.push(`REJECTED SET-COOKIE (${r.rejected.length})`);
    for (const x of r.rejected) lines.push(`  ${clip(x.header, 70)}`, `      from ${x.url}: ${x.reason}`);
    lines.push('');
  }
  if (r.policy) {
    const failing = r.policy.violations.length + r.policy.errors.length;
    lines.push(`POLICY ${r.policy.name ?? r.policy.file}: ${failing === 0 ? 'passed' : `${failing} problem${failing === 1 ? '' : 's'}`}`);
    for (const v of r.policy.violations) lines.push(`  ✗ ${v.message}${v.reason ? ` (${v.reason})` : ''}`);
    for (const e of r.policy.errors) lines.push(`  ✗ ${e.rule} is an error under this policy: ${e.message}`);
    lines.push('');
  }
  return lines.join('\n');
}
