// "Restore this value" from the timeline: the cookie as it was before a change, written back exactly
// (value, domain, path, flags, expiry, partition, store) — so a developer can replay a logged-out session by
// hand and watch the server's answer. Undo puts back what the store held just before.
import { type Cookie, cookieHost, refKey } from '../../core/cookie';
import { siteOf } from '../../core/site';
import { request } from '../../messages';
import type { CookieWrite } from '../../protocol';

/** A recorded cookie is a write as it stands (the cookies API's own fields). */
const writeOf = (c: Cookie): CookieWrite => c;

/** The cookie's state now (undefined when there is none), for the undo. */
async function current(c: Cookie): Promise<Cookie | undefined> {
  const all = await request('siteCookies', { site: siteOf(cookieHost(c)), storeId: c.storeId });
  return all.find((x) => refKey(x) === refKey(c));
}

/**
 * Writes `before` back; resolves to the toast's message and, when it worked, the undo. An expired cookie is
 * written back with a session lifetime instead of an expiry in the past (the browser would delete it at once).
 */
export async function restoreCookie(before: Cookie, when: string): Promise<{ message: string; undo?: () => Promise<string> }> {
  const now = await current(before);
  const expired = !before.session && before.expirationDate !== undefined && before.expirationDate * 1000 <= Date.now();
  const write = expired ? { ...writeOf(before), session: true, expirationDate: undefined } : writeOf(before);
  const r = await request('setCookies', { cookies: [write] });
  const name = `"${before.name || '(nameless)'}"`;
  if (r.errors.length) return { message: `Could not restore ${name}: ${r.errors[0].message}` };
  return {
    message: `Restored ${name} to its value of ${when}${expired ? ' (it had expired: restored as a session cookie)' : ''}. Reload the page to see what the server says.`,
    async undo() {
      if (now) {
        const back = await request('setCookies', { cookies: [writeOf(now)] });
        return back.errors.length ? `Could not undo: ${back.errors[0].message}` : `Put ${name} back to the value it had before the restore.`;
      }
      await request('removeCookies', { cookies: [r.written[0] ?? before] });
      return `Removed ${name} again.`;
    },
  };
}
