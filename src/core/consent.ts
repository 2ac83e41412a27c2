// Consent phases of an audit (`cookie-lens audit --consent`): each runs in a fresh browser profile — `before`
// (load, touch nothing), `accept` (accept all in the site's banner), `reject` (refuse all) — and the rules
// judge the cookies of the phase by their purpose (analytics and advertising need consent under ePrivacy/GDPR).
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
