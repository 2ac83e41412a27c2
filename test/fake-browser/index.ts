/**
 * The in-memory browser that stands in for `webextension-polyfill` in unit and component tests
 * (vite.config.ts aliases the module here). Call `resetBrowser()` before each test.
 */
import { FakeCookies, type FirefoxMode } from './cookies';
import { FakeEvent } from './events';
import { FakeStorageArea } from './storage';

export interface FakeTab {
  id: number;
  url?: string;
  active: boolean;
  windowId: number;
}

type Sender = { id?: string; tab?: FakeTab };

const cookies = new FakeCookies();
const local = new FakeStorageArea();
const session = new FakeStorageArea();
const onMessage = new FakeEvent<[unknown, Sender, (r: unknown) => void]>();

/**
 * One end of a runtime port, as Chrome has it: messages are copied and delivered asynchronously to the other
 * end; `disconnect()` fires onDisconnect on the other end only; posting on a closed port throws.
 */
export class FakePort {
  readonly onMessage = new FakeEvent<[unknown, FakePort]>();
  readonly onDisconnect = new FakeEvent<[FakePort]>();
  other: FakePort | undefined;
  connected = true;
  constructor(readonly name: string) {}
  postMessage(message: unknown): void {
    if (!this.connected) throw new Error('Attempting to use a disconnected port object');
    const copy = structuredClone(message);
    const other = this.other as FakePort;
    queueMicrotask(() => {
      if (other.connected) other.onMessage.trigger(copy, other);
    });
  }
  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    const other = this.other as FakePort;
    other.connected = false;
    ports.delete(this);
    ports.delete(other);
    other.onDisconnect.trigger(other);
  }
}
const onConnect = new FakeEvent<[FakePort]>();
/** The worker's ends of the open ports. */
const ports = new Set<FakePort>();
const tabs = new Map<number, FakeTab>();
const badges = new Map<number, { text?: string; color?: string; title?: string }>();

function badge(tabId: number | undefined) {
  const id = tabId ?? -1;
  if (!badges.has(id)) badges.set(id, {});
  return badges.get(id) as { text?: string; color?: string; title?: string };
}

export interface FakeContainer {
  cookieStoreId: string;
  name: string;
  color: string;
  colorCode: string;
  icon: string;
}

const chromeUrl = (path: string) => `chrome-extension://fake-extension-id/${path.replace(/^\//, '')}`;

