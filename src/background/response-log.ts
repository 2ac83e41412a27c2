// What every tab's responses said about cookies, seen by the worker itself (webRequest, observing only):
// each response that carried Set-Cookie (redirects included), with its URL, status, frame and header lines,
// and the URLs the tab's current page fetched. The popup, the panel (in DevTools or as a tab), Firefox and
// the badge read it, so none of them depends on DevTools being open. Kept in storage.session (a worker
// restart loses nothing; the browser clears it when it closes) and forgotten when the tab closes.
import { setCookieLines } from '../core/header-text';
import type { ResponseRecord, TabResponses } from '../protocol';
import type { StorageArea } from './storage-budget';

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

const META = (tabId: number) => `responses:${tabId}`;
const RECORD = (tabId: number, n: number) => `responses:${tabId}:${n}`;
const URL_CHUNK = (tabId: number, n: number) => `responses:${tabId}:u${n}`;
/** The current page's URLs are stored in chunks of this many, append-only like the records (a page fetches hundreds). */
const URL_CHUNK_SIZE = 32;
/*
 * Each record is its own item, written once: a flush writes the records that arrived and the small meta, never
 * a record again. Chunks of 8 records, rewritten while they filled, wrote a page's record ~4.5 times over on the
 * cookie-heavy set (40 Set-Cookie lines a response; ~4 % of the worker's CPU there). A worker that starts again
 * reads up to 1,000 items per tab. (storage.session is emptied when the extension is updated or reloaded, so no
 * log in the older layout is ever read.)
 */
/** What is stored besides the records; `first`, `total` and `pageStart` are absolute record numbers. */
interface StoredMeta {
  /** How many URLs the current page's URL chunks hold. */
  urlCount: number;
  dropped: number;
  first: number;
  total: number;
  pageStart: number;
}
/** The numbers of the URL chunks that hold URLs `from` … `to - 1`. */
function urlChunks(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = Math.floor(from / URL_CHUNK_SIZE); n * URL_CHUNK_SIZE < to; n++) out.push(n);
  return out;
}
const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

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

interface TabState {
  /** Records `first` … `first + responses.length - 1`, in order. */
  responses: ResponseRecord[];
  first: number;
  urls: string[];
  /** The same URLs, for the check each response makes. */
  urlSet: Set<string>;
  /** URLs below this number are stored (never more than `urls` holds); URL chunks from its chunk on are rewritten at the next flush. */
  urlsStored: number;
  /** URL chunks of an earlier page, to remove at the next flush. */
  staleUrls: number[];
  /** Counts the pages the URLs were reset for (a flush that overlaps a reset must not mark the new list stored). */
  urlPage: number;
  dropped: number;
  /** Absolute number of the current page's first record. */
  pageStart: number;
  bytes: number;
  /** Records below this number are stored; the rest are written at the next flush. */
  stored: number;
  /** Numbers of dropped records (stored or maybe in a write under way): their items are removed at the next flush. */
  stale: number[];
}

/** Tabs whose log stays in the worker's memory; the others are read back from storage.session when needed. */
const RESIDENT_TABS = 4;

export class ResponseLog {
  private readonly tabs = new Map<number, TabState>();
  private readonly loading = new Map<number, Promise<TabState>>();
  private readonly dirty = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unannounced = new Set<number>();
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Writes wait `delayMs` (100: a worker stopped by hand just after a page load keeps its responses — nothing
   * would mark them lost), while `appended` hears of new responses within `announceMs`: a view reads the log from
   * the worker's memory, so it need not wait for the write.
   */
  constructor(
    private readonly area: StorageArea,
    private readonly delayMs = 100,
    /** Told when a tab has new responses (the pages refresh their Network view). */
    private readonly appended: (tabId: number) => void = () => undefined,
    private readonly announceMs = 100,
  ) {}

  /** How many tabs' logs are in memory now (at most RESIDENT_TABS once written). */
  get resident(): number {
    return this.tabs.size;
  }

