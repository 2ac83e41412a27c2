/**
 * The one protocol between the worker, the DevTools panel and the popup.
 * Requests go to the worker (`request`), which answers through `serveRequests`; events go from the worker
 * to every open page (`emit` / `onEvent`). Both ends are typed from the two maps below.
 */
import browser from 'webextension-polyfill';
import type { ContainerInfo, Report } from './core/analyzed';
import { errorMessage } from './core/browser-errors';
import type { CompactReport } from './core/compact-report';
import type { Cookie } from './core/cookie';
import type { Policy, PolicyViolation } from './core/policy';
import type { Finding } from './core/rule';
import type { TimelinePage } from './core/timeline';

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

export interface Requests {
  /** Cookies of a tab's page (plus the given frame and resource URLs, and the Set-Cookie headers DevTools saw), analysed. */
  getReport: {
    params: { tabId: number; urls?: string[]; setCookies?: { url: string; header: string }[]; allStores?: boolean; compact?: boolean };
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
  /** Deletes cookies; returns the ones that were there, for undo. */
  removeCookies: { params: { cookies: Cookie[] }; result: { removed: Cookie[] } };
  /** The persisted change timeline, oldest first; only entries with seq > afterSeq. */
  getTimeline: { params: { afterSeq?: number }; result: TimelinePage };
}

export interface Events {
  /**
   * New changes are in the timeline (seq in [firstSeq, nextSeq)). Pages fetch entries they want with
   * getTimeline; the event stays small because a busy page fires thousands of changes a second.
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
}

export type RequestName = keyof Requests;
export type EventName = keyof Events;

interface RequestMessage<K extends RequestName = RequestName> {
  kind: 'request';
  name: K;
  params: Requests[K]['params'];
}

interface EventMessage<K extends EventName = EventName> {
  kind: 'event';
  name: K;
  data: Events[K];
}

type Reply<T> = { ok: true; result: T } | { ok: false; error: string };

export type Handlers = {
  [K in RequestName]: (params: Requests[K]['params'], sender: browser.Runtime.MessageSender) => Promise<Requests[K]['result']>;
};

export async function request<K extends RequestName>(name: K, params: Requests[K]['params']): Promise<Requests[K]['result']> {
  const message: RequestMessage<K> = { kind: 'request', name, params };
  const reply = (await browser.runtime.sendMessage(message)) as Reply<Requests[K]['result']> | undefined;
  if (!reply) throw new Error(`No answer from the background worker to ${name}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.result;
}

function isRequest(m: unknown): m is RequestMessage {
  return typeof m === 'object' && m !== null && (m as RequestMessage).kind === 'request';
}

function isEvent(m: unknown): m is EventMessage {
  return typeof m === 'object' && m !== null && (m as EventMessage).kind === 'event';
}

/** Registers the worker's handlers; call at the top level of the worker so it wakes for messages. */
export function serveRequests(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    if (!isRequest(message)) return undefined;
    const handler = handlers[message.name] as (p: unknown, s: browser.Runtime.MessageSender) => Promise<unknown>;
    if (!handler) return Promise.resolve({ ok: false, error: `Unknown request ${String(message.name)}` });
    return handler(message.params, sender).then(
      (result) => ({ ok: true, result }),
      (error: unknown) => ({ ok: false, error: errorMessage(error) }),
    );
  });
}

export function emit<K extends EventName>(name: K, data: Events[K]): void {
  const message: EventMessage<K> = { kind: 'event', name, data };
  // Rejects when no page is open to listen, which is the normal case for a worker.
  browser.runtime.sendMessage(message).catch(() => undefined);
}

/** Subscribes a page to a worker event; returns the unsubscribe function. */
export function onEvent<K extends EventName>(name: K, listener: (data: Events[K]) => void): () => void {
  const wrapped = (message: unknown) => {
    if (isEvent(message) && message.name === name) listener(message.data as Events[K]);
    return undefined;
  };
  browser.runtime.onMessage.addListener(wrapped);
  return () => browser.runtime.onMessage.removeListener(wrapped);
}
