import { sameSiteLabel } from '../core/cookie';
import type { AnalyzedCookie, Report } from '../core/report';
import { findingsFor } from '../core/report';
import { severityRank } from '../core/rule';
import { SeverityTag, TypeBadges } from './badges';
import { formatExpires, formatPartition } from './format';

const COLUMNS = ['Name', 'Value', 'Domain', 'Path', 'Expires', 'Size', 'HttpOnly', 'Secure', 'SameSite', 'Partition', 'Type', 'Findings'];

function FindingsCell({ report, cookie }: { report: Report; cookie: AnalyzedCookie }) {
  const findings = findingsFor(report, cookie).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  if (findings.length === 0) return null;
  return (
    <ul class="cell-findings">
      {findings.map((f) => (
        <li key={f.rule} data-rule={f.rule} title={f.fix}>
          <SeverityTag severity={f.severity} /> {f.message}
        </li>
      ))}
    </ul>
  );
}

export function CookieTable({ report }: { report: Report }) {
  return (
    <table class="cookie-table" aria-label="Cookies">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.cookies.map((c) => (
          <tr key={`${c.storeId}|${c.name}|${c.domain}|${c.path}|${formatPartition(c)}`} data-cookie={c.name}>
            <td class="name">{c.name}</td>
            <td class="value" title={c.value}>
              {c.value}
            </td>
            <td>{c.domain}</td>
            <td>{c.path}</td>
            <td>{formatExpires(c)}</td>
            <td class="num">{c.size}</td>
            <td class="flag">{c.httpOnly ? '✓' : ''}</td>
            <td class="flag">{c.secure ? '✓' : ''}</td>
            <td>{sameSiteLabel(c.sameSite)}</td>
            <td>{formatPartition(c)}</td>
            <td>
              <TypeBadges cookie={c} />
            </td>
            <td>
              <FindingsCell report={report} cookie={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
