import { FORMATS, type ReportFormat } from '../../core/formats/index';
import type { ExportFormat } from '../../core/transfer';
import { FileButton } from './file-button';

interface Props {
  filter: string;
  onFilter(text: string): void;
  filterErrors: readonly string[];
  onlyIssues: boolean;
  onOnlyIssues(on: boolean): void;
  shown: number;
  total: number;
  onAdd(): void;
  onDeleteShown(): void;
  onDeleteSite(): void;
  onExport(format: ExportFormat, target: 'file' | 'clipboard'): void;
  onExportReport(format: ReportFormat): void;
  onImport(file: File): void;
  /** Firefox containers exist: offer the page's cookies from all of them (filter with container:). */
  containers?: { all: boolean; onAll(all: boolean): void };
}

const EXPORTS: [ExportFormat, string][] = [
  ['json', 'JSON'],
  ['netscape', 'cookies.txt'],
  ['header', 'Cookie header'],
  ['storage-state', 'Playwright storageState'],
  ['puppeteer', 'Puppeteer setCookie'],
  ['cdp', 'CDP Network.setCookies'],
  ['selenium', 'Selenium'],
  ['curl', 'curl'],
  ['fetch', 'fetch()'],
];

const PANEL_FORMATS = FORMATS.filter((f) => f.panel);

/** Runs a menu action and closes the menu it was chosen from. */
function done(e: Event, action: () => void): void {
  (e.currentTarget as HTMLElement).closest('details')?.removeAttribute('open');
  action();
}

export function Toolbar(p: Props) {
  return (
    <div class="subbar cookie-toolbar">
      <input
        type="search"
        class="filter"
        placeholder="Filter: text, name:, domain:, is:session, is:third-party, has:issue, severity:high, role:session, -is:secure"
        aria-label="Filter cookies"
        value={p.filter}
        onInput={(e) => p.onFilter((e.target as HTMLInputElement).value)}
      />
      <label class="check">
        <input type="checkbox" checked={p.onlyIssues} onChange={(e) => p.onOnlyIssues((e.target as HTMLInputElement).checked)} /> Only with issues
      </label>
      {p.containers && (
        <label class="check all-containers">
          <input type="checkbox" checked={p.containers.all} onChange={(e) => p.containers?.onAll((e.target as HTMLInputElement).checked)} /> All containers
        </label>
      )}
      <span class="muted" data-testid="shown-count">
        {p.shown} of {p.total}
      </span>
      <span class="toolbar-actions">
        <button type="button" onClick={p.onAdd}>
          Add
        </button>
        <button type="button" onClick={p.onDeleteShown} disabled={p.shown === 0}>
          Delete shown
        </button>
        <button type="button" onClick={p.onDeleteSite} disabled={p.total === 0}>
          Delete all of site
        </button>
        <details class="menu">
          <summary>Export</summary>
          <div class="menu-items" role="menu">
            {EXPORTS.map(([format, label]) => (
              <span key={format} class="menu-row">
                {label}:{' '}
                <button type="button" role="menuitem" data-export={`${format}-file`} onClick={(e) => done(e, () => p.onExport(format, 'file'))}>
                  file
                </button>{' '}
                <button type="button" role="menuitem" data-export={`${format}-clipboard`} onClick={(e) => done(e, () => p.onExport(format, 'clipboard'))}>
                  copy
                </button>
              </span>
            ))}
            <span class="menu-row">
              Report:{' '}
              {PANEL_FORMATS.map((f) => (
                <button key={f.id} type="button" role="menuitem" data-report={f.id} title={f.audience} onClick={(e) => done(e, () => p.onExportReport(f.id))}>
                  {f.label}
                </button>
              ))}
            </span>
          </div>
        </details>
        <FileButton accept=".json,.txt,application/json,text/plain" label="Import cookies from a JSON or cookies.txt file" onFile={p.onImport}>
          Import…
        </FileButton>
      </span>
      {p.filterErrors.length > 0 && (
        <p class="filter-errors" role="status">
          {p.filterErrors.join(' ')}
        </p>
      )}
    </div>
  );
}
