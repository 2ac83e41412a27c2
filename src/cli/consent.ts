// `cookie-lens audit --consent`: each target in three fresh browser profiles — before (load, touch nothing),
// accept (accept all in the banner), reject (refuse all) — with the banner found and operated by
// @duckduckgo/autoconsent (MPL-2.0: rules for hundreds of consent managers). Its content script talks to a
// "background" through two functions, as its own Playwright runner does: the page calls
// autoconsentSendMessage (a puppeteer binding, here), we answer with autoconsentReceiveMessage.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import type { Report } from '../core/analyzed';
import type { ConsentContext, ConsentPhase } from '../core/consent';
import { markTab, pageReportOf } from './collect';
import { type ExtensionBrowser, launchWithExtension } from './extension-browser';

const require = createRequire(import.meta.url);
/** The package's files (its `exports` name only the module and the rules; the injectable bundle sits beside them). */
const PACKAGE = dirname(dirname(require.resolve('@duckduckgo/autoconsent/rules/rules.json')));
let script: string | undefined;
let rules: unknown;
const contentScript = () => (script ??= readFileSync(join(PACKAGE, 'dist/autoconsent.playwright.js'), 'utf8'));
// The full rules: the compact ones leave out the opt-in steps "accept" needs.
const fullRules = () => (rules ??= (JSON.parse(readFileSync(join(PACKAGE, 'rules/rules.json'), 'utf8')) as { autoconsent: unknown }).autoconsent);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Message {
  type: string;
  cmp?: string;
  result?: boolean;
  id?: string;
  code?: string;
  details?: { msg?: string };
}

/** Drives autoconsent in one page (every frame): detects the banner and, for accept/reject, answers it. */
class Autoconsent {
  readonly received: Message[] = [];
  private readonly frames = new Map<number, Frame>();
  private next = 0;

  constructor(
    private readonly page: Page,
    private readonly action: 'optIn' | 'optOut' | null,
  ) {}

  async attach(): Promise<void> {
    await this.page.exposeFunction('__cookieLensConsent', (token: number, msg: Message) => this.onMessage(token, msg));
    this.page.on('framenavigated', (frame) => void this.inject(frame));
  }

  async injectAll(): Promise<void> {
    for (const frame of this.page.frames()) await this.inject(frame);
  }

  private async inject(frame: Frame): Promise<void> {
    const token = ++this.next;
    this.frames.set(token, frame);
    const shim = `window.autoconsentSendMessage = (m) => window.__cookieLensConsent(${token}, m);`;
    await frame.evaluate(`${shim}\n${contentScript()}`).catch(() => undefined);
  }

  private async onMessage(token: number, msg: Message): Promise<void> {
    this.received.push(msg);
    const frame = this.frames.get(token);
    if (!frame || frame.detached) return;
    const reply = (m: unknown) => frame.evaluate(`window.autoconsentReceiveMessage?.(${JSON.stringify(m)})`).catch(() => undefined);
    if (msg.type === 'init') {
      const config = { enabled: true, autoAction: this.action, disabledCmps: [], enablePrehide: false, detectRetries: 20, enableCosmeticRules: false };
      await reply({ type: 'initResp', config, rules: { autoconsent: fullRules() } });
    } else if (msg.type === 'eval' && msg.code) {
      // Rules that need the page's own world (Klaro's API): run there, and hand the result back.
      const result = await frame.evaluate(msg.code).catch(() => false);
      await reply({ id: msg.id, type: 'evalResp', result });
    }
  }

  get cmp(): string | undefined {
    return this.received.find((m) => m.type === 'popupFound')?.cmp ?? this.received.find((m) => m.type === 'cmpDetected')?.cmp;
  }

  has(type: string, predicate: (m: Message) => boolean = () => true): boolean {
    return this.received.some((m) => m.type === type && predicate(m));
  }

  async until(test: () => boolean, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (test()) return true;
      await sleep(100);
    }
    return test();
  }
}

/** Time for tags to run after the page loaded or the banner was answered. */
const SETTLE_MS = 1500;

export type PhaseResult = { report: Report; consent: ConsentContext } | { error: string };

/**
 * One consent phase of one URL in a fresh profile. A banner that was not found, or not operated, is an
 * error for that phase with the reason (autoconsent's own messages), never an empty clean phase.
 */
export async function consentPhase(launch: () => Promise<ExtensionBrowser>, url: string, phase: ConsentPhase, timeout: number): Promise<PhaseResult> {
  const session = await launch();
  try {
    const page = await session.browser.newPage();
    const tabId = await markTab(session, page);
    const action = phase === 'accept' ? 'optIn' : phase === 'reject' ? 'optOut' : null;
    const ac = new Autoconsent(page, action);
    await ac.attach();
    const response = await page.goto(url, { waitUntil: 'load', timeout });
    if ((response?.status() ?? 200) >= 400) return { error: `the page answered HTTP ${response?.status()}` };
    await ac.injectAll();
    if (phase === 'before') {
      // Touch nothing; only note which banner shows, for the report.
      await ac.until(() => ac.has('popupFound'), SETTLE_MS * 2);
    } else {
      const result = phase === 'accept' ? 'optInResult' : 'optOutResult';
      const found = await ac.until(() => ac.has('popupFound'), 15_000);
      if (!found) {
        const seen = ac.cmp ? `autoconsent detected ${ac.cmp} but no visible banner` : 'autoconsent found no consent banner it knows';
        return { error: `could not ${phase === 'accept' ? 'accept' : 'refuse'} consent: ${seen}` };
      }
      await ac.until(() => ac.has(result), 15_000);
      if (!ac.has(result, (m) => m.result === true)) {
        const why = ac.received.find((m) => m.type === 'autoconsentError')?.details?.msg;
        return { error: `could not ${phase === 'accept' ? 'accept all' : 'reject all'} in the ${ac.cmp} banner${why ? `: ${why}` : ''}` };
      }
    }
    await sleep(SETTLE_MS);
    const report = await pageReportOf(session, page, tabId);
    const consent: ConsentContext = { phase, ...(ac.cmp ? { cmp: ac.cmp } : {}) };
    if (phase !== 'before') {
      // A second visit in the same profile: a banner again means the choice was not kept.
      const before = ac.received.length;
      await page.reload({ waitUntil: 'load', timeout });
      await ac.injectAll();
      const again = await ac.until(() => ac.received.slice(before).some((m) => m.type === 'popupFound'), SETTLE_MS * 2);
      consent.remembered = !again;
    }
    return { report, consent };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] };
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** Starts a fresh profile with the extension, as the audit's own. */
export const freshProfile = (options: Parameters<typeof launchWithExtension>[0]) => () => launchWithExtension(options);
