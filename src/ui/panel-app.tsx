import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { AnalyzedCookie } from '../core/analyzed';
import { errorLine, explainError } from '../core/browser-errors';
import { type Cookie, cookieKey, refKey, sameCookie } from '../core/cookie';
import { applyFilter, narrows, type ParsedFilter, parseFilter, searchIndex } from '../core/filter';
import { buildAuditReport, formatById, type ReportFormat } from '../core/formats/index';
import { type Finding, severityRank } from '../core/rule';
import { hostOf, siteOf } from '../core/site';
import { countCookies } from '../core/summary';
import { type ExportFormat, exportCookies } from '../core/transfer';
import { type CookieWrite, type PageReport, request } from '../messages';
import { plural } from './format';
import { copyText, downloadText } from './panel/clipboard';
import { CookieEditor } from './panel/cookie-editor';
import { CookieGrid } from './panel/cookie-grid';
import { DetailPane } from './panel/detail-pane';
import type { DevtoolsApi } from './panel/devtools-api';
import { ImportDialog } from './panel/import-dialog';
import { NetworkView } from './panel/network-view';
import { PolicyView } from './panel/policy-view';
import { TimelineView } from './panel/timeline-view';
import { Toolbar } from './panel/toolbar';
import { useImport } from './panel/use-import';
import { useNetworkLog } from './panel/use-network-log';
import { retentionText, useTimelineStatus } from './timeline-status';
import { usePageReport } from './use-page-report';

type View = 'cookies' | 'timeline' | 'network' | 'policy';
/** Each view's tab label: a Record, so a view added without its label does not compile. */
const VIEW_LABEL: Record<View, (s: { responses: number; policy?: PageReport['policy'] }) => string> = {
  cookies: () => 'Cookies',
  timeline: () => 'Timeline',
  network: (s) => `Network (${s.responses})`,
  policy: (s) => `Policy${s.policy ? ` (${s.policy.violations.length + s.policy.errors.length ? 'fail' : 'pass'})` : ''}`,
};
const VIEWS = Object.keys(VIEW_LABEL) as View[];

interface Toast {
  message: string;
  undo?: Cookie[];
}

const EXTENSION: Record<ExportFormat, [string, string]> = {
  json: ['cookies.json', 'application/json'],
  netscape: ['cookies.txt', 'text/plain'],
  header: ['cookie-header.txt', 'text/plain'],
};

/** Findings by cookie, and the worst one of each, in report order. */
function findingsByCookie(cookies: readonly AnalyzedCookie[], findings: readonly Finding[]) {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.cookie) continue;
    const k = refKey(f.cookie);
    byKey.set(k, [...(byKey.get(k) ?? []), f]);
  }
  const lists = cookies.map((c) => byKey.get(refKey(c)) ?? []);
  const worst = lists.map((l) => l.reduce<Finding | undefined>((w, f) => (!w || severityRank(f.severity) > severityRank(w.severity) ? f : w), undefined));
  return { lists, worst };
}

function Summary({ page }: { page: PageReport }) {
  if (!page.report) return null;
  const counts = countCookies(page.report.cookies);
  return (
    <span class="summary" data-testid="summary">
      <strong>{page.site}</strong> · {plural(counts.total, 'cookie')} · {counts.session} session · {counts.persistent} persistent · {counts.secure} secure
      {counts.partitioned > 0 && ` · ${counts.partitioned} partitioned`}
      {counts.thirdParty > 0 && ` · ${counts.thirdParty} third-party`} · grade <strong class="grade-inline">{page.report.grade}</strong> ({page.report.score}
      /100)
    </span>
  );
}

/**
 * Counts reasons to look at the page's cookies again: navigations, and requests to hosts not seen yet
 * (an iframe or a third-party resource brings that site's cookies into the page), debounced.
 */
function usePageChanges(api: DevtoolsApi): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const hosts = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bump = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setVersion((v) => v + 1), 250);
    };
    const offNav = api.onNavigated(() => {
      hosts.clear();
      setVersion((v) => v + 1);
    });
    const offReq = api.onRequestFinished((entry) => {
      const host = hostOf(entry.request.url);
      if (host && !hosts.has(host)) {
        hosts.add(host);
        bump();
      }
    });
    return () => {
      clearTimeout(timer);
      offNav();
      offReq();
    };
  }, [api]);
  return version;
}

