import { sameSiteLabel } from '../cookie';
import { SEVERITIES } from '../rule';
import { ruleById } from '../rules/index';
import type { AuditReport } from './audit-report';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** A Markdown report for pull requests, wikis and CI summaries. */
export function toMarkdown(r: AuditReport): string {
  const lines = [
    `# Cookie Lens report — grade ${r.grade} (${r.score}/100)`,
    '',
    `${r.tool.name} ${r.tool.version}, ${r.generatedAt}. Targets: ${r.targets.map((t) => `<${t}>`).join(', ')}.`,
    '',
    `## Findings (${r.findings.length})`,
    '',
  ];
  if (r.findings.length === 0) lines.push('No findings.', '');
  for (const severity of SEVERITIES) {
    const found = r.findings.filter((f) => f.severity === severity);
    if (found.length === 0) continue;
    lines.push(`### ${severity[0].toUpperCase()}${severity.slice(1)} (${found.length})`, '');
    for (const f of found) {
      const title = ruleById(f.rule)?.title ?? f.rule;
      const where = f.cookie ? ` on ${code(f.cookie.domain)}` : f.url ? ` at <${f.url}>` : '';
      lines.push(`- **${title}** (${code(f.rule)})${where}: ${cell(f.message)} — *Fix:* ${cell(f.fix)}`);
    }
    lines.push('');
  }
  if (r.policy) {
    lines.push(`## Policy ${r.policy.name ? `“${r.policy.name}” ` : ''}(${code(r.policy.file)})`, '');
    if (r.policy.violations.length === 0 && r.policy.errors.length === 0) lines.push('All requirements met.', '');
    for (const v of r.policy.violations) lines.push(`- ❌ ${cell(v.message)}${v.reason ? ` (${cell(v.reason)})` : ''}`);
    for (const e of r.policy.errors) lines.push(`- ❌ ${code(e.rule)} is an error in this policy: ${cell(e.message)}`);
    lines.push('');
  }
  lines.push(
    `## Cookies (${r.cookies.length})`,
    '',
    '| Name | Domain | Path | Type | Role | Purpose | Secure | HttpOnly | SameSite | Size |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const c of r.cookies) {
    lines.push(
      `| ${cell(code(c.name))} | ${cell(c.domain)} | ${cell(c.path)} | ${c.type} | ${c.role} | ${cell(c.platform ? `${c.purpose} (${c.platform})` : c.purpose)} | ${c.secure ? '✓' : ''} | ${c.httpOnly ? '✓' : ''} | ${sameSiteLabel(c.sameSite)} | ${c.size} |`,
    );
  }
  lines.push('');
  if (r.rejected.length) {
    lines.push(`## Rejected Set-Cookie headers (${r.rejected.length})`, '');
    for (const x of r.rejected) lines.push(`- ${code(x.header.slice(0, 120))} from <${x.url}>: ${cell(x.reason)}`);
    lines.push('');
  }
  return lines.join('\n');
}
