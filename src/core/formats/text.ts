import { sameSiteLabel } from '../cookie';
import { SEVERITIES } from '../rule';
import { AREA_NAME } from '../web-storage';
import type { AuditReport } from './audit-report';
import { term } from './escape';
import type { ReportFormatSpec } from './format';

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

/** Site text for the terminal: control characters shown, never sent; long text clipped. */
const t = (s: string, n = Number.POSITIVE_INFINITY) => {
  const safe = term(s);
  return safe.length > n ? `${safe.slice(0, n - 1)}…` : safe;
};
/** Where a finding is, when a report covers several sites: the cookie's domain, else the URL. */
const where = (f: { cookie: { domain: string } | null; url?: string }) => (f.cookie ? ` — ${t(f.cookie.domain)}` : f.url ? ` — ${t(f.url)}` : '');

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

/** The readable report the audit prints by default; it opens with what could not be checked. */
export function toText(r: AuditReport): string {
  const lines: string[] = [];
  if (r.errors.length) {
    lines.push(`COULD NOT AUDIT (${r.errors.length}) — the audit fails (exit code 3)`);
    for (const e of r.errors) lines.push(`  [${e.stage}] ${t(e.url)}`, `      ${t(e.message)}`);
    lines.push('');
  }
  lines.push(
    `Cookie Lens ${t(r.tool.version)} — ${r.targets.map((x) => t(x)).join(', ')}`,
    `Grade ${r.grade} (${r.score}/100) · ${r.pages.length} pages · ${r.cookies.length} cookies · ${r.findings.length} findings · ${r.rejected.length} rejected Set-Cookie headers`,
    '',
  );
  if (r.cookies.length) {
    lines.push(
      table([
        ['NAME', 'DOMAIN', 'PATH', 'TYPE', 'ROLE', 'PURPOSE', 'SIZE', 'FLAGS', ...(r.policy ? ['POLICY'] : [])],
        ...r.cookies.map((c) => [
          t(c.name, 32),
          t(c.domain),
          t(c.path),
          c.type,
          c.phase ? `${c.role} (${c.phase})` : c.role,
          t(c.platform ? `${c.purpose} (${c.platform})` : c.purpose, 36),
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
    for (const f of found) lines.push(`  [${f.rule}] ${t(f.message)}${where(f)}`, `      fix: ${f.fix}`);
    lines.push('');
  }
  if (r.findings.length === 0) lines.push(r.errors.length ? 'No findings on the pages that could be checked.' : 'No findings.', '');
  if (r.storage?.length) {
    lines.push(`WEB STORAGE (${r.storage.length})`);
    for (const i of r.storage)
      lines.push(
        `  ${AREA_NAME[i.area]} ${t(i.key, 48)} (${t(i.origin)}, ${i.length} chars)${i.credential ? ` — ${i.credential.severity}: ${t(i.credential.what)}` : ''}`,
      );
    lines.push('');
  }
  if (r.rejected.length) {
    lines.push(`REJECTED SET-COOKIE (${r.rejected.length})`);
    for (const x of r.rejected) lines.push(`  ${t(x.header, 70)}`, `      from ${t(x.url)}: ${t(x.reason)}`);
    lines.push('');
  }
  if (r.policy) {
    const failing = r.policy.violations.length + r.policy.errors.length;
    lines.push(`POLICY ${t(r.policy.name ?? r.policy.file)}: ${failing === 0 ? 'passed' : `${failing} problem${failing === 1 ? '' : 's'}`}`);
    for (const v of r.policy.violations) lines.push(`  ✗ ${t(v.message)}${v.reason ? ` (${t(v.reason)})` : ''}`);
    for (const e of r.policy.errors) lines.push(`  ✗ ${e.rule} is an error under this policy: ${t(e.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}

export const TEXT_FORMAT: ReportFormatSpec<'text'> = {
  id: 'text',
  label: 'Text',
  extension: '.txt',
  mime: 'text/plain',
  audience: 'a readable report for terminals and CI logs',
  panel: false,
  render: (report) => toText(report),
};
