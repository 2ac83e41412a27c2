import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { AnalyzedCookie } from '../../core/analyzed';
import { errorLine, explainError } from '../../core/browser-errors';
import { type Cookie, refKey } from '../../core/cookie';
import { buildAuditReport, formatById, type ReportFormat } from '../../core/formats/index';
import { type ExportFormat, exportCookies, type StorageStateOrigin } from '../../core/transfer';
import type { StorageReport } from '../../core/web-storage';
import { request } from '../../messages';
import type { CookieWrite } from '../../protocol';
import { plural } from '../format';
import { copyText, downloadText } from './clipboard';
import type { PanelContext } from './panel-context';

const EXPORT_FILE: Record<ExportFormat, [name: string, mime: string, what: string]> = {
  json: ['cookies.json', 'application/json', 'JSON'],
  netscape: ['cookies.txt', 'text/plain', 'cookies.txt'],
  header: ['cookie-header.txt', 'text/plain', 'Cookie headers (one per request URL)'],
  'storage-state': ['storage-state.json', 'application/json', 'a Playwright storageState'],
  cdp: ['cdp-cookies.json', 'application/json', 'CDP Network.setCookies cookies'],
  puppeteer: ['puppeteer-cookies.json', 'application/json', 'Puppeteer setCookie cookies'],
  selenium: ['selenium-cookies.json', 'application/json', 'Selenium cookies'],
  curl: ['curl.sh', 'text/x-shellscript', 'curl commands (one per request URL)'],
  fetch: ['fetch.js', 'text/javascript', 'fetch() calls (one per request URL)'],
};

/**
 * The page's localStorage per origin, for Playwright's storageState (its `origins` hold localStorage only:
 * sessionStorage does not outlive the tab). Cut values are left out rather than written back shortened.
 */
function localStorageOrigins(storage: StorageReport | undefined): StorageStateOrigin[] {
  const byOrigin = new Map<string, { name: string; value: string }[]>();
  for (const i of storage?.items ?? []) {
    if (i.area !== 'local' || i.cut || !i.origin) continue;
    byOrigin.set(i.origin, [...(byOrigin.get(i.origin) ?? []), { name: i.key, value: i.value }]);
  }
  return [...byOrigin].map(([origin, localStorage]) => ({ origin, localStorage }));
}

/** What the Cookies view does to cookies — delete (with undo), add and edit, export — each ending in a toast. */
export function useCookieActions({ page, reload, say, cookies: viewState }: PanelContext) {
  const [editing, setEditing] = useState<{ cookie?: Cookie } | null>(null);
  const [editError, setEditError] = useState<string>();

  const remove = async (list: readonly Cookie[], what: string) => {
    if (list.length === 0) return;
    const { removed } = await request('removeCookies', { cookies: [...list] });
    say(`Deleted ${plural(removed.length, 'cookie')}${what}.`, removed);
    reload();
  };

  const save = async (write: CookieWrite) => {
    const original = editing?.cookie;
    const identityChanged =
      original &&
      (original.name !== write.name ||
        original.domain !== write.domain ||
        original.path !== write.path ||
        original.partitionKey?.topLevelSite !== write.partitionKey?.topLevelSite);
    const r = await request('setCookies', { cookies: [write], replace: identityChanged && original ? [original] : undefined });
    if (r.errors.length) {
      setEditError(errorLine(r.errors[0]));
      return;
    }
    setEditing(null);
    setEditError(undefined);
    if (r.written[0]) viewState.setSelectedKey(refKey(r.written[0]));
    say(original ? `Saved "${write.name}".` : `Added "${write.name}".`);
    reload();
  };

  const exportShown = async (shown: readonly AnalyzedCookie[], format: ExportFormat, target: 'file' | 'clipboard') => {
    const origins = format === 'storage-state' ? localStorageOrigins(page?.report?.storage) : [];
    const text = exportCookies(shown, format, page?.url, origins);
    const items = origins.reduce((n, o) => n + o.localStorage.length, 0);
    const [name, mime, what] = EXPORT_FILE[format];
    try {
      if (target === 'file') downloadText(text, name, mime);
      else await copyText(text);
      say(
        `${target === 'file' ? 'Saved' : 'Copied'} ${plural(shown.length, 'cookie')}${items ? ` and ${plural(items, 'localStorage item')}` : ''} as ${what}.`,
      );
    } catch (e) {
      say(errorLine(explainError(e)));
    }
  };

  const exportReport = async (format: ReportFormat) => {
    if (!page?.report) return;
    const policy = await request('getPolicy', {});
    const report = buildAuditReport({
      tool: { name: 'cookie-lens', version: browser.runtime.getManifest().version },
      generatedAt: new Date().toISOString(),
      targets: [page.url],
      reports: [page.report],
      policy: policy.policy ? { file: 'policy (extension)', policy: policy.policy } : undefined,
    });
    const spec = formatById(format);
    const name = `cookie-lens-report${spec.extension}`;
    downloadText(spec.render(report, {}), name, spec.mime);
    say(`Saved the report as ${name}.`);
  };

  const copy = (text: string, what: string) =>
    void copyText(text).then(
      () => say(`Copied the ${what}.`),
      (e: Error) => say(errorLine(explainError(e))),
    );

  const editor = {
    editing,
    error: editError,
    open: (cookie?: Cookie) => setEditing({ cookie }),
    close: () => {
      setEditing(null);
      setEditError(undefined);
    },
    save,
  };
  return { remove, exportShown, exportReport, copy, editor };
}
