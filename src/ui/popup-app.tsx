import { countCookies } from '../core/summary';
import { FindingList } from './finding-list';
import { usePageReport } from './use-page-report';

const noUrls = async () => [];

export function PopupApp({ tabId }: { tabId: number | undefined }) {
  const { page, error, loading } = usePageReport(tabId, { urls: noUrls });
  if (tabId === undefined) return <p class="empty">No active tab.</p>;
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (loading || !page) return <p class="empty">Reading cookies…</p>;
  if (page.unsupported || !page.report) return <p class="empty">{page.unsupported}</p>;
  const { report } = page;
  const counts = countCookies(report.cookies);
  return (
    <main class="popup-app">
      <header class="popup-header">
        <div>
          <h1 class="site">{page.site}</h1>
          <p class="url" title={page.url}>
            {page.url}
          </p>
        </div>
        <div class={`grade grade-${report.grade.replace('+', 'plus')}`} role="img" aria-label={`Grade ${report.grade}, score ${report.score} out of 100`}>
          <span class="grade-letter">{report.grade}</span>
          <span class="grade-score">{report.score}/100</span>
        </div>
      </header>
      <dl class="counts" aria-label="Cookies by type">
        {(
          [
            ['Session', counts.session],
            ['Persistent', counts.persistent],
            ['Secure', counts.secure],
            ['Third-party', counts.thirdParty],
          ] as const
        ).map(([label, n]) => (
          <div key={label} class="count" data-count={label.toLowerCase()}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      <h2>Findings</h2>
      <FindingList findings={report.findings} empty={counts.total ? 'No findings: these cookies look well configured.' : 'This site sets no cookies.'} />
    </main>
  );
}