export const fakeBrowser = {
  cookies,
  storage: { local, session },
  webRequest: {
    onHeadersReceived: new FakeEvent<[Record<string, unknown>]>(),
  },
  /**
   * Runs the injected function in this realm's own window (happy-dom plays the page: its localStorage and
   * sessionStorage), as Chrome runs it in the tab; `fake.scriptingError` makes it fail as on a page the
   * extension may not script.
   */
  scripting: {
    async executeScript({ func, args = [] }: { target: { tabId: number; frameIds?: number[] }; func: (...a: unknown[]) => unknown; args?: unknown[] }) {
      if (scripting.error) throw new Error(scripting.error);
      return [{ frameId: 0, documentId: 'fake', result: await func(...structuredClone(args)) }];
    },
  },
  runtime: {
    id: 'fake-extension-id',
    onMessage,
    /** Delivers to every listener (one realm plays all contexts); the first promise that answers wins. */
    async sendMessage(message: unknown): Promise<unknown> {
      const copy = structuredClone(message);
      const answers = onMessage.trigger(copy, { id: 'fake-extension-id' }, () => undefined).filter((a): a is Promise<unknown> => a instanceof Promise);
      if (answers.length === 0) {
        if (!onMessage.hasListeners()) throw new Error('Could not establish connection. Receiving end does not exist.');
        return undefined;
      }
      return structuredClone(await answers[0]);
    },
    onConnect,
    /** A page's end of a new port; the worker's end goes to onConnect (none listening: closed at once, like Chrome). */
    connect({ name = '' }: { name?: string } = {}): FakePort {
      const page = new FakePort(name);
      const worker = new FakePort(name);
      page.other = worker;
      worker.other = page;
      ports.add(worker);
      queueMicrotask(() => {
        if (onConnect.hasListeners()) onConnect.trigger(worker);
        else worker.disconnect();
      });
      return page;
    },
    getURL: chromeUrl,
    getManifest: () => ({ manifest_version: 3, name: 'Cookie Lens', version: '0.0.0-test' }),
  },
  tabs: {
    onActivated: new FakeEvent<[{ tabId: number; windowId: number }]>(),
    onUpdated: new FakeEvent<[number, { url?: string; status?: string }, FakeTab]>(),
    onRemoved: new FakeEvent<[number, { windowId: number; isWindowClosing: boolean }]>(),
    async get(tabId: number): Promise<FakeTab> {
      const tab = tabs.get(tabId);
      if (!tab) throw new Error(`No tab with id: ${tabId}.`);
      return { ...tab };
    },
    async query(q: { active?: boolean; currentWindow?: boolean }): Promise<FakeTab[]> {
      return [...tabs.values()].filter((t) => q.active === undefined || t.active === q.active).map((t) => ({ ...t }));
    },
  },
  action: {
    async setBadgeText({ tabId, text }: { tabId?: number; text: string }) {
      badge(tabId).text = text;
    },
    async setBadgeBackgroundColor({ tabId, color }: { tabId?: number; color: string }) {
      badge(tabId).color = color;
    },
    async setTitle({ tabId, title }: { tabId?: number; title: string }) {
      badge(tabId).title = title;
    },
  },
  /** Present only when the fake plays Firefox (Chromium has no such API). */
  contextualIdentities: undefined as { query(q: object): Promise<FakeContainer[]> } | undefined,
  devtools: {
    inspectedWindow: { tabId: 1, getResources: async () => [] as { url: string }[] },
    network: { onNavigated: new FakeEvent<[string]>() },
    panels: { create: async () => ({}) },
  },
};

const scripting: { error?: string } = {};

/** Test helpers that are not part of any browser API. */
export const fake = {
  /** scripting.executeScript fails with this message (a page the extension may not script), until reset. */
  set scriptingError(message: string | undefined) {
    scripting.error = message;
  },
  addTab(tab: Partial<FakeTab> & { id: number }): FakeTab {
    const full: FakeTab = { active: true, windowId: 1, ...tab };
    tabs.set(full.id, full);
    return full;
  },
  badge: (tabId: number) => badges.get(tabId),
  /** The worker stops: every port to it closes (the pages' ends fire onDisconnect). */
  stopWorker(): void {
    for (const p of [...ports]) p.disconnect();
    onConnect.clear();
  },
  /**
   * Plays Firefox: moz-extension: URLs, firefox-* store ids, explicit-only removals, first-party
   * isolation if asked, and contextualIdentities with these containers (`containers: 'disabled'`
   * makes query throw, as Firefox does when containers are turned off).
   */
  asFirefox(mode: FirefoxMode & { containers?: FakeContainer[] | 'disabled' } = {}): void {
    cookies.firefox = mode;
    fakeBrowser.runtime.getURL = (path: string) => `moz-extension://fake-uuid/${path.replace(/^\//, '')}`;
    const containers = mode.containers ?? [];
    fakeBrowser.contextualIdentities = {
      async query() {
        if (containers === 'disabled') throw new Error('Contextual identities are currently disabled');
        return containers.map((c) => ({ ...c }));
      },
    };
  },
  reset(): void {
    scripting.error = undefined;
    cookies.reset();
    local.reset();
    session.reset();
    fakeBrowser.webRequest.onHeadersReceived.clear();
    onMessage.clear();
    for (const p of [...ports]) p.disconnect();
    onConnect.clear();
    tabs.clear();
    badges.clear();
    fakeBrowser.tabs.onActivated.clear();
    fakeBrowser.tabs.onUpdated.clear();
    fakeBrowser.tabs.onRemoved.clear();
    fakeBrowser.devtools.network.onNavigated.clear();
    fakeBrowser.runtime.getURL = chromeUrl;
    fakeBrowser.contextualIdentities = undefined;
  },
};

export const resetBrowser = fake.reset;
export default fakeBrowser;
