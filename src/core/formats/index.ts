import type { Severity } from '../rule';
import type { AuditReport } from './audit-report';
import { toJunit } from './junit';
import { toMarkdown } from './markdown';
import { type SarifOptions, toSarif } from './sarif';
import { toText } from './text';

export type ReportFormat = 'text' | 'json' | 'markdown' | 'sarif' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'sarif', 'junit'];

export interface RenderOptions extends SarifOptions {
  /** JUnit failures are findings at or above this severity (and policy violations). */
  failOn?: Severity;
}

/** One audit report rendered in any format. */
export function renderReport(report: AuditReport, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return toMarkdown(report);
    case 'sarif':
      return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
    case 'junit':
      return toJunit(report, options.failOn);
    default:
      return toText(report);
  }
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
