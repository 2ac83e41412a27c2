import type { FrameStorage } from '../../core/web-storage';
import type { StorageWrite, StorageWriteAnswer } from '../../page-storage';

/**
 * What the panel needs from the DevTools APIs, passed in as plain functions so the panel renders the
 * same under test (with fakes) as in the real DevTools.
 */
export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  request: { url: string; method?: string };
  response: { status?: number; headers: HarHeader[] };
}

export interface DevtoolsApi {
  tabId: number;
  /** URLs of the page's frames and resources. */
  resourceUrls(): Promise<string[]>;
  /** Requests DevTools has seen so far. */
  getHar(): Promise<HarEntry[]>;
  onRequestFinished(listener: (entry: HarEntry) => void): () => void;
  onNavigated(listener: (url: string) => void): () => void;
  /** 'dark' or 'default', as DevTools' own theme. */
  themeName: string;
  /** DevTools' theme changed while the panel is open (or, as a tab, the system's); returns the unsubscribe. */
  onThemeChanged?(listener: (themeName: string) => void): () => void;
  /**
   * The inspected page's web storage through DevTools itself (inspectedWindow.eval); absent (the panel as a
   * tab), the worker reads and writes it (scripting).
   */
  pageStorage?: {
    read(): Promise<FrameStorage[]>;
    write(op: StorageWrite): Promise<StorageWriteAnswer>;
  };
  /** True when the panel page runs in a tab of its own (`panel.html?tabId=N`), outside DevTools: no network log. */
  standalone?: boolean;
}

/** The tab id a standalone page was opened for (`?tabId=N`), or undefined. */
export function tabIdFromQuery(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/**
 * The panel outside DevTools (a tab of its own, e.g. in Firefox where a test or a user opens
 * `panel.html?tabId=N`): the cookie report, timeline and editing work as in DevTools; the network log
 * needs DevTools' HAR and stays empty, with a message saying so.
 */
export function standaloneApi(tabId: number, options: { dark: boolean; onNavigated(listener: (url: string) => void): () => void }): DevtoolsApi {
  return {
    tabId,
    resourceUrls: async () => [],
    getHar: async () => [],
    onRequestFinished: () => () => undefined,
    onNavigated: options.onNavigated,
    themeName: options.dark ? 'dark' : 'default',
    onThemeChanged(listener) {
      // As a tab the theme source is the system's.
      const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
      const onChange = (e: MediaQueryListEvent) => listener(e.matches ? 'dark' : 'default');
      query?.addEventListener('change', onChange);
      return () => query?.removeEventListener('change', onChange);
    },
    standalone: true,
  };
}
