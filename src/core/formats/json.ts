// The audit report itself, as JSON (schemas/report.schema.json): what `merge` reads and other tools consume.
import type { ReportFormatSpec } from './format';

export const JSON_FORMAT: ReportFormatSpec<'json'> = {
  id: 'json',
  label: 'JSON',
  extension: '.json',
  mime: 'application/json',
  audience: 'the JSON report (schemas/report.schema.json), which `merge` reads',
  panel: true,
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
