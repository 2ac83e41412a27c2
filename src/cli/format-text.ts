import { sameSiteLabel } from '../core/cookie';
import type { Report } from '../core/report';
import { SEVERITIES } from '../core/rule';
import { countCookies } from '../core/summary';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function flags(c: Report['cookies'][number]): string {
  return [
    c.secure && 'Secure',
    c.httpOnly && 'HttpOnly',
    c.sameSite !== 'unspecified' && `SameSite=${sameSiteLabel(c.sameSite)}`,
    c.partitioned && 'Partitioned',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The readable report: summary, cookie table, findings by severity. */
export function formatText(report: Report): string {
  const counts = countCookies(report.cookies);
  const lines = [
    `Cookie Lens report for ${report.url}`,
    `Grade ${report.grade} (${report.score}/100) · ${counts.total} cookies: ${counts.session} session, ${counts.persistent} persistent, ${counts.secure} secure, ${counts.thirdParty} third-party, ${counts.partitioned} partitioned`,
    '',
    table([
      ['NAME', 'DOMAIN', 'PATH', 'TYPE', 'ROLE', 'SIZE', 'FLAGS'],
      ...report.cookies.map((c) => [c.name, c.domain, c.path, c.type, c.role, String(c.size), flags(c)]),
    ]),
    '',
  ];
  if (report.findings.length === 0) lines.push('No findings.');
  for (const severity of SEVERITIES) {
    const found = report.findings.filter((f) => f.severity === severity);
    if (found.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${found.length})`);
    for (const f of found) lines.push(`  [${f.rule}] ${f.message}`, `      fix: ${f.fix}`);
  }
  return lines.join('\n');
}
