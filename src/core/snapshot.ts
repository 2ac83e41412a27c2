import { type Cookie, cookieKey } from './cookie';
import type { CookieChange } from './timeline';

export type CookieState = Map<string, Cookie>;

export function stateOf(cookies: readonly Cookie[]): CookieState {
  return new Map(cookies.map((c) => [cookieKey(c), c]));
}

export function applyChange(state: CookieState, change: Pick<CookieChange, 'removed' | 'cookie'>): void {
  const key = cookieKey(change.cookie);
  if (change.removed) state.delete(key);
  else state.set(key, change.cookie);
}

function sameCookie(a: Cookie, b: Cookie): boolean {
  return (
    a.value === b.value &&
    a.expirationDate === b.expirationDate &&
    a.secure === b.secure &&
    a.httpOnly === b.httpOnly &&
    a.sameSite === b.sameSite &&
    a.session === b.session
  );
}

/**
 * The changes the timeline never saw: the difference between the store as the timeline knows it
 * (`expected`) and the store as it is (`actual`). Each is marked `missed`; a vanished cookie whose
 * expiry has passed is reported as expired, anything else as the explicit change it looks like.
 */
export function missedChanges(expected: CookieState, actual: readonly Cookie[], now: number): CookieChange[] {
  const changes: CookieChange[] = [];
  const current = stateOf(actual);
  for (const [key, old] of expected) {
    const cur = current.get(key);
    if (!cur) {
      const expired = old.expirationDate !== undefined && old.expirationDate * 1000 <= now;
      changes.push({ time: now, cause: expired ? 'expired' : 'explicit', removed: true, cookie: old, missed: true });
    } else if (!sameCookie(old, cur)) {
      changes.push({ time: now, cause: 'overwrite', removed: true, cookie: old, missed: true });
      changes.push({ time: now, cause: 'explicit', removed: false, cookie: cur, missed: true });
    }
  }
  for (const [key, cur] of current) {
    if (!expected.has(key)) changes.push({ time: now, cause: 'explicit', removed: false, cookie: cur, missed: true });
  }
  return changes;
}
