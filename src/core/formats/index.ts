import type { Severity } from '../rule';
import type { AuditReport } from './audit-report';
import { toJunit } from './junit';
import { toMarkdown } from './markdown';
import { toSarif } from './sarif';
import { toText } from './text';

export type ReportFormat = 'text' | 'json' | 'markdown' | 'sarif' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'sarif', 'junit'];

/** One audit report rendered in any format; JUnit marks findings at or above `failOn` as failures. */
export function renderReport(report: AuditReport, format: ReportFormat, failOn?: Severity): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return toMarkdown(report);
    case 'sarif':
      return `${JSON.stringify(toSarif(report), null, 2)}\n`;
    case 'junit':
      return toJunit(report, failOn);
    default:
      return toText(report);
  }
}

export { type AuditReport, auditFails, buildAuditReport } from './audit-report';
