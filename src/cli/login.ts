import type { Page } from 'puppeteer-core';
import { firstLine, readJsonFile, UsageError } from './errors';

/** One step of a scripted login or logout. */
export type Step =
  | { goto: string }
  | { fill: string; value: string }
  | { click: string; waitForNavigation?: boolean }
  | { waitForSelector: string }
  | { waitForNavigation: true };

/** A page that shows this text (or an element matching this selector) only to a logged-in user. */
export type LoggedInProbe = { url: string; text: string } | { url: string; selector: string };

export interface LoginScript {
  /** The page to open before logging in (default: the first target). */
  start?: string;
  steps: Step[];
  /** How to log out again, to check the session cookie is cleared. */
  logout?: Step[];
  /** How to tell a logged-in browser from a logged-out one: enables the server-side session checks. */
  loggedIn?: LoggedInProbe;
}

function checkProbe(value: unknown, where: string): LoggedInProbe {
  const p = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const url = typeof p.url === 'string' && /^https?:\/\//.test(p.url) ? p.url : undefined;
  if (!url) throw new UsageError(`${where}.url must be the http(s) address of a page only a logged-in user sees.`);
  if (typeof p.text === 'string' && p.text !== '') return { url, text: p.text };
  if (typeof p.selector === 'string' && p.selector !== '') return { url, selector: p.selector };
  throw new UsageError(`${where} needs "text" (shown only when logged in, e.g. "Signed in as") or "selector".`);
}

/** The probe in words, for reports: 'https://shop.example/account shows "Signed in as"'. */
export function probeText(probe: LoggedInProbe): string {
  return 'text' in probe ? `${probe.url} shows ${JSON.stringify(probe.text)}` : `${probe.url} has ${probe.selector}`;
}

function checkStep(step: unknown, where: string): Step {
  if (typeof step !== 'object' || step === null) throw new UsageError(`${where} must be an object.`);
  const s = step as Record<string, unknown>;
  if (typeof s.goto === 'string') return { goto: s.goto };
  if (typeof s.fill === 'string' && typeof s.value === 'string') return { fill: s.fill, value: s.value };
  if (typeof s.click === 'string') return { click: s.click, waitForNavigation: s.waitForNavigation === true };
  if (typeof s.waitForSelector === 'string') return { waitForSelector: s.waitForSelector };
  if (s.waitForNavigation === true) return { waitForNavigation: true };
  throw new UsageError(
    `${where} is not a step: use {"goto"}, {"fill", "value"}, {"click", "waitForNavigation"?}, {"waitForSelector"} or {"waitForNavigation": true}.`,
  );
}

export async function readLoginScript(file: string): Promise<LoginScript> {
  const data = await readJsonFile(file, 'the login steps');
  const d = data as Record<string, unknown>;
  if (!Array.isArray(d.steps) || d.steps.length === 0) throw new UsageError(`${file}: "steps" must be a non-empty list.`);
  for (const key of Object.keys(d))
    if (!['start', 'steps', 'logout', 'loggedIn'].includes(key))
      throw new UsageError(`${file}: unknown property "${key}" (the file is { start?, steps, logout?, loggedIn? }).`);
  return {
    start: typeof d.start === 'string' ? d.start : undefined,
    steps: d.steps.map((s, i) => checkStep(s, `${file}: steps[${i}]`)),
    logout: Array.isArray(d.logout) ? d.logout.map((s, i) => checkStep(s, `${file}: logout[${i}]`)) : undefined,
    loggedIn: d.loggedIn === undefined ? undefined : checkProbe(d.loggedIn, `${file}: loggedIn`),
  };
}

/** A step in words, without the value it types (a password must not end up in a CI log or report). */
function describe(step: Step): string {
  if ('goto' in step) return `(goto ${step.goto})`;
  if ('fill' in step) return `(fill ${step.fill})`;
  if ('click' in step) return `(click ${step.click})`;
  if ('waitForSelector' in step) return `(waitForSelector ${step.waitForSelector})`;
  return '(waitForNavigation)';
}

/**
 * Runs the steps in the page; returns undefined when all ran, or what failed ("step 2 (click #login):
 * no element matches #login within 30000 ms"), so the audit reports it instead of a stack trace.
 */
export async function runSteps(page: Page, steps: readonly Step[], timeout: number): Promise<string | undefined> {
  // Talking to the extension opens one of its pages in front; clicks and loads belong in the audited tab.
  await page.bringToFront();
  for (const [i, step] of steps.entries()) {
    try {
      if ('goto' in step) {
        const response = await page.goto(step.goto, { waitUntil: 'load', timeout });
        if ((response?.status() ?? 200) >= 400)
          return `step ${i + 1} ${describe(step)}: the page answered HTTP ${response?.status()} ${response?.statusText() ?? ''}`.trim();
      } else if ('fill' in step) {
        await page.waitForSelector(step.fill, { timeout });
        await page.$eval(step.fill, (el) => {
          (el as HTMLInputElement).value = '';
        });
        await page.type(step.fill, step.value);
      } else if ('click' in step) {
        await page.waitForSelector(step.click, { timeout });
        if (step.waitForNavigation) await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout }), page.click(step.click)]);
        else await page.click(step.click);
      } else if ('waitForSelector' in step) await page.waitForSelector(step.waitForSelector, { timeout });
      else await page.waitForNavigation({ waitUntil: 'load', timeout });
    } catch (error) {
      const raw = firstLine(error);
      const selector = 'fill' in step ? step.fill : 'click' in step ? step.click : 'waitForSelector' in step ? step.waitForSelector : undefined;
      const why = selector && /waiting for selector|Waiting failed|timeout/i.test(raw) ? `no element matches ${selector} within ${timeout} ms` : raw;
      return `step ${i + 1} ${describe(step)}: ${why}`;
    }
  }
  return undefined;
}
