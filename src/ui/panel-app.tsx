import { useEffect, useState } from 'preact/hooks';
import { countCookies } from '../core/summary';
import { onEvent, type PageReport, request } from '../messages';
import { CookieTable } from './cookie-table';
import { plural } from './format';
import { usePageReport } from './use-page-report';

interface Props {
  tabId: number;
  urls: () => Promise<string[]>;
  onNavigated: (listener: () => void) => void;
}

function useTimelineStatus(): { recorded: number; dropped: number } | undefined {
  const [status, setStatus] = useState<{ recorded: number; dropped: number }>();
  useEffect(() => {
    const load = () =>
      request('getTimeline', {}).then(
        (t) => setStatus({ recorded: t.nextSeq, dropped: t.dropped }),
        () => undefined,
      );
    void load();
    return onEvent('timelineAppended', (e) => setStatus({ recorded: e.nextSeq, dropped: e.dropped }));
  }, []);
  return status;
}

function Summary({ page }: { page: PageReport }) {
  if (!page.report) return null;
  const counts = countCookies(page.report.cookies);
  return (
    <span class="summary" data-testid="summary">
      <strong>{page.site}</strong> · {plural(counts.total, 'cookie')} · {counts.session} session · {counts.persistent} persistent · {counts.secure} secure
      {counts.partitioned > 0 && ` · ${counts.partitioned} partitioned`}
      {counts.thirdParty > 0 && ` · ${counts.thirdParty} third-party`} · grade <strong class="grade-inline">{page.report.grade}</strong>
    </span>
  );
}

export function PanelApp({ tabId, urls, onNavigated }: Props) {
  const [navigations, setNavigations] = useState(0);
  useEffect(() => onNavigated(() => setNavigations((n) => n + 1)), []);
  const { page, error, loading } = usePageReport(tabId, urls, navigations);
  const timeline = useTimelineStatus();
  return (
    <main class="panel-app">
      <header class="toolbar">
        <span class="brand">Cookie Lens</span>
        {page && <Summary page={page} />}
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {loading && !page && <p class="empty">Reading cookies…</p>}
      {page?.unsupported && <p class="empty">{page.unsupported}</p>}
      {page?.report && page.report.cookies.length === 0 && <p class="empty">This page uses no cookies.</p>}
      {page?.report && page.report.cookies.length > 0 && <CookieTable report={page.report} />}
      <footer class="statusbar" data-testid="timeline-status">
        {timeline
          ? `Timeline: ${plural(timeline.recorded, 'change')} recorded${timeline.dropped ? `, ${timeline.dropped} oldest dropped (ring is full)` : ''}`
          : 'Timeline: loading…'}
      </footer>
    </main>
  );
}
