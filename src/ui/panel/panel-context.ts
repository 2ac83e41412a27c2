// What the panel's shell hands every view: the page's report and how to refresh it, the network log, and the
// toast. One object, so a view added to the registry (views.tsx) needs nothing from the shell but this.
import type { Cookie } from '../../core/cookie';
import type { PageReport, TabResponses } from '../../protocol';
import type { DevtoolsApi } from './devtools-api';
import type { CookiesViewState } from './use-cookies-view-state';
import type { SetCookieSeen } from './use-network-log';

export interface PanelContext {
  api: DevtoolsApi;
  page?: PageReport;
  /** Read the page's cookies again (after an edit, an import, a navigation). */
  reload(): void;
  /** The worker's log of the tab's responses (webRequest): what the Network view lists. */
  responses?: TabResponses;
  /** Set-Cookie headers DevTools saw for the page (its HAR; the worker keeps its own log too). */
  log: readonly SetCookieSeen[];
  /** Shows a message in the toast; with cookies, an Undo that restores them. */
  /** A toast; `undo` is deleted cookies to write back, or an action that undoes and says how it went. */
  say(message: string, undo?: Cookie[] | (() => Promise<string>)): void;
  /** Firefox: the page's cookies from every container. */
  allStores: boolean;
  setAllStores(all: boolean): void;
  /** Opens another view (by its registry id). */
  showView(id: string): void;
  /** The Cookies view's filter and selection, kept by the shell so they survive switching views. */
  cookies: CookiesViewState;
}
