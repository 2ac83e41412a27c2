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
}
