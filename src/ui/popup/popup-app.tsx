import { useEffect, useMemo, useState } from 'preact/hooks';
import { expandCookies } from '../../core/compact-report';
import { refKey } from '../../core/cookie';
import { gradeMeaning } from '../../core/grade';
import { violationKey } from '../../core/policy';
import { countCookies } from '../../core/summary';
import { request } from '../../messages';
import { ContainerBadge } from '../badges';
import { StorageList } from '../storage-list';
import { tabProps } from '../tabs';
import { usePageReport } from '../use-page-report';
import { CookiesView } from './cookies-view';
import { FindingsView } from './findings-view';
import { LearnView } from './learn-view';
import { SendTool } from './send-tool';

const noUrls = async () => [];
type Tab = 'findings' | 'cookies' | 'storage' | 'learn' | 'send';
const TABS: [Tab, string][] = [
  ['findings', 'Findings'],
  ['cookies', 'Cookies'],
  ['storage', 'Storage'],
  ['learn', 'Learn'],
  ['send', 'Sent?'],
];
const TAB_IDS = TABS.map(([id]) => id);
/** What each count tile counts: how long a cookie lasts and how it travels, not what it is for. */
const COUNT_MEANING: Record<string, string> = {
  Session: 'No expiry date: gone when the browser session ends. Says nothing about logins: a login cookie can be persistent.',
  Persistent: 'An expiry date: kept on disk until then.',
  Secure: 'Sent over HTTPS only.',
  'Third-party': 'Set by other sites this page loads.',
};

export function PopupApp({
  tabId,
  onOpenTable,
}: {
  tabId: number | undefined;
  /** Opens the full cookie table (the panel page) for this tab. */
  onOpenTable?: () => void;
}) {
  const { page, error, loading, reload } = usePageReport(tabId, { urls: noUrls, compact: true, storage: 'read' });
  const [tab, setTab] = useState<Tab>('findings');
  const [picked, setPicked] = useState<string>();
  const cookies = useMemo(() => (page?.compact ? expandCookies(page.compact) : []), [page?.compact]);
  const listed = page?.compact !== undefined;
  useEffect(() => {
    // When the first report is on screen (after the paint): what `npm run bench -- popup` measures.
    if (listed && performance.getEntriesByName('cookie-lens:popup-list').length === 0) performance.mark('cookie-lens:popup-list');
  }, [listed]);
  if (tabId === undefined) return <p class="empty">No active tab.</p>;
  if (error) {
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  }
  if (loading || !page) return <p class="empty">Reading cookies…</p>;
  if (page.unsupported || !page.compact) {
    return (
      <main class="popup-app">
        <h1 class="site">Cookie Lens</h1>
        <p class="empty">{page.unsupported}</p>
      </main>
    );
  }
  const report = page.compact;
  const counts = countCookies(cookies);
  return (
    <main class="popup-app">
      <header class="popup-header">
        <div>
          <h1 class="site">{page.site}</h1>
          {page.container && <ContainerBadge container={page.container} />}
          {page.profile && (
            <p
              class="profile-line"
              data-testid="active-profile"
              title="The test user (profile) last saved or switched to for this site: the panel's Profiles view"
            >
              Profile: <strong>{page.profile}</strong>
            </p>
          )}
          <p class="url" title={page.url}>
            {page.url}
          </p>
        </div>
        <div class="grade-box">
          <span class="grade-label" aria-hidden="true">
            Cookie grade
          </span>
          <div
            class={`grade grade-${report.grade.replace('+', 'plus')}`}
            role="img"
            aria-label={`Cookie grade ${report.grade}, score ${report.score} out of 100`}
          >
            <span class="grade-letter">{report.grade}</span>
            <span class="grade-score">score {report.score}</span>
          </div>
        </div>
      </header>
      <p class="grade-meaning" data-testid="grade-meaning">
        {gradeMeaning(report.grade, report.groups)}{' '}
        <span class="muted">The grade rates the site's cookies and web storage (100 points, less for each problem), not Cookie Lens.</span>
      </p>
      <dl class="counts" aria-label="Cookies by type">
        {(
          [
            ['Session', counts.session],
            ['Persistent', counts.persistent],
            ['Secure', counts.secure],
            ['Third-party', counts.thirdParty],
          ] as const
        ).map(([label, n]) => (
          <div key={label} class="count" data-count={label.toLowerCase()} title={COUNT_MEANING[label]}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      {(() => {
        const lasting = cookies.filter((c) => (c.role === 'session' || c.role === 'auth') && c.type === 'persistent');
        return lasting.length > 0 ? (
          <p class="count-note muted" data-testid="count-note">
            “Session” counts cookies without an expiry date. {lasting.length === 1 ? `"${lasting[0].name}" keeps` : `${lasting.length} login cookies keep`} you
            logged in but {lasting.length === 1 ? 'has' : 'have'} one: how long a cookie lasts and what it is for are different things.
          </p>
        ) : null;
      })()}
      {page.policy && (
        <details class="policy-status" data-testid="policy-status">
          <summary>
            Policy{page.policy.name ? ` “${page.policy.name}”` : ''}:{' '}
            {page.policy.violations.length + page.policy.errors.length === 0 ? (
              <span class="policy-pass">passed</span>
            ) : (
              <span class="policy-fail">{page.policy.violations.length + page.policy.errors.length} problems</span>
            )}
          </summary>
          <ul class="violations">
            {page.policy.violations.map((v) => (
              <li key={violationKey(v)}>✗ {v.message}</li>
            ))}
            {page.policy.errors.map((f) => (
              <li key={`${f.rule}|${f.message}`}>
                ✗ {f.rule}: {f.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="popup-tabs" role="tablist" aria-label="Sections">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            {...tabProps(TAB_IDS, id, tab, setTab)}
            aria-label={id === 'send' ? 'Would this cookie be sent?' : undefined}
            class={tab === id ? 'active' : ''}
            data-tab={id}
            onClick={() => setTab(id)}
          >
            {label}
            {id === 'findings'
              ? ` (${report.findingCount})`
              : id === 'cookies'
                ? ` (${counts.total})`
                : id === 'storage' && report.storageItemCount !== undefined
                  ? ` (${report.storageItemCount})`
                  : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" class="popup-panel" aria-labelledby={`tab-${tab}`}>
        {tab === 'findings' && (
          <FindingsView
            groups={report.groups}
            cookies={cookies}
            empty={counts.total ? 'No findings: these cookies look well configured.' : 'This site sets no cookies.'}
          />
        )}
        {tab === 'cookies' && (
          <CookiesView
            cookies={cookies}
            rejected={report.rejected}
            rejectedCount={report.rejectedCount}
            onPick={(c) => {
              setPicked(refKey(c));
              setTab('send');
            }}
          />
        )}
        {tab === 'storage' && (
          <StorageList storage={report.storage} total={report.storageItemCount} write={(op) => request('writeStorage', { tabId, op })} reload={reload} />
        )}
        {tab === 'learn' && <LearnView cookies={cookies} />}
        {tab === 'send' &&
          (cookies.length ? <SendTool cookies={cookies} pageUrl={page.url} pickedKey={picked} /> : <p class="empty">This site sets no cookies.</p>)}
      </div>
      {onOpenTable && (
        <footer class="popup-footer">
          <button type="button" class="link-button" onClick={onOpenTable}>
            Open the full cookie table in a tab
          </button>
        </footer>
      )}
    </main>
  );
}
