// What every tab's responses said about cookies, seen by the worker itself (webRequest, observing only):
// each response that carried Set-Cookie (redirects included), with its URL, status, frame and header lines,
// and the URLs the tab's current page fetched. The popup, the panel (in DevTools or as a tab), Firefox and
// the badge read it, so none of them depends on DevTools being open. Kept in storage.session (a worker
// restart loses nothing; the browser clears it when it closes) and forgotten when the tab closes.
import { headerText } from '../core/header-text';
import type { ResponseRecord, TabResponses } from '../protocol';

export type { ResponseRecord, TabResponses } from '../protocol';

/** The bounds of one tab's log (README: Permissions). */
export const LOG_LIMITS = { responses: 1000, bytes: 2 * 1024 * 1024, urls: 1000, headerChars: 16 * 1024 };

export interface ResponseDetails {
  tabId: number;
  url: string;
  statusCode: number;
  type: string;
  frameId: number;
  timeStamp: number;
  responseHeaders?: { name: string; value?: string; binaryValue?: number[] }[];
}

interface SessionArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const KEY = (tabId: number) => `responses:${tabId}`;
const recordBytes = (r: ResponseRecord) => r.url.length + r.type.length + 40 + r.setCookies.reduce((n, h) => n + h.length + 3, 0);
const isRedirect = (status: number) => status >= 300 && status < 400;

/** A URL without its query and fragment: what decides which cookies a request carries. */
function originAndPath(url: string): string | undefined {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? `${u.origin}${u.pathname}` : undefined;
  } catch {
    return undefined;
  }
}

interface TabState extends TabResponses {
  bytes: number;
}

/** Tabs whose log stays in the worker's memory; the others are read back from storage.session when needed. */
const RESIDENT_TABS = 4;

export class ResponseLog {
  private readonly tabs = new Map<number, TabState>();
  private readonly loading = new Map<number, Promise<TabState>>();
  private readonly dirty = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly area: SessionArea,
    private readonly delayMs = 100,
    /** Told after a tab's new responses are written (the pages refresh their Network view). */
    private readonly written: (tabId: number) => void = () => undefined,
  ) {}

  /** How many tabs' logs are in memory now (at most RESIDENT_TABS once written). */
  get resident(): number {
    return this.tabs.size;
  }

  private async state(tabId: number): Promise<TabState> {
    const known = this.tabs.get(tabId);
    if (known) {
      // Most recently used last: eviction takes the first.
      this.tabs.delete(tabId);
      this.tabs.set(tabId, known);
      return known;
    }
    let pending = this.loading.get(tabId);
    if (!pending) {
      pending = this.area.get(KEY(tabId)).then((stored) => {
        const text = stored[KEY(tabId)];
        const saved = typeof text === 'string' ? (JSON.parse(text) as TabResponses) : undefined;
        const state: TabState = saved
          ? { ...saved, bytes: saved.responses.reduce((n, r) => n + recordBytes(r), 0) }
          : { responses: [], urls: [], dropped: 0, pageStart: 0, bytes: 0 };
        this.tabs.set(tabId, state);
        this.loading.delete(tabId);
        return state;
      });
      this.loading.set(tabId, pending);
    }
    return pending;
  }

  /** One response of a tab (onHeadersReceived). Synchronous bookkeeping; the write follows within delayMs. */
  observe(d: ResponseDetails): void {
    if (d.tabId < 0) return;
    void this.state(d.tabId).then((s) => this.apply(s, d));
  }

  private apply(s: TabState, d: ResponseDetails): void {
    const setCookies = (d.responseHeaders ?? [])
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      // One header value can hold several lines (HAR joins a response's Set-Cookie headers with "\n").
      .flatMap((h) => headerText(h).split('\n'))
      .filter((line) => line.trim() !== '')
      .map((line) => (line.length > LOG_LIMITS.headerChars ? line.slice(0, LOG_LIMITS.headerChars) : line));
    const newPage = d.type === 'main_frame' && !isRedirect(d.statusCode);
    if (newPage) s.urls = [];
    const where = originAndPath(d.url);
    if (where && !s.urls.includes(where) && s.urls.length < LOG_LIMITS.urls) s.urls.push(where);
    if (setCookies.length || d.type === 'main_frame') {
      const record: ResponseRecord = { url: d.url, status: d.statusCode, type: d.type, frameId: d.frameId, time: Math.round(d.timeStamp), setCookies };
      s.responses.push(record);
      s.bytes += recordBytes(record);
      // A redirect chain is one navigation: the page starts at its first response.
      if (newPage) {
        let start = s.responses.length - 1;
        while (start > 0 && s.responses[start - 1].type === 'main_frame' && isRedirect(s.responses[start - 1].status)) start--;
        s.pageStart = start;
      }
      while (s.responses.length > LOG_LIMITS.responses || s.bytes > LOG_LIMITS.bytes) {
        const old = s.responses.shift() as ResponseRecord;
        s.bytes -= recordBytes(old);
        if (old.setCookies.length) s.dropped++;
        s.pageStart = Math.max(0, s.pageStart - 1);
      }
    }
    this.dirty.add(d.tabId);
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
  }

  /** Writes every changed tab's log now. A write the session quota refuses sheds the oldest half (counted); other failures are retried. */
  async flush(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) {
      const s = this.tabs.get(id);
      if (!s) continue;
      const { bytes: _, ...saved } = s;
      try {
        await this.area.set({ [KEY(id)]: JSON.stringify(saved) });
        this.written(id);
      } catch (error) {
        this.dirty.add(id);
        // Anything but the quota (a storage hiccup): try again later, losing nothing.
        if (!/quota/i.test(String(error))) {
          setTimeout(() => this.schedule(), 1000);
          continue;
        }
        const half = Math.ceil(s.responses.length / 2);
        s.dropped += s.responses.slice(0, half).filter((r) => r.setCookies.length).length;
        s.responses = s.responses.slice(half);
        s.bytes = s.responses.reduce((n, r) => n + recordBytes(r), 0);
        s.pageStart = Math.max(0, s.pageStart - half);
        this.schedule();
      }
    }
    // The worker's memory holds a few tabs; the rest are in storage.session already (written above).
    for (const id of this.tabs.keys()) {
      if (this.tabs.size <= RESIDENT_TABS) break;
      if (!this.dirty.has(id)) this.tabs.delete(id);
    }
  }

  /** The tab's log (a copy), read back from storage.session after a worker restart. */
  async forTab(tabId: number): Promise<TabResponses> {
    const { bytes: _, ...s } = await this.state(tabId);
    return structuredClone(s);
  }

  /** The tab closed: its log goes. */
  async forget(tabId: number): Promise<void> {
    this.tabs.delete(tabId);
    this.dirty.delete(tabId);
    await this.area.remove(KEY(tabId));
  }
}
