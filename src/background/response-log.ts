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
const CHUNK = (tabId: number, n: number) => `responses:${tabId}:${n}`;
const URL_CHUNK = (tabId: number, n: number) => `responses:${tabId}:u${n}`;
/** The current page's URLs are stored in chunks of this many, append-only like the records (a page fetches hundreds). */
const URL_CHUNK_SIZE = 32;
/**
 * Records per stored chunk: a flush rewrites only the chunk being filled, never the whole log. Small, since a
 * record holds every Set-Cookie line of its response (1–3 KB on a typical page): with 50 a flush re-serialised
 * ~25 records (~40 KB) per page load; with 8, ~4. A worker that starts again reads 1,000 / 8 items per tab.
 */
const CHUNK_RECORDS = 8;

/** What is stored besides the chunks; `first` and `pageStart` are absolute record numbers. */
interface StoredMeta {
  /** How many URLs the current page's URL chunks hold. */
  urlCount: number;
  dropped: number;
  first: number;
  total: number;
  pageStart: number;
}
/** The numbers of the chunks that hold records `first` … `total - 1`. */
const urlChunks = (from: number, to: number): number[] => chunksOf(from, to, URL_CHUNK_SIZE);
function chunksOf(first: number, total: number, size = CHUNK_RECORDS): number[] {
  const out: number[] = [];
  for (let n = Math.floor(first / size); n * size < total; n++) out.push(n);
  return out;
}

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
  /** Records below this number are stored; chunks from its chunk on are rewritten at the next flush. */
  stored: number;
  /** Chunks that held records now dropped, to remove at the next flush. */
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
    const chunks = chunksOf(m.first, m.total);
    const urlKeys = urlChunks(0, m.urlCount).map((n) => URL_CHUNK(tabId, n));
    const stored = await this.area.get([...chunks.map((n) => CHUNK(tabId, n)), ...urlKeys]);
    const urls = urlKeys.flatMap((key) => (typeof stored[key] === 'string' ? (JSON.parse(stored[key]) as string[]) : []));
    const responses: ResponseRecord[] = [];
    for (const n of chunks) {
      const text = stored[CHUNK(tabId, n)];
      const records = typeof text === 'string' ? (JSON.parse(text) as ResponseRecord[]) : [];
      const base = n * CHUNK_RECORDS;
      for (const [j, r] of records.entries()) if (base + j >= m.first && base + j < m.total) responses.push(r);
    }
    // A chunk lost (a write that never landed) shortens the log; what is missing is counted, not hidden.
    const missing = m.total - m.first - responses.length;
    return {
      responses,
      first: m.total - responses.length,
      urls,
      urlSet: new Set(urls),
      // A URL chunk lost makes the list shorter: its chunks are written again from the first missing one.
      urlsStored: urls.length === m.urlCount ? urls.length : 0,
      staleUrls: [],
      urlPage: 0,
      dropped: m.dropped + Math.max(0, missing),
      pageStart: Math.max(m.pageStart, m.total - responses.length),
      bytes: responses.reduce((n, r) => n + recordBytes(r), 0),
      stored: m.total,
      stale: [],
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
      if ((s.first + 1) % CHUNK_RECORDS === 0) s.stale.push(Math.floor(s.first / CHUNK_RECORDS));
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

  /** What a flush writes for a tab: the meta and the chunks from the first one not fully stored. */
  private items(tabId: number, s: TabState): Record<string, string> {
    const total = s.first + s.responses.length;
    const meta: StoredMeta = { urlCount: s.urls.length, dropped: s.dropped, first: s.first, total, pageStart: s.pageStart };
    const items: Record<string, string> = { [META(tabId)]: JSON.stringify(meta) };
    for (const n of urlChunks(s.urlsStored, s.urls.length)) {
      items[URL_CHUNK(tabId, n)] = JSON.stringify(s.urls.slice(n * URL_CHUNK_SIZE, (n + 1) * URL_CHUNK_SIZE));
    }
    for (const n of chunksOf(Math.max(s.stored, s.first), total)) {
      const from = Math.max(n * CHUNK_RECORDS, s.first) - s.first;
      const to = Math.min((n + 1) * CHUNK_RECORDS, total) - s.first;
      // A chunk's records start at its boundary; a first chunk cut by drops keeps its place with nulls.
      const pad = Math.max(0, s.first - n * CHUNK_RECORDS);
      items[CHUNK(tabId, n)] = JSON.stringify([...Array(pad).fill(null), ...s.responses.slice(from, to)]);
    }
    return items;
  }

  /**
   * Writes every changed tab's new records now (append-only chunks, so a flush costs what arrived, not the
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
      const staleChunks = s.stale.splice(0);
      const rewritten = new Set(urlChunks(s.urlsStored, urls));
      const staleUrls = [...new Set(s.staleUrls.splice(0))].filter((n) => !rewritten.has(n));
      try {
        const stale = [...staleChunks.map((n) => CHUNK(id, n)), ...staleUrls.map((n) => URL_CHUNK(id, n))];
        if (stale.length) await this.area.remove(stale);
        await this.area.set(this.items(id, s));
        s.stored = total;
        if (s.urlPage === page) s.urlsStored = urls;
      } catch (error) {
        this.dirty.add(id);
        // Removed or not, the stale keys are tried again (removing a missing key is harmless).
        s.stale.push(...staleChunks);
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
      ...chunksOf(s.first, s.first + s.responses.length).map((n) => CHUNK(tabId, n)),
      ...urlChunks(0, s.urls.length).map((n) => URL_CHUNK(tabId, n)),
      ...s.staleUrls.map((n) => URL_CHUNK(tabId, n)),
    ]);
  }
}
