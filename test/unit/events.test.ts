import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Fake from '../fake-browser/index';

type FakeModule = typeof Fake;

/** One realm plays the worker and a page: both ends of the event ports use this module. */
async function fresh() {
  vi.resetModules();
  const fake = (await import('webextension-polyfill')) as unknown as FakeModule;
  fake.resetBrowser();
  const messages = await import('../../src/messages');
  return { ...fake, messages };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('events from the worker to open pages', () => {
  let env: Awaited<ReturnType<typeof fresh>>;
  beforeEach(async () => {
    env = await fresh();
  });

  it('with no page open an event costs no message at all', async () => {
    const send = vi.spyOn(env.fakeBrowser.runtime, 'sendMessage');
    env.messages.serveEvents();
    env.messages.emit('policyChanged', { name: 'p' });
    expect(env.messages.hasListeners()).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });

  it('a page that listens hears each event once; once it stops listening its port is closed', async () => {
    env.messages.serveEvents();
    const heard: unknown[] = [];
    const off = env.messages.onEvent('policyChanged', (e) => heard.push(e));
    await flush();
    expect(env.messages.hasListeners()).toBe(true);
    env.messages.emit('policyChanged', { name: 'a' });
    env.messages.emit('importProgress', { id: 'x', done: 1, total: 2 });
    await flush();
    expect(heard).toEqual([{ name: 'a' }]);
    off();
    await flush();
    env.messages.emit('policyChanged', { name: 'b' });
    await flush();
    expect(heard).toEqual([{ name: 'a' }]);
  });

  it('the worker stopped and woken by a change: the page reconnects and still hears what the new worker emitted at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      env.messages.serveEvents();
      const heard: unknown[] = [];
      env.messages.onEvent('policyChanged', (e) => heard.push(e));
      await vi.advanceTimersByTimeAsync(1);
      env.fake.stopWorker();
      // A new worker starts for a change and announces it before any page is connected to it.
      env.messages.serveEvents();
      env.messages.emit('policyChanged', { name: 'while-away' });
      await vi.advanceTimersByTimeAsync(10);
      expect(heard).toEqual([]);
      await vi.advanceTimersByTimeAsync(env.messages.RECONNECT_MS);
      expect(heard).toEqual([{ name: 'while-away' }]);
      env.messages.emit('policyChanged', { name: 'after' });
      await vi.advanceTimersByTimeAsync(1);
      expect(heard).toEqual([{ name: 'while-away' }, { name: 'after' }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('when no worker can take the connection the page backs off instead of retrying every second', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const connect = vi.spyOn(env.fakeBrowser.runtime, 'connect');
      // No serveEvents: every port is closed at once.
      env.messages.onEvent('policyChanged', () => undefined);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(connect.mock.calls.length).toBeGreaterThan(3);
      expect(connect.mock.calls.length).toBeLessThan(10);
    } finally {
      vi.useRealTimers();
    }
  });
});
