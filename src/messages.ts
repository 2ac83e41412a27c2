/**
 * The protocol's transport inside the extension (types in protocol.ts): requests go to the worker
 * (`request`), which answers through `serveRequests`; events go from the worker to every open page (`emit` /
 * `onEvent`) over a port each listening page keeps open (`serveEvents` in the worker): with no page open, an
 * event costs the worker nothing (a runtime.sendMessage broadcast costs it IPC whether or not anyone listens).
 */
import browser from 'webextension-polyfill';
import { errorMessage } from './core/browser-errors';
import {
  type EventMessage,
  type EventName,
  type Events,
  isEvent,
  isRequest,
  type Reply,
  type RequestMessage,
  type RequestName,
  type Requests,
} from './protocol';

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

const EVENTS_PORT = 'cookie-lens-events';
/** A page that connects gets the events of this many ms before (a worker woken by a change emits at once). */
export const REPLAY_MS = 5000;
const REPLAY_MAX = 50;
/** A page reconnects this long after its port closed (the worker stopped): the new connection wakes it again. */
export const RECONNECT_MS = 1000;

const views = new Set<browser.Runtime.Port>();
const recent: Array<{ at: number; message: EventMessage<EventName> }> = [];

/** The worker: pages that listen for events connect here; call at the top level of the worker. */
export function serveEvents(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== EVENTS_PORT) return;
    views.add(port);
    port.onDisconnect.addListener(() => views.delete(port));
    // Says the connection is taken (a page whose ports close unanswered backs off).
    post(port, { kind: 'hello' });
    // What happened just before this page (re)connected: a worker woken by a change announces it at once.
    const since = Date.now() - REPLAY_MS;
    for (const r of recent) if (r.at >= since) post(port, r.message);
  });
}

/** Whether any page is connected to hear events (an event is kept for replay either way). */
export const hasListeners = (): boolean => views.size > 0;

function post(port: browser.Runtime.Port, message: unknown): void {
  try {
    port.postMessage(message);
  } catch {
    views.delete(port);
  }
}

export function emit<K extends EventName>(name: K, data: Events[K]): void {
  const message: EventMessage<K> = { kind: 'event', name, data };
  recent.push({ at: Date.now(), message });
  while (recent.length > REPLAY_MAX || (recent.length && recent[0].at < Date.now() - REPLAY_MS)) recent.shift();
  for (const port of views) post(port, message);
}

const listeners = new Set<(message: EventMessage<EventName>) => void>();
let port: browser.Runtime.Port | undefined;
let reconnect: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** A page's port to the worker, opened while it has listeners, opened again when the worker stopped. */
function connect(): void {
  if (port || reconnect || !listeners.size) return;
  let opened: browser.Runtime.Port;
  try {
    opened = browser.runtime.connect({ name: EVENTS_PORT });
  } catch {
    // The extension was reloaded or removed: this page can no longer hear from it.
    return;
  }
  let answered = false;
  port = opened;
  opened.onMessage.addListener((message: unknown) => {
    answered = true;
    if (isEvent(message)) for (const l of [...listeners]) l(message);
  });
  opened.onDisconnect.addListener(() => {
    port = undefined;
    // Closed unanswered again and again (no worker takes it): wait longer each time, up to a minute.
    failures = answered ? 0 : failures + 1;
    reconnect = setTimeout(
      () => {
        reconnect = undefined;
        connect();
      },
      Math.min(60_000, RECONNECT_MS * 2 ** failures),
    );
  });
}

/** Subscribes a page to a worker event; returns the unsubscribe function. */
export function onEvent<K extends EventName>(name: K, listener: (data: Events[K]) => void): () => void {
  const wrapped = (message: EventMessage<EventName>) => {
    if (message.name === name) listener(message.data as Events[K]);
  };
  listeners.add(wrapped);
  connect();
  return () => {
    listeners.delete(wrapped);
    if (!listeners.size && port) {
      port.disconnect();
      port = undefined;
    }
  };
}
