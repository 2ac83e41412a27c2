// Browsers' raw errors ("Failed to parse or set cookie named big", "Resource::kQuotaBytes quota exceeded",
// "Error in invocation of cookies.set(…)") in words a user can act on: what happened and what to do.
// The raw text is kept beside the message, for the details.
import { type CookieDraft, writeProblem } from './cookie-check';

export interface ExplainedError {
  message: string;
  /** The browser's own words, when they differ from the message. */
  raw?: string;
}

const name = (c?: { name: string }) => (c ? `"${c.name || '(nameless)'}"` : 'the cookie');

/** What an error says: its message, or the thrown value as text (a rejection need not be an Error). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failed cookie write, storage write or message, explained; `cookie` is the cookie being written, when there is one. */
export function explainError(error: unknown, cookie?: CookieDraft): ExplainedError {
  const raw = errorMessage(error);
  const say = (message: string): ExplainedError => ({ message, ...(message === raw ? {} : { raw }) });
  if (/quota/i.test(raw)) {
    return say(
      'The extension’s storage is full, so the change timeline could not be saved. The oldest entries are being dropped to make room; nothing else needs doing.',
    );
  }
  if (/Failed to parse or set cookie|refused|could not be set/i.test(raw) && cookie) {
    const problem = writeProblem(cookie);
    if (problem) return say(`The browser refused ${name(cookie)}: ${problem}`);
    return say(
      `The browser refused ${name(cookie)} without saying why. Usual causes: its domain is not one the extension may reach, third-party cookie blocking, or a value the browser will not store.`,
    );
  }
  if (/Invocation of form|Error in invocation|Unexpected property/i.test(raw)) {
    return say('Cookie Lens sent the browser a request it does not accept. This is a bug in Cookie Lens: please report it with the details below.');
  }
  if (/No cookie store|Invalid storeId|storeId/i.test(raw)) return say('That cookie store (a private window or a container) is not open any more.');
  if (/No tab with id|Invalid tab ID/i.test(raw)) return say('The tab was closed.');
  if (/Receiving end does not exist|Could not establish connection|No answer from the background/i.test(raw)) {
    return say('The background worker did not answer (the browser may be restarting it). Try again in a moment.');
  }
  if (/message length exceeded|Message length/i.test(raw))
    return say('The answer was too big to pass between the extension’s pages. This is a bug in Cookie Lens: please report it.');
  return say(raw);
}

/** One line for a toast or a status bar: the explanation, and the browser's words after it. */
export function errorLine(e: ExplainedError): string {
  return e.raw ? `${e.message} (The browser said: ${e.raw})` : e.message;
}
