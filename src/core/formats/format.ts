// What a report format is: one entry of the registry in formats/index.ts. The CLI's --format check and usage
// text, the panel's Export menu, file names and the README's format table all read the registry.
import type { Severity } from '../finding';
import type { AuditReport } from './audit-report';

export interface RenderOptions {
  /** JUnit failures are findings at or above this severity (and policy violations). */
  failOn?: Severity;
  /**
   * SARIF: the file in the user's repository where cookies are configured (`app/settings.py`): results are
   * located there. Without it, at `cookie-lens/<host>.cookies` — code scanning needs paths relative to the
   * checkout, never the page's https URL.
   */
  sarifFile?: string;
}

export interface ReportFormatSpec<Id extends string = string> {
  /** The `--format` value. */
  id: Id;
  /** The name users know it by (menu item, README). */
  label: string;
  /** File extension with its dot, for saved reports (`cookie-lens-report.sarif`). */
  extension: string;
  mime: string;
  /** Who reads it, in a few words (usage text and README). */
  audience: string;
  /** Offered in the panel's Export menu (the text format is for terminals). */
  panel: boolean;
  render(report: AuditReport, options: RenderOptions): string;
}