export function PanelApp({ api }: { api: DevtoolsApi }) {
  const navigations = usePageChanges(api);
  const log = useNetworkLog(api);
  const setCookies = useMemo(() => log.map(({ url, header }) => ({ url, header })), [log]);
  const [allStores, setAllStores] = useState(false);
  const { page, error, loading, reload } = usePageReport(api.tabId, { urls: api.resourceUrls, setCookies, reloadKey: navigations, allStores });
  const timeline = useTimelineStatus();
  const importer = useImport(page?.storeId, (message) => {
    say(message);
    reload();
  });

  const [view, setView] = useState<View>('cookies');
  const [filterText, setFilterText] = useState('');
  const [onlyIssues, setOnlyIssues] = useState(false);
  const [selectedKey, setSelectedKey] = useState<string>();
  const [detailOpen, setDetailOpen] = useState(true);
  const [editing, setEditing] = useState<{ cookie?: Cookie } | null>(null);
  const [editError, setEditError] = useState<string>();
  const [toast, setToast] = useState<Toast | null>(null);

  const report = page?.report;
  const cookies = report?.cookies ?? [];
  const { lists, worst } = useMemo(() => findingsByCookie(cookies, report?.findings ?? []), [report]);
  const filter = useMemo(() => parseFilter(onlyIssues ? `${filterText} has:issue` : filterText), [filterText, onlyIssues]);
  const index = useMemo(() => searchIndex(cookies), [cookies]);
  // While typing, each keystroke usually narrows the last result: filter only what it kept.
  const lastFilter = useRef<{ filter: ParsedFilter; lists: typeof lists; visible: number[] } | null>(null);
  const visible = useMemo(() => {
    const last = lastFilter.current;
    const within = last && last.lists === lists && narrows(last.filter, filter) ? last.visible : undefined;
    const result = applyFilter(cookies, filter, { findings: lists, now: Date.now(), index }, within);
    lastFilter.current = { filter, lists, visible: result };
    return result;
  }, [cookies, filter, lists, index]);
  // Identity strings once per report: every keystroke and live update needs them.
  const keys = useMemo(() => cookies.map(cookieKey), [cookies]);
  const selectedIndex = selectedKey === undefined ? -1 : keys.indexOf(selectedKey);
  const selected = selectedIndex >= 0 ? cookies[selectedIndex] : undefined;
  const containerMap = useMemo(() => new Map((page?.containers ?? []).map(({ storeId, ...info }) => [storeId, info])), [page?.containers]);
  const pageSites = useMemo(() => new Set([page?.site ?? '', ...cookies.map((c) => siteOf(c.domain))]), [page, cookies]);

  // Rendering cost, for `npm run bench` (User Timing marks only; nothing leaves the page).
  useLayoutEffect(() => {
    if (report && performance.getEntriesByName('cookie-lens:report-received').length) {
      performance.measure('cookie-lens:render', 'cookie-lens:report-received');
      performance.clearMarks('cookie-lens:report-received');
    }
  }, [report]);
  useLayoutEffect(() => {
    if (performance.getEntriesByName('cookie-lens:filter-input').length) {
      performance.measure('cookie-lens:filter', 'cookie-lens:filter-input');
      performance.clearMarks('cookie-lens:filter-input');
    }
  }, [filterText]);

  useEffect(() => {
    document.body.classList.toggle('theme-dark', api.themeName === 'dark');
  }, [api.themeName]);

  const say = (message: string, undo?: Cookie[]) => setToast({ message, undo });
  // A toast goes away by itself; one with Undo stays longer.
  useEffect(() => {
    if (!toast) return undefined;
    const timer = setTimeout(() => setToast(null), toast.undo ? 15_000 : 5_000);
    return () => clearTimeout(timer);
  }, [toast]);

  const remove = async (list: readonly Cookie[], what: string) => {
    if (list.length === 0) return;
    const { removed } = await request('removeCookies', { cookies: [...list] });
    say(`Deleted ${plural(removed.length, 'cookie')}${what}.`, removed);
    reload();
  };
  const undo = async (cookiesToRestore: Cookie[]) => {
    const r = await request('restoreCookies', { cookies: cookiesToRestore });
    const parts = [`Restored ${plural(r.restored.length, 'cookie')}.`];
    if (r.leftAlone.length) parts.push(`Left alone: ${r.leftAlone.map((l) => `"${l.name}" (${l.reason})`).join('; ')}.`);
    if (r.errors.length) parts.push(`Not restored: ${r.errors.map((e) => `"${e.name}": ${e.message}`).join('; ')}`);
    say(parts.join(' '));
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
    if (r.written[0]) setSelectedKey(cookieKey(r.written[0]));
    say(original ? `Saved "${write.name}".` : `Added "${write.name}".`);
    reload();
  };
  const exportShown = async (format: ExportFormat, target: 'file' | 'clipboard') => {
    const shown = visible.map((i) => cookies[i]);
    const text = exportCookies(shown, format);
    try {
      if (target === 'file') downloadText(text, EXTENSION[format][0], EXTENSION[format][1]);
      else await copyText(text);
      say(
        `${target === 'file' ? 'Saved' : 'Copied'} ${plural(shown.length, 'cookie')} as ${format === 'header' ? 'a Cookie header' : format === 'json' ? 'JSON' : 'cookies.txt'}.`,
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

  return (
    <main class="panel-app">
      <header class="toolbar">
        <span class="brand">Cookie Lens</span>
        <div class="views" role="tablist" aria-label="Views">
          {VIEWS.map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} class={view === v ? 'active' : ''} data-view={v} onClick={() => setView(v)}>
              {VIEW_LABEL[v]({ responses: log.length, policy: page?.policy })}
            </button>
          ))}
        </div>
        {page && <Summary page={page} />}
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {loading && !page && <p class="empty">Reading cookies…</p>}
      {page?.unsupported && <p class="empty">{page.unsupported}</p>}

      {view === 'cookies' && report && (
        <>
          <Toolbar
            filter={filterText}
            onFilter={(text) => {
              performance.mark('cookie-lens:filter-input');
              setFilterText(text);
            }}
            filterErrors={filter.errors}
            onlyIssues={onlyIssues}
            onOnlyIssues={setOnlyIssues}
            shown={visible.length}
            total={cookies.length}
            onAdd={() => setEditing({})}
            onDeleteShown={() =>
              void remove(
                visible.map((i) => cookies[i]),
                ' (all shown)',
              )
            }
            onDeleteSite={() => void remove(cookies, ` of ${page?.site}`)}
            onExport={(f, t) => void exportShown(f, t)}
            onExportReport={(f) => void exportReport(f)}
            onImport={(file) => void importer.open(file)}
            containers={page?.containers?.length ? { all: allStores, onAll: setAllStores } : undefined}
          />
          <div class={`cookies-split${selected && detailOpen ? ' with-detail' : ''}`}>
            {cookies.length === 0 ? (
              <p class="empty">This page uses no cookies.</p>
            ) : (
              <CookieGrid
                cookies={cookies}
                keys={keys}
                visible={visible}
                worst={worst}
                policy={page?.policy?.passed}
                selectedKey={selectedKey}
                onSelect={(key) => {
                  setSelectedKey(key);
                  setDetailOpen(true);
                }}
                onOpen={() => {
                  setDetailOpen(true);
                  requestAnimationFrame(() => document.querySelector<HTMLElement>('.detail')?.focus());
                }}
                onDelete={() => selected && void remove([selected], '')}
              />
            )}
            {selected && detailOpen && (
              <DetailPane
                standalone={api.standalone}
                cookie={selected}
                findings={lists[selectedIndex]}
                violations={page?.policy?.violations.filter((v) => sameCookie(v.cookie, selected))}
                now={Date.now()}
                onEdit={() => setEditing({ cookie: selected })}
                onDelete={() => void remove([selected], '')}
                onCopy={(text, what) =>
                  void copyText(text).then(
                    () => say(`Copied the ${what}.`),
                    (e: Error) => say(errorLine(explainError(e))),
                  )
                }
              />
            )}
          </div>
        </>
      )}
      {view === 'timeline' && <TimelineView pageSites={pageSites} containers={containerMap} />}
      {view === 'network' && <NetworkView log={log} storeId={page?.storeId} version={cookies.length} standalone={api.standalone} />}
      {view === 'policy' && <PolicyView pagePolicy={page?.policy} />}

      {editing && (
        <CookieEditor
          cookie={editing.cookie}
          defaultHost={hostOf(page?.url ?? '')}
          defaultStoreId={page?.storeId}
          defaultSite={`${new URL(page?.url || 'https://example.invalid').protocol}//${page?.site ?? ''}`}
          error={editError}
          onSave={(w) => void save(w)}
          onCancel={() => {
            setEditing(null);
            setEditError(undefined);
          }}
        />
      )}
      {importer.state && (
        <ImportDialog
          state={importer.state}
          onConfirm={() => importer.state?.step === 'review' && void importer.confirm(importer.state.result.cookies, importer.state.file)}
          onCancel={importer.cancel}
        />
      )}
      {toast && (
        <div class="toast" role="status">
          <span>{toast.message}</span>
          {toast.undo && toast.undo.length > 0 && (
            <button type="button" onClick={() => void undo(toast.undo ?? [])}>
              Undo
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => setToast(null)}>
            ×
          </button>
        </div>
      )}
      <footer class="statusbar" data-testid="timeline-status">
        {timeline ? `Timeline: ${retentionText(timeline)}` : 'Timeline: loading…'}
      </footer>
    </main>
  );
}
