import type { Rule } from '../rule';
import { rule as analysisError } from './analysis-error';
import { rule as consentNotRemembered } from './consent-not-remembered';
import { rule as cookieRejected } from './cookie-rejected';
import { rule as defaultSessionName } from './default-session-name';
import { rule as domainTooBroad } from './domain-too-broad';
import { rule as duplicateName } from './duplicate-name';
import { rule as headerTooLarge } from './header-too-large';
import { rule as hostPrefixRecommended } from './host-prefix-recommended';
import { rule as idleTimeoutTooLong } from './idle-timeout-too-long';
import { rule as jwtAlgNone } from './jwt-alg-none';
import { rule as jwtExpired } from './jwt-expired';
import { rule as jwtNoExpiry } from './jwt-no-expiry';
import { rule as lifetimeCapped } from './lifetime-capped';
import { rule as lifetimeTooLong } from './lifetime-too-long';
import { rule as longLifetime } from './long-lifetime';
import { rule as lowEntropySessionId } from './low-entropy-session-id';
import { rule as missingHttponly } from './missing-httponly';
import { rule as missingSecure } from './missing-secure';
import { rule as nonstandardCharacters } from './nonstandard-characters';
import { rule as oversized } from './oversized';
import { rule as persistentSession } from './persistent-session';
import { rule as prefixViolation } from './prefix-violation';
import { rule as readableSessionData } from './readable-session-data';
import { rule as samesiteInvalid } from './samesite-invalid';
import { rule as samesiteMissing } from './samesite-missing';
import { rule as samesiteNone } from './samesite-none';
import { rule as samesiteNoneInsecure } from './samesite-none-insecure';
import { rule as sensitiveData } from './sensitive-data';
import { rule as sessionFixation } from './session-fixation';
import { rule as sessionIdInUrl } from './session-id-in-url';
import { rule as sessionNotClearedOnLogout } from './session-not-cleared-on-logout';
import { rule as sessionNotRotated } from './session-not-rotated';
import { rule as sessionValidAfterLogout } from './session-valid-after-logout';
import { rule as setOverHttp } from './set-over-http';
import { rule as thirdPartyTracking } from './third-party-tracking';
import { rule as tokenInWebStorage } from './token-in-web-storage';
import { rule as tooManyCookies } from './too-many-cookies';
import { rule as trackingAfterReject } from './tracking-after-reject';
import { rule as trackingBeforeConsent } from './tracking-before-consent';
import { rule as weakSecret } from './weak-secret';

/**
 * Every rule, one per file; a test checks that each file here is listed and its id is its file name.
 * The order is the README's: flags, scope, lifetime, size, content, tokens, session handling, extras.
 */
export const RULES: readonly Rule[] = [
  missingSecure,
  missingHttponly,
  samesiteMissing,
  samesiteNone,
  samesiteNoneInsecure,
  samesiteInvalid,
  domainTooBroad,
  hostPrefixRecommended,
  prefixViolation,
  longLifetime,
  persistentSession,
  oversized,
  headerTooLarge,
  duplicateName,
  sensitiveData,
  readableSessionData,
  jwtAlgNone,
  jwtExpired,
  jwtNoExpiry,
  tokenInWebStorage,
  weakSecret,
  lowEntropySessionId,
  defaultSessionName,
  sessionIdInUrl,
  setOverHttp,
  thirdPartyTracking,
  sessionNotRotated,
  sessionNotClearedOnLogout,
  cookieRejected,
  lifetimeCapped,
  tooManyCookies,
  nonstandardCharacters,
  sessionValidAfterLogout,
  sessionFixation,
  idleTimeoutTooLong,
  lifetimeTooLong,
  trackingBeforeConsent,
  trackingAfterReject,
  consentNotRemembered,
  // Last: it reports what failed in every rule before it.
  analysisError,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
