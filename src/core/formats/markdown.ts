import { sameSiteLabel } from '../cookie';
import { SEVERITIES } from '../rule';
import { ruleById } from '../rules/index';
import { AREA_NAME } from '../web-storage';
import type { AuditReport } from './audit-report';
import { mdCode, mdText } from './escape';
import type { ReportFormatSpec } from './format';

/**
 * A Markdown report for pull requests, wikis and CI summaries. Everything a site chose (cookie names and
 * values, domains, paths, page URLs, and the messages that quote them) is a code span or escaped text.
 */
export function toMarkdown(r: AuditReport): string {
  const lines = [
    `# Cookie Lens report — grade ${r.grade} (${r.score}/100)`,
    '',
    `${mdText(r.tool.name)} ${mdText(r.tool.version)}, ${mdText(r.generatedAt)}. Targets: ${r.targets.map(mdCode).join(', ')}.`,
    '',
  ];
  if (r.errors.length) {
    lines.push(`## Could not audit (${r.errors.length})`, '', 'The audit fails: these were not checked.', '');
    for (const e of r.errors) lines.push(`- **${e.stage}** ${mdCode(e.url)}: ${mdText(e.message)}`);
    lines.push('');
  }
  lines.push(`## Findings (${r.findings.length})`, '');
  if (r.findings.length === 0) lines.push('No findings.', '');
  for (const severity of SEVERITIES) {
    const found = r.findings.filter((f) => f.severity === severity);
    if (found.length === 0) continue;
    lines.push(`### ${severity[0].toUpperCase()}${severity.slice(1)} (${found.length})`, '');
    for (const f of found) {
      const title = ruleById(f.rule)?.title ?? f.rule;
      const where = f.cookie ? ` on ${mdCode(f.cookie.domain)}` : f.url ? ` at ${mdCode(f.url)}` : '';
      lines.push(`- **${mdText(title)}** (${mdCode(f.rule)})${where}: ${mdText(f.message)} — *Fix:* ${mdText(f.fix)}`);
    }
    lines.push('');
  }
  if (r.policy) {
    lines.push(`## Policy ${r.policy.name ? `“${mdText(r.policy.name)}” ` : ''}(${mdCode(r.policy.file)})`, '');
    if (r.policy.violations.length === 0 && r.policy.errors.length === 0) lines.push('All requirements met.', '');
    for (const v of r.policy.violations) lines.push(`- ❌ ${mdText(v.message)}${v.reason ? ` (${mdText(v.reason)})` : ''}`);
    for (const e of r.policy.errors) lines.push(`- ❌ ${mdCode(e.rule)} is an error in this policy: ${mdText(e.message)}`);
    lines.push('');
  }
  if (r.consent?.length) {
    lines.push('## Consent phases', '', '| Page | Phase | Banner | Choice kept | Cookies by purpose |', '|---|---|---|---|---|');
    const PHASE = { before: 'before consent', accept: 'after “Accept all”', reject: 'after “Reject all”' };
    for (const p of r.consent) {
      const byPurpose = new Map<string, string[]>();
      for (const c of p.cookies) byPurpose.set(c.purpose, [...(byPurpose.get(c.purpose) ?? []), c.name]);
      const held = [...byPurpose].map(([purpose, names]) => `${purpose}: ${names.map(mdCode).join(', ')}`).join('; ') || 'none';
      lines.push(
        `| ${mdCode(p.url)} | ${PHASE[p.phase]} | ${p.cmp ? mdText(p.cmp) : 'none found'} | ${p.remembered === undefined ? '' : p.remembered ? 'yes' : 'no'} | ${held} |`,
      );
    }
    lines.push('');
  }
  lines.push(
    `## Cookies (${r.cookies.length})`,
    '',
    '| Name | Domain | Path | Type | Role | Purpose | Secure | HttpOnly | SameSite | Size |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const c of r.cookies) {
    const purpose = c.platform ? `${c.purpose} (${c.platform})` : c.purpose;
    lines.push(
      `| ${mdCode(c.name)} | ${mdCode(c.domain)} | ${mdCode(c.path)} | ${c.type} | ${c.role}${c.phase ? ` (${c.phase})` : ''} | ${mdText(purpose)} | ${c.secure ? '✓' : ''} | ${c.httpOnly ? '✓' : ''} | ${sameSiteLabel(c.sameSite)} | ${c.size} |`,
    );
  }
  lines.push('');
  if (r.storage) {
    lines.push(`## Web storage (${r.storage.length})`, '');
    if (r.storage.length === 0) lines.push('No localStorage or sessionStorage items.', '');
    else {
      lines.push('| Origin | Area | Key | Format | Credential | Length |', '|---|---|---|---|---|---|');
      for (const i of r.storage)
        lines.push(
          `| ${mdCode(i.origin)} | ${AREA_NAME[i.area]} | ${mdCode(i.key)} | ${i.format ?? ''} | ${i.credential ? `${i.credential.severity}: ${mdText(i.credential.what)}` : ''} | ${i.length} |`,
        );
      lines.push('');
    }
  }
  if (r.rejected.length) {
    lines.push(`## Rejected Set-Cookie headers (${r.rejected.length})`, '');
    for (const x of r.rejected) lines.push(`- ${mdCode(x.header.slice(0, 120))} from ${mdCode(x.url)}: ${mdText(x.reason)}`);
    lines.push('');
  }
  return lines.join('\n');
}

export const MARKDOWN_FORMAT: ReportFormatSpec<'markdown'> = {
  id: 'markdown',
  label: 'Markdown',
  extension: '.md',
  mime: 'text/markdown',
  audience: 'Markdown for pull-request comments and job summaries',
  panel: true,
  render: (report) => toMarkdown(report),
};
