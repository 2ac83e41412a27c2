// Consent phases of an audit (`cookie-lens audit --consent`): each runs in a fresh browser profile — `before`
// (load, touch nothing), `accept` (accept all in the site's banner), `reject` (refuse all) — and the rules
// judge the cookies of the phase by their purpose (analytics and advertising need consent under ePrivacy/GDPR).
import type { AnalyzedCookie } from './analyzed';
import { refKey } from './cookie';
import type { Purpose } from './data/cookie-db';

export type ConsentPhase = 'before' | 'accept' | 'reject';
export const CONSENT_PHASES: readonly ConsentPhase[] = ['before', 'accept', 'reject'];

/** What the rules know about the phase a jar was read in. */
export interface ConsentContext {
  phase: ConsentPhase;
  /** The consent manager autoconsent found and operated ("Klaro", "cookieconsent3"). */
  cmp?: string;
  /** accept/reject: on a second visit in the same profile, did the banner stay away (the choice was kept)? */
  remembered?: boolean;
}

/** Purposes that need the visitor's consent before they are set. */
export const NEEDS_CONSENT: readonly Purpose[] = ['analytics', 'advertising'];

/** An analytics or advertising cookie: one that needs consent. */
export const needsConsent = (c: Pick<AnalyzedCookie, 'purpose'>) => NEEDS_CONSENT.includes(c.purpose);

/** Does marking need the timeline at all: a first-party consent cookie and a tracking cookie on the page? */
export function mayBeBeforeConsent(cookies: readonly AnalyzedCookie[]): boolean {
  return cookies.some((c) => c.purpose === 'consent' && !c.thirdParty) && cookies.some(needsConsent);
}

/**
 * Marks the analytics and advertising cookies that were first recorded before the site's own consent cookie
 * (the visitor's answer): set before the banner was answered. `firstSeen`: the time each cookie (refKey) was
 * first created in the timeline; a cookie the timeline never saw created is not marked (it cannot tell).
 */
export function markBeforeConsent(cookies: AnalyzedCookie[], firstSeen: ReadonlyMap<string, number>): void {
  const answers = cookies.filter((c) => c.purpose === 'consent' && !c.thirdParty).map((c) => firstSeen.get(refKey(c)));
  const times = answers.filter((t): t is number => t !== undefined);
  if (times.length === 0) return;
  const answered = Math.min(...times);
  for (const c of cookies) {
    const t = firstSeen.get(refKey(c));
    if (needsConsent(c) && t !== undefined && t < answered) c.beforeConsent = true;
  }
}
