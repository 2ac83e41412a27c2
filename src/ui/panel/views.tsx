// The panel's views: one registry. A new view is its own component taking the PanelContext, and one entry
// here (id, tab label, component); the shell renders the tabs and the active view from this list, and the
// view catalogue test (test/ui/panel-views.test.tsx) opens each one.
import type { ComponentType } from 'preact';
import { useMemo } from 'preact/hooks';
import { cookieHost, refKey } from '../../core/cookie';
import { siteOf } from '../../core/site';
import type { TimelineRow } from '../../core/timeline-view';
import { request } from '../../messages';
import { localDateTime } from '../format';
import { StorageList } from '../storage-list';
import { CookiesView } from './cookies-view';
import { NetworkView, networkRows } from './network-view';
import type { PanelContext } from './panel-context';
import { PolicyView } from './policy-view';
import { ProfilesView } from './profiles-view';
import { restoreCookie } from './restore';
import { TimelineView } from './timeline-view';

export interface PanelView {
  id: string;
  /** The tab's label, which may count what the view holds ("Network (3)"). */
  label(ctx: PanelContext): string;
  View: ComponentType<{ ctx: PanelContext }>;
}

function Timeline({ ctx }: { ctx: PanelContext }) {
  const { page } = ctx;
  const cookies = page?.report?.cookies;
  const pageSites = useMemo(() => new Set([page?.site ?? '', ...(cookies ?? []).map((c) => siteOf(c.domain))]), [page?.site, cookies]);
  const containers = useMemo(() => new Map((page?.containers ?? []).map(({ storeId, ...info }) => [storeId, info])), [page?.containers]);
  const restore = async (row: TimelineRow) => {
    if (!row.before) return;
    const { message, undo } = await restoreCookie(row.before, localDateTime(row.time, true));
    ctx.say(message, undo);
    ctx.reload();
  };
  return <TimelineView pageSites={pageSites} containers={containers} onRestore={(row) => void restore(row)} />;
}

/**
 * Set-Cookie headers of the current page: the worker's log from the page's first response, and DevTools' extra
 * ones. The shell asks on every render (each keystroke in the filter): counted again only when a log changes.
 */
let counted: { responses: PanelContext['responses']; log: PanelContext['log']; count: number } | undefined;
function setCookieCount({ responses, log }: PanelContext): number {
  if (!counted || counted.responses !== responses || counted.log !== log)
    counted = { responses, log, count: networkRows(responses, log, false).filter((r) => r.header !== undefined).length };
  return counted.count;
}

function Network({ ctx }: { ctx: PanelContext }) {
  const cookies = ctx.page?.report?.cookies;
  const show = (ref: { name: string; domain: string; path: string }) => {
    const c = cookies?.find((x) => x.name === ref.name && cookieHost(x) === cookieHost(ref) && x.path === ref.path);
    if (!c) return;
    ctx.cookies.setSelectedKey(refKey(c));
    ctx.cookies.setDetailOpen(true);
    ctx.showView('cookies');
  };
  return <NetworkView log={ctx.responses} har={ctx.log} storeId={ctx.page?.storeId} version={cookies?.length ?? 0} onShowCookie={show} />;
}

export const PANEL_VIEWS: readonly PanelView[] = [
  { id: 'cookies', label: () => 'Cookies', View: CookiesView },
  { id: 'timeline', label: () => 'Timeline', View: Timeline },
  {
    id: 'network',
    label: (ctx) => `Network (${setCookieCount(ctx)})`,
    View: Network,
  },
  {
    id: 'storage',
    label: ({ page }) => `Storage${page?.report?.storage ? ` (${page.report.storage.items.length})` : ''}`,
    View: ({ ctx }) => (
      <StorageList
        storage={ctx.page?.report?.storage}
        write={ctx.api.pageStorage?.write ?? ((op) => request('writeStorage', { tabId: ctx.api.tabId, op }))}
        reload={ctx.reload}
      />
    ),
  },
  {
    id: 'profiles',
    label: ({ page }) => `Profiles${page?.profile ? ` (${page.profile})` : ''}`,
    View: ProfilesView,
  },
  {
    id: 'policy',
    label: ({ page }) => `Policy${page?.policy ? ` (${page.policy.violations.length + page.policy.errors.length ? 'fail' : 'pass'})` : ''}`,
    View: ({ ctx }) => <PolicyView pagePolicy={ctx.page?.policy} />,
  },
];
