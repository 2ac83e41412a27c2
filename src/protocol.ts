/**
 * The one protocol between the worker, the DevTools panel, the popup and the audit command: every request
 * with its parameters and result, every event, and the envelopes they travel in. Pure types and guards —
 * no browser API — so the CLI (which sends through puppeteer) and the worker share them; messages.ts is the
 * extension's transport over runtime messaging.
 */
import type { ContainerInfo, Report } from './core/analyzed';
import type { CompactReport } from './core/compact-report';
import type { Cookie } from './core/cookie';
import type { Policy, PolicyViolation } from './core/policy';
import type { Finding } from './core/rule';
import type { TimelinePage } from './core/timeline';
import type { FrameStorage } from './core/web-storage';
import type { StorageWrite, StorageWriteAnswer } from './page-storage';

export interface PageReport {
  tabId?: number;
  /** The top-level page the report is for. */
  url: string;
  site: string;
  storeId?: string;
  /** Set when the page cannot have cookies (browser-internal pages, file: URLs…). */
  unsupported?: string;
  /** The Firefox container the tab is in, and every container there is (for the "all containers" view). */
  container?: ContainerInfo;
  containers?: (ContainerInfo & { storeId: string })[];
  /** Findings here already follow the active policy's rule levels and allow-list. */
  report?: Report;
  /** The report in the popup's compact form, instead of `report`, when asked for (getReport `compact`). */
  compact?: CompactReport;
  policy?: PagePolicy;
  /** The site's active profile (test user), when one is saved and active. */
  profile?: string;
}

/** The active policy applied to the page. */
export interface PagePolicy {
  name?: string;
  violations: PolicyViolation[];
  /** Findings the policy made errors. */
  errors: Finding[];
  /** Per report cookie: passed every requirement that applies (undefined when none applies). */
  passed: (boolean | undefined)[];
}

/** A cookie to write: a stored one, or one from the editor or an import. */
export type CookieWrite = Pick<Cookie, 'name' | 'value' | 'domain' | 'hostOnly' | 'path' | 'secure' | 'httpOnly' | 'sameSite'> &
  Partial<Pick<Cookie, 'expirationDate' | 'storeId' | 'partitionKey' | 'session' | 'firstPartyDomain'>>;

export interface WriteResult {
  written: Cookie[];
  /** Each failed write, explained (`message`), with the browser's own words (`raw`) when they differ. */
  errors: { index: number; name: string; message: string; raw?: string }[];
  rolledBack: boolean;
}

/** A cookie an undo or rollback did not touch because the page changed it meanwhile. */
export interface LeftAlone {
  name: string;
  domain: string;
  reason: string;
}

/** What an import did, exactly. */
export interface ImportOutcome {
  /** Problems found before writing (the first ones; `problemCount` counts all): nothing was written. */
  problems: string[];
  problemCount: number;
  /** Cookies written and still in the store when it was read back. */
  written: number;
  /** Written, then gone when the store was read back: the browser evicted them (its per-site or total limit). */
  evicted: { name: string; domain: string }[];
  /** Written, then changed by the page before the store was read back. */
  changed: { name: string; domain: string }[];
  /** The write that failed (then everything was rolled back). */
  failed?: { name: string; message: string; raw?: string };
  cancelled: boolean;
  rolledBack: boolean;
  /** Cookies the rollback did not restore because the page changed them after the import wrote them. */
  leftAlone: LeftAlone[];
}

/** What a report is asked for with, besides the tab. */
export interface ReportRequest {
  /** Frames and resources DevTools sees. */
  urls?: readonly string[];
  /** Set-Cookie headers DevTools (or the audit) saw for the page. */
  setCookies?: { url: string; header: string }[];
  /** The page's cookies in every cookie store (all Firefox containers, private windows), not only the tab's. */
  allStores?: boolean;
  /** The popup's compact form (compact-report.ts) instead of the whole report. */
  compact?: boolean;
  /**
   * Web storage too: 'read' — the worker reads it (scripting); frames — what the DevTools panel read through
   * inspectedWindow.eval (the worker adds IndexedDB). Left out (the badge), the report has no `storage`.
   */
  storage?: 'read' | FrameStorage[];
}

/** One response of a tab that carried Set-Cookie (or a top-level document), as the worker saw it. */
export interface ResponseRecord {
  url: string;
  status: number;
  /** webRequest's resource type: main_frame, sub_frame, xmlhttprequest, script, … */
  type: string;
  frameId: number;
  /** ms since the epoch. */
  time: number;
  /** Each Set-Cookie header line, as UTF-8 text. */
  setCookies: string[];
}

export interface TabResponses {
  responses: ResponseRecord[];
  /** What the tab's current page (its document, frames and subresources) fetched: origin and path, once each. */
  urls: string[];
  /** Responses with cookies left out by the bounds (oldest first), since the tab opened. */
  dropped: number;
  /** Index in `responses` of the current page's document response: where "since the last navigation" starts. */
  pageStart: number;
}

/** A saved profile (test user), as lists show it: no cookie values. */
export interface ProfileSummary {
  name: string;
  savedAt: number;
  cookies: number;
  /** localStorage items. */
  items: number;
}

/** What a profile switch did. */
export interface ProfileSwitch {
  name: string;
  /** The site's cookies removed first. */
  removed: number;
  written: number;
  /** Saved cookies past their expiry: not written. */
  expired: number;
  /** localStorage items written. */
  items: number;
  errors: string[];
}

