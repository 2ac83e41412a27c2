// The Cookies view: the filter and toolbar, the grid, the details pane, and the editor and import dialogs.
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnalyzedCookie } from '../../core/analyzed';
import { type Cookie, cookieHost, refKey, sameCookie } from '../../core/cookie';
import { applyFilter, narrows, type ParsedFilter, parseFilter, searchIndex } from '../../core/filter';
import { type Finding, severityRank } from '../../core/rule';
import { hostOf, siteOf } from '../../core/site';
import { request } from '../../messages';
import { plural } from '../format';
import { ConfirmDialog } from './confirm-dialog';
import { CookieEditor } from './cookie-editor';
import { CookieGrid } from './cookie-grid';
import { DetailPane } from './detail-pane';
import { ImportDialog } from './import-dialog';
import type { PanelContext } from './panel-context';
import { Toolbar } from './toolbar';
import { useCookieActions } from './use-cookie-actions';
import { useImport } from './use-import';

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

export function CookiesView({ ctx }: { ctx: PanelContext }) {
  const { page } = ctx;
  const { filterText, setFilterText, onlyIssues, setOnlyIssues, selectedKey, setSelectedKey, detailOpen, setDetailOpen } = ctx.cookies;
  const actions = useCookieActions(ctx);
  const importer = useImport(
    page?.storeId,
    (message) => {
      ctx.say(message);
      ctx.reload();
    },
    ctx.api.pageStorage?.write ?? ((op) => request('writeStorage', { tabId: ctx.api.tabId, op })),
  );
  // Asks the details pane to take the focus (Enter on a row): a counter the pane watches; 0 after a click,
  // which leaves the focus on the grid.
  const [focusDetail, setFocusDetail] = useState(0);
  /** "Delete all of site", asked first: the site's cookies as the store holds them (every path). */
  const [siteDelete, setSiteDelete] = useState<{ site: string; cookies: Cookie[]; kept: number } | null>(null);
  const askSiteDelete = async () => {
    if (!page?.site) return;
    const all = await request('siteCookies', { site: page.site, storeId: page.storeId });
    const kept = (page.report?.cookies ?? []).filter((c) => siteOf(cookieHost(c)) !== page.site).length;
    if (all.length === 0)
      ctx.say(
        `${page.site} has no cookies of its own${kept ? ` (the ${plural(kept, 'third-party cookie')} the page uses ${kept === 1 ? 'is' : 'are'} not its)` : ''}.`,
      );
    else setSiteDelete({ site: page.site, cookies: all, kept });
  };

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
  const keys = useMemo(() => cookies.map(refKey), [cookies]);
  const selectedIndex = selectedKey === undefined ? -1 : keys.indexOf(selectedKey);
  const selected = selectedIndex >= 0 ? cookies[selectedIndex] : undefined;

  // Filtering cost, for `npm run bench` (User Timing marks only; nothing leaves the page).
  useLayoutEffect(() => {
    if (performance.getEntriesByName('cookie-lens:filter-input').length) {
      performance.measure('cookie-lens:filter', 'cookie-lens:filter-input');
      performance.clearMarks('cookie-lens:filter-input');
    }
  }, [filterText]);

  if (!report) return null;
  const shown = () => visible.map((i) => cookies[i]);
  return (
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
        onAdd={() => actions.editor.open()}
        onDeleteShown={() => void actions.remove(shown(), ' (all shown)')}
        onDeleteSite={() => void askSiteDelete()}
        onExport={(f, t) => void actions.exportShown(shown(), f, t)}
        onExportReport={(f) => void actions.exportReport(f)}
        onImport={(file) => void importer.open(file)}
        containers={page?.containers?.length ? { all: ctx.allStores, onAll: ctx.setAllStores } : undefined}
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
              setFocusDetail(0);
            }}
            onOpen={() => {
              setDetailOpen(true);
              setFocusDetail((n) => n + 1);
            }}
            onDelete={() => selected && void actions.remove([selected], '')}
          />
        )}
        {selected && detailOpen && (
          <DetailPane
            cookie={selected}
            findings={lists[selectedIndex]}
            violations={page?.policy?.violations.filter((v) => sameCookie(v.cookie, selected))}
            now={Date.now()}
            focusRequest={focusDetail}
            onEdit={() => actions.editor.open(selected)}
            onDelete={() => void actions.remove([selected], '')}
            onCopy={actions.copy}
          />
        )}
      </div>
      {actions.editor.editing && (
        <CookieEditor
          cookie={actions.editor.editing.cookie}
          defaultHost={hostOf(page?.url ?? '')}
          defaultStoreId={page?.storeId}
          defaultSite={`${new URL(page?.url || 'https://example.invalid').protocol}//${page?.site ?? ''}`}
          error={actions.editor.error}
          onSave={(w) => void actions.editor.save(w)}
          onCancel={actions.editor.close}
        />
      )}
      {importer.state && (
        <ImportDialog
          state={importer.state}
          onConfirm={() => importer.state?.step === 'review' && void importer.confirm(importer.state.result.cookies, importer.state.file)}
          onCancel={importer.cancel}
        />
      )}
      {siteDelete && (
        <ConfirmDialog
          title={`Delete the cookies of ${siteDelete.site}?`}
          confirmLabel={`Delete ${plural(siteDelete.cookies.length, 'cookie')}`}
          onCancel={() => setSiteDelete(null)}
          onConfirm={() => {
            const { cookies: list, site } = siteDelete;
            setSiteDelete(null);
            void actions.remove(list, ` of ${site}`);
          }}
        >
          <p data-testid="site-delete-summary">
            {plural(siteDelete.cookies.length, 'cookie')} of {siteDelete.site} — every path, partitioned ones included — will be deleted.
            {siteDelete.kept > 0 && ` ${plural(siteDelete.kept, 'third-party cookie')} the page uses ${siteDelete.kept === 1 ? 'is' : 'are'} kept.`} The toast
            after it has Undo.
          </p>
          <ul class="import-list">
            {siteDelete.cookies.slice(0, 50).map((c) => (
              <li key={refKey(c)}>
                {c.name || '(nameless)'} — {c.domain}
                {c.path}
              </li>
            ))}
            {siteDelete.cookies.length > 50 && <li>… and {siteDelete.cookies.length - 50} more</li>}
          </ul>
        </ConfirmDialog>
      )}
    </>
  );
}
