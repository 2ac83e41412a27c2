// The report formats: one registry. A new format is its own file exporting a ReportFormatSpec, and one line
// here; the CLI (--format and its usage text), the panel's Export menu and the README's table follow.
import type { AuditReport } from './audit-report';
import type { RenderOptions, ReportFormatSpec } from './format';
import { JSON_FORMAT } from './json';
import { JUNIT_FORMAT } from './junit';
import { MARKDOWN_FORMAT } from './markdown';
import { SARIF_FORMAT } from './sarif';
import { TEXT_FORMAT } from './text';

export const FORMATS = [TEXT_FORMAT, JSON_FORMAT, MARKDOWN_FORMAT, SARIF_FORMAT, JUNIT_FORMAT] as const;

export type ReportFormat = (typeof FORMATS)[number]['id'];
export const REPORT_FORMATS: readonly ReportFormat[] = FORMATS.map((f) => f.id);
export type { RenderOptions, ReportFormatSpec } from './format';

export function formatById(id: ReportFormat): ReportFormatSpec<ReportFormat> {
  const spec = FORMATS.find((f) => f.id === id);
  if (!spec) throw new Error(`no report format "${id}"`);
  return spec;
}

export const isReportFormat = (id: string): id is ReportFormat => (REPORT_FORMATS as readonly string[]).includes(id);

/** One audit report rendered in any format. */
export function renderReport(report: AuditReport, format: ReportFormat, options: RenderOptions = {}): string {
  return formatById(format).render(report, options);
}

export {
  AUDIT_SCHEMA_VERSION,
  type AuditCookie,
  type AuditError,
  type AuditInput,
  type AuditReport,
  auditExitCode,
  auditFails,
  buildAuditReport,
  type LoginPhase,
} from './audit-report';
export { mergeAuditReports } from './merge';