  private async load(tabId: number): Promise<TabState> {
    const meta = (await this.area.get(META(tabId)))[META(tabId)];
    if (typeof meta !== 'string') {
      return {
        responses: [],
        first: 0,
        urls: [],
        urlSet: new Set(),
        urlsStored: 0,
        staleUrls: [],
        urlPage: 0,
        dropped: 0,
        pageStart: 0,
        bytes: 0,
        stored: 0,
        stale: [],
      };
    }
    const m = JSON.parse(meta) as StoredMeta;
    const numbers = range(m.first, m.total);
    const urlKeys = urlChunks(0, m.urlCount).map((n) => URL_CHUNK(tabId, n));
    const stored = await this.area.get([...numbers.map((n) => RECORD(tabId, n)), ...urlKeys]);
    const urls = urlKeys.flatMap((key) => (typeof stored[key] === 'string' ? (JSON.parse(stored[key]) as string[]) : []));
    const responses: ResponseRecord[] = [];
    // A record missing (its write never landed, or a removal raced it) is skipped and counted, not hidden. The
    // log is then numbered again from its end back, so the records before the gap move up by the gap's size,
    // and all of them are written again at the tab's next flush (the old numbers below `first` removed).
    let missing = 0;
    let pageStart = m.pageStart;
    for (const n of numbers) {
      const text = stored[RECORD(tabId, n)];
      if (typeof text === 'string') responses.push(JSON.parse(text) as ResponseRecord);
      else {
        missing++;
        if (n < m.pageStart) pageStart--;
      }
    }
    const first = m.first + missing;
    return {
      responses,
      first,
      urls,
      urlSet: new Set(urls),
      // A URL chunk lost makes the list shorter: its chunks are written again from the first missing one.
      urlsStored: urls.length === m.urlCount ? urls.length : 0,
      staleUrls: [],
      urlPage: 0,
      dropped: m.dropped + missing,
      pageStart: Math.max(first, pageStart + missing),
      bytes: responses.reduce((n, r) => n + recordBytes(r), 0),
      stored: missing ? first : m.total,
      stale: missing ? range(m.first, first) : [],
    };
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
      pending = this.load(tabId).then((state) => {
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
    const setCookies = setCookieLines(d.responseHeaders ?? []).map((line) =>
      line.length > LOG_LIMITS.headerChars ? line.slice(0, LOG_LIMITS.headerChars) : line,
    );
    const newPage = d.type === 'main_frame' && !isRedirect(d.statusCode);
    if (newPage) {
      // The earlier page's URL chunks go at the next flush (but those the new page's URLs will overwrite).
      s.staleUrls.push(...urlChunks(0, s.urls.length));
      s.urls = [];
      s.urlSet.clear();
      s.urlsStored = 0;
      s.urlPage++;
    }
    const where = originAndPath(d.url);
    if (where && !s.urlSet.has(where) && s.urls.length < LOG_LIMITS.urls) {
      s.urls.push(where);
      s.urlSet.add(where);
    }
    if (setCookies.length || d.type === 'main_frame') {
      const record: ResponseRecord = { url: d.url, status: d.statusCode, type: d.type, frameId: d.frameId, time: Math.round(d.timeStamp), setCookies };
      s.responses.push(record);
      s.bytes += recordBytes(record);
      // A redirect chain is one navigation: the page starts at its first response.
      if (newPage) {
        let start = s.responses.length - 1;
        while (start > 0 && s.responses[start - 1].type === 'main_frame' && isRedirect(s.responses[start - 1].status)) start--;
        s.pageStart = s.first + start;
      }
      while (s.responses.length > LOG_LIMITS.responses || s.bytes > LOG_LIMITS.bytes) this.dropOldest(s, 1);
    }
    this.dirty.add(d.tabId);
    this.schedule();
    this.unannounced.add(d.tabId);
    this.announceTimer ??= setTimeout(() => {
      this.announceTimer = undefined;
      const ids = [...this.unannounced];
      this.unannounced.clear();
      for (const id of ids) this.appended(id);
    }, this.announceMs);
  }

  private dropOldest(s: TabState, count: number): void {
    for (const old of s.responses.splice(0, count)) {
      s.bytes -= recordBytes(old);
      if (old.setCookies.length) s.dropped++;
      s.stale.push(s.first);
      s.first++;
    }
    s.pageStart = Math.max(s.pageStart, s.first);
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
  }

  /** What a flush writes for a tab: the meta, the URL chunks from the first one not fully stored, and the new records. */
  private items(tabId: number, s: TabState): Record<string, string> {
    const total = s.first + s.responses.length;
    const meta: StoredMeta = { urlCount: s.urls.length, dropped: s.dropped, first: s.first, total, pageStart: s.pageStart };
    const items: Record<string, string> = { [META(tabId)]: JSON.stringify(meta) };
    for (const n of urlChunks(s.urlsStored, s.urls.length)) {
      items[URL_CHUNK(tabId, n)] = JSON.stringify(s.urls.slice(n * URL_CHUNK_SIZE, (n + 1) * URL_CHUNK_SIZE));
    }
    for (const n of range(Math.max(s.stored, s.first), total)) items[RECORD(tabId, n)] = JSON.stringify(s.responses[n - s.first]);
    return items;
  }

  /**
   * Writes every changed tab's new records now (append-only, so a flush costs what arrived, not the
   * log's size). A write the session quota refuses sheds the oldest half (counted); other failures are retried.
   */
  async flush(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) {
      const s = this.tabs.get(id);
      if (!s) continue;
      const total = s.first + s.responses.length;
      const urls = s.urls.length;
      const page = s.urlPage;
      const staleRecords = s.stale.splice(0);
      const rewritten = new Set(urlChunks(s.urlsStored, urls));
      const staleUrls = [...new Set(s.staleUrls.splice(0))].filter((n) => !rewritten.has(n));
      try {
        const stale = [...staleRecords.map((n) => RECORD(id, n)), ...staleUrls.map((n) => URL_CHUNK(id, n))];
        if (stale.length) await this.area.remove(stale);
        await this.area.set(this.items(id, s));
        s.stored = total;
        if (s.urlPage === page) s.urlsStored = urls;
      } catch (error) {
        this.dirty.add(id);
        // Removed or not, the stale keys are tried again (removing a missing key is harmless).
        s.stale.push(...staleRecords);
        s.staleUrls.push(...staleUrls);
        // Anything but the quota (a storage hiccup): try again later, losing nothing.
        if (!/quota/i.test(String(error))) {
          setTimeout(() => this.schedule(), 1000);
          continue;
        }
        this.dropOldest(s, Math.ceil(s.responses.length / 2));
        this.schedule();
      }
    }
    // The worker's memory holds a few tabs; the rest are in storage.session already (written above).
    for (const id of this.tabs.keys()) {
      if (this.tabs.size <= RESIDENT_TABS) break;
      if (!this.dirty.has(id)) this.tabs.delete(id);
    }
  }

  /** The tab's log, read back from storage.session after a worker restart. Records are shared, not copied: never mutated. */
  async forTab(tabId: number): Promise<TabResponses> {
    const s = await this.state(tabId);
    return { responses: s.responses.slice(), urls: s.urls.slice(), dropped: s.dropped, pageStart: s.pageStart - s.first };
  }

  /** The tab closed: its log goes. */
  async forget(tabId: number): Promise<void> {
    const s = this.tabs.get(tabId) ?? (await this.state(tabId));
    this.tabs.delete(tabId);
    this.dirty.delete(tabId);
    await this.area.remove([
      META(tabId),
      ...range(s.first, s.first + s.responses.length).map((n) => RECORD(tabId, n)),
      ...s.stale.map((n) => RECORD(tabId, n)),
      ...urlChunks(0, s.urls.length).map((n) => URL_CHUNK(tabId, n)),
      ...s.staleUrls.map((n) => URL_CHUNK(tabId, n)),
    ]);
  }
}
