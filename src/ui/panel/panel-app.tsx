// The panel's shell: the tabs of the view registry (views.tsx), the page summary, errors, the toast and the
// timeline's status bar. Everything a view needs reaches it as one PanelContext.
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { gradeMeaning } from '../../core/grade';
import { hostOf } from '../../core/site';
import { countCookies } from '../../core/summary';
import type { PageReport } from '../../protocol';
import { plural } from '../format';
import { tabProps } from '../tabs';
import { applyTheme } from '../theme';
import { retentionText, useTimelineStatus } from '../timeline-status';
import { usePageReport } from '../use-page-report';
import type { DevtoolsApi } from './devtools-api';
import type { PanelContext } from './panel-context';
import { useCookiesViewState } from './use-cookies-view-state';
import { useNetworkLog } from './use-network-log';
import { useResponseLog } from './use-response-log';
import { useToast } from './use-toast';
import { PANEL_VIEWS } from './views';

const VIEW_IDS = PANEL_VIEWS.map((v) => v.id);

function Summary({ page }: { page: PageReport }) {
  if (!page.report) return null;
  const counts = countCookies(page.report.cookies);
  return (
    <span class="summary" data-testid="summary">
      <strong>{page.site}</strong> · {plural(counts.total, 'cookie')} · {counts.session} session · {counts.persistent} persistent · {counts.secure} secure
      {counts.partitioned > 0 && ` · ${counts.partitioned} partitioned`}
      {counts.thirdParty > 0 && ` · ${counts.thirdParty} third-party`} ·{' '}
      <span title={`${gradeMeaning(page.report.grade, page.report.findings)} The grade rates the site's cookies and web storage, not Cookie Lens.`}>
        cookie grade <strong class="grade-inline">{page.report.grade}</strong>, score {page.report.score}/100
      </span>
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
  const { page, error, loading, reload } = usePageReport(api.tabId, {
    urls: api.resourceUrls,
    setCookies,
    reloadKey: navigations,
    allStores,
    storage: api.pageStorage?.read ?? 'read',
  });
  const timeline = useTimelineStatus();
  const toast = useToast(reload);
  const cookiesState = useCookiesViewState();
  const [view, setView] = useState(PANEL_VIEWS[0].id);
  const responses = useResponseLog(api.tabId);
  const ctx: PanelContext = { api, page, reload, log, responses, say: toast.say, allStores, setAllStores, showView: setView, cookies: cookiesState };
  const active = PANEL_VIEWS.find((v) => v.id === view) ?? PANEL_VIEWS[0];

  // Rendering cost, for `npm run bench` (User Timing marks only; nothing leaves the page).
  const report = page?.report;
  useLayoutEffect(() => {
    if (report && performance.getEntriesByName('cookie-lens:report-received').length) {
      performance.measure('cookie-lens:render', 'cookie-lens:report-received');
      performance.clearMarks('cookie-lens:report-received');
    }
  }, [report]);

  // DevTools' own theme, not the system's: DevTools may be light on a dark system (see src/ui/theme.ts);
  // followed live when the user switches it with the panel open.
  const [themeName, setThemeName] = useState(api.themeName);
  useEffect(() => setThemeName(api.themeName), [api.themeName]);
  useEffect(() => api.onThemeChanged?.(setThemeName), [api]);
  useEffect(() => applyTheme(themeName === 'dark'), [themeName]);

  return (
    <main class="panel-app">
      <header class="toolbar">
        <span class="brand">Cookie Lens</span>
        <div class="views" role="tablist" aria-label="Views">
          {PANEL_VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              {...tabProps(VIEW_IDS, v.id, view, setView)}
              class={view === v.id ? 'active' : ''}
              data-view={v.id}
              onClick={() => setView(v.id)}
            >
              {v.label(ctx)}
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
      <active.View ctx={ctx} />
      {toast.view}
      <footer class="statusbar" data-testid="timeline-status">
        {timeline ? `Timeline: ${retentionText(timeline)}` : 'Timeline: loading…'}
      </footer>
    </main>
  );
}