export interface Requests {
  /** Cookies of a tab's page (plus the given frame and resource URLs, and the Set-Cookie headers DevTools saw), analysed. */
  getReport: {
    params: { tabId: number } & ReportRequest;
    result: PageReport;
  };
  /**
   * Writes cookies (edits, adds). `replace`: cookies to remove first, when an edit changes what identifies
   * a cookie (name, domain, path, partition).
   */
  setCookies: { params: { cookies: CookieWrite[]; replace?: Cookie[] }; result: WriteResult };
  /**
   * Imports cookies into a store, all or nothing, after checking each against the storage model and the
   * store against the browser's limits; `dryRun` checks only. Progress arrives as importProgress events.
   */
  importCookies: { params: { id: string; cookies: CookieWrite[]; storeId?: string; dryRun?: boolean }; result: ImportOutcome };
  /** Stops a running import (it rolls back what it wrote). */
  cancelImport: { params: { id: string }; result: { cancelled: boolean } };
  /** Undo of a delete: writes the cookies back, except those the page has set again since. */
  restoreCookies: { params: { cookies: Cookie[] }; result: { restored: Cookie[]; leftAlone: LeftAlone[]; errors: WriteResult['errors'] } };
  /** Which of these cookies (by name, domain, path) the store holds now, partitioned ones included. */
  findCookies: { params: { refs: { name: string; domain: string; path: string }[]; storeId?: string }; result: boolean[] };
  /** The policy the extension checks pages against, as the user wrote it. */
  getPolicy: { params: Record<string, never>; result: { text?: string; policy?: Policy } };
  /** Validates and stores a policy (an empty text removes it); nothing is stored when it has errors. */
  setPolicy: { params: { text: string }; result: { errors: string[] } };
  /** Every cookie of a site in a store: its domain is the site's, on every path, partitioned ones included. */
  siteCookies: { params: { site: string; storeId?: string }; result: Cookie[] };
  /** Deletes cookies; returns the ones that were there, for undo. */
  removeCookies: { params: { cookies: Cookie[] }; result: { removed: Cookie[] } };
  /** The persisted change timeline, oldest first; only entries with seq > afterSeq. */
  getTimeline: { params: { afterSeq?: number }; result: TimelinePage };
  /** Sets (value) or removes (value null) one localStorage or sessionStorage item of a tab's page. */
  writeStorage: { params: { tabId: number; op: StorageWrite }; result: StorageWriteAnswer };
  /** The site's saved profiles (test users) and the active one. */
  listProfiles: { params: { site: string }; result: { profiles: ProfileSummary[]; active?: string } };
  /** Saves the tab's site cookies and localStorage as a profile; it becomes the active one. */
  saveProfile: { params: { tabId: number; name: string }; result: ProfileSummary };
  /** Replaces the tab's site cookies and localStorage with a profile's, and reloads the tab. */
  switchProfile: { params: { tabId: number; name: string }; result: ProfileSwitch };
  deleteProfile: { params: { site: string; name: string }; result: Record<string, never> };
  /** A profile encrypted with a passphrase (PBKDF2 + AES-GCM), as the text of a file to share. */
  exportProfile: { params: { site: string; name: string; passphrase: string }; result: { text: string } };
  /** Decrypts and stores a shared profile; a wrong passphrase is refused. */
  importProfile: { params: { text: string; passphrase: string }; result: { name: string; site: string; replaced: boolean } };
  /** What the worker saw a tab's responses set (webRequest): every response with Set-Cookie, redirects included. */
  getResponses: { params: { tabId: number }; result: TabResponses };
}

export interface Events {
  /**
   * New changes are in the timeline (seq in [firstSeq, nextSeq)), announced when the worker receives them
   * (getTimeline returns those not yet written with the seq they will get, and the `epoch` of the worker's run: a
   * new run may number anew what the last one never wrote). Pages fetch entries they want
   * with getTimeline; the event stays small and coalesced because a busy page fires thousands of changes a second.
   */
  timelineAppended: {
    firstSeq: number;
    nextSeq: number;
    dropped: number;
    domains: string[];
    /** The sites the changes touch: each cookie's site and, for a partitioned one, its top-level site. */
    sites: string[];
  };
  /** The policy was set or removed: reports change. */
  policyChanged: { name?: string };
  /** An import has written `done` of `total` cookies. */
  importProgress: { id: string; done: number; total: number };
  /** A tab's response log has new responses. */
  responsesAppended: { tabId: number };
}

export type RequestName = keyof Requests;
export type EventName = keyof Events;

export interface RequestMessage<K extends RequestName = RequestName> {
  kind: 'request';
  name: K;
  params: Requests[K]['params'];
}

export interface EventMessage<K extends EventName = EventName> {
  kind: 'event';
  name: K;
  data: Events[K];
}

/** What the worker answers to a request: the result, or the error's message (errors do not survive cloning). */
export type Reply<T> = { ok: true; result: T } | { ok: false; error: string };

export function isRequest(m: unknown): m is RequestMessage {
  return typeof m === 'object' && m !== null && (m as RequestMessage).kind === 'request';
}

export function isEvent(m: unknown): m is EventMessage {
  return typeof m === 'object' && m !== null && (m as EventMessage).kind === 'event';
}
