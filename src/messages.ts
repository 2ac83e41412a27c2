/**
 * The protocol's transport inside the extension (types in protocol.ts): requests go to the worker
 * (`request`), which answers through `serveRequests`; events go from the worker to every open page (`emit` /
 * `onEvent`).
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
