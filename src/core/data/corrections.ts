// Cookie Lens's corrections, applied before the Open Cookie Database and third-party-web: each says what
// the data gets wrong (or leaves out), why, and where that is documented. A test checks every entry has a
// reason and a source, and that none shadows a framework session cookie.
import type { Purpose } from './cookie-db';

export interface Correction {
  /** Exact name, or a prefix when it ends with "*". Matched case-sensitively, as browsers store names. */
  name: string;
  /** Only for cookies of this site (a registrable domain); any site when absent. */
  site?: string;
  platform: string;
  purpose: Purpose;
  description: string;
  /** Why the data needs correcting here. */
  reason: string;
  /** Where the right answer is documented (a document's title and where it is). */
  source: string;
}

const HOTJAR = 'Hotjar help centre: “Cookies set by the Hotjar tracking code” (help.hotjar.com)';
const CONSENT_REASON = 'A consent record (the visitor’s choice), filed as Functional: it is what lets a site honour a refusal, not a tracker.';

export const CORRECTIONS: readonly Correction[] = [
  // Hotjar: session recording and heatmaps, which its own documentation calls analytics.
  ...[
    '_hjSession_*',
    '_hjSessionUser_*',
    '_hjIncludedInSessionSample*',
    '_hjIncludedInPageviewSample',
    '_hjFirstSeen',
    '_hjAbsoluteSessionInProgress',
    '_hjid',
    '_hjTLDTest',
    '_hjCachedUserAttributes',
    '_hjLocalStorageTest',
    '_hjSessionStorageTest',
    '_hjRecordingEnabled',
    '_hjRecordingLastActivity',
    '_hjUserAttributesHash',
    '_hjClosedSurveyInvites',
    '_hjDonePolls',
    '_hjMinimizedPolls',
    '_hjShownFeedbackMessage',
  ].map(
    (name): Correction => ({
      name,
      platform: 'Hotjar',
      purpose: 'analytics',
      description: 'Hotjar analytics (session recording, heatmaps, surveys): identifies the visitor and their session for Hotjar.',
      reason: 'The database files Hotjar under Functional; Hotjar records behaviour for analytics.',
      source: HOTJAR,
    }),
  ),
  // Names the database cut short: the real cookies would never match.
  {
    name: 'JSESSIONID',
    platform: 'Java servlet containers',
    purpose: 'necessary',
    description: 'The Java EE / Jakarta servlet session id: the session data lives on the server.',
    reason: 'The database has the name cut to "JSESSIO".',
    source: 'Jakarta Servlet specification, §7.1 Session tracking mechanisms (cookie name JSESSIONID)',
  },
  {
    name: 'ASP.NET_SessionId',
    platform: 'ASP.NET',
    purpose: 'necessary',
    description: 'ASP.NET session state id: the session data lives on the server.',
    reason: 'The database has the name cut to "ASP.NET_Sessio".',
    source: 'Microsoft Learn: ASP.NET Session State Overview (cookie ASP.NET_SessionId)',
  },
  // Consent records and opt-outs: preferences the law requires, not tracking.
  ...[
    [
      'CookieConsent',
      'Cookiebot',
      'Cookiebot: cookie declaration of the CookieConsent cookie; the database’s own description (“Stores the user’s cookie consent state”)',
    ],
    ['OptanonConsent', 'OneTrust', 'OneTrust knowledge base: cookies set by the OneTrust cookie banner (OptanonConsent, OptanonAlertBoxClosed)'],
    ['OptanonAlertBoxClosed', 'OneTrust', 'OneTrust knowledge base: cookies set by the OneTrust cookie banner (OptanonConsent, OptanonAlertBoxClosed)'],
    [
      'eupubconsent-v2',
      'IAB TCF CMP',
      'IAB Europe TCF v2 specification, “Consent string and vendor list formats” (github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework)',
    ],
    [
      'euconsent-v2',
      'IAB TCF CMP',
      'IAB Europe TCF v2 specification, “Consent string and vendor list formats” (github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework)',
    ],
    [
      'euconsent',
      'IAB TCF CMP',
      'IAB Europe TCF v2 specification, “Consent string and vendor list formats” (github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework)',
    ],
    ['usprivacy', 'IAB CCPA', 'IAB CCPA compliance framework, “US Privacy string” (github.com/InteractiveAdvertisingBureau/USPrivacy)'],
    ['didomi_token', 'Didomi', 'Didomi developer docs: cookies and storage of the Web SDK (didomi_token)'],
    ['__hs_opt_out', 'HubSpot', 'HubSpot knowledge base: “What cookies does HubSpot set in a visitor’s browser?”'],
    ['__hs_do_not_track', 'HubSpot', 'HubSpot knowledge base: “What cookies does HubSpot set in a visitor’s browser?”'],
    ['__hs_cookie_cat_pref', 'HubSpot', 'HubSpot knowledge base: “What cookies does HubSpot set in a visitor’s browser?”'],
    ['__hs_initial_opt_in', 'HubSpot', 'HubSpot knowledge base: “What cookies does HubSpot set in a visitor’s browser?”'],
    ['cookieyes-consent', 'CookieYes', 'CookieYes documentation: cookies set by CookieYes'],
    ['CookieScriptConsent', 'Cookie Script', 'Cookie Script documentation: cookies set by Cookie Script'],
    ['cc_cookie', 'CookieConsent v3', 'orestbida/cookieconsent v3 docs: configuration reference, cookie.name (default “cc_cookie”)'],
    ['klaro', 'Klaro', 'klaro-org/klaro-js README: storageName (default cookie “klaro”)'],
    ['borlabs-cookie', 'Borlabs Cookie', 'Borlabs knowledge base: cookies set by Borlabs Cookie'],
    ['cmplz_*', 'Complianz', 'Complianz documentation: cookies set by Complianz (cmplz_*)'],
    ['_iub_cs-*', 'iubenda', 'iubenda help: technical documentation of the Cookie Solution (_iub_cs-*)'],
    ['CONSENT', 'Google', 'Google: “How Google uses cookies” (policies.google.com/technologies/cookies)'],
    ['SOCS', 'Google', 'Google: “How Google uses cookies” (policies.google.com/technologies/cookies)'],
    ['cookielawinfo-checkbox-*', 'CookieYes (GDPR Cookie Consent)', 'CookieYes documentation: cookies set by CookieYes'],
    ['viewed_cookie_policy', 'CookieYes (GDPR Cookie Consent)', 'CookieYes documentation: cookies set by CookieYes'],
  ].map(
    ([name, platform, source]): Correction => ({
      name,
      platform,
      purpose: 'consent',
      description: 'Records the visitor’s cookie consent choices (or opt-out), so the site can honour them.',
      reason: CONSENT_REASON,
      source,
    }),
  ),
  // The substring guesses the old classifier made: each a real cookie that is not a login.
  {
    name: '__Secure-ROLLOUT_TOKEN',
    site: 'youtube.com',
    platform: 'YouTube',
    purpose: 'functional',
    description: 'YouTube feature rollout state for embedded players.',
    reason: 'Not a login token; the database calls it an advertising id, YouTube documents it with its functional cookies. A "token" name is not a credential.',
    source: 'Google: “How Google uses cookies” (policies.google.com/technologies/cookies)',
  },
  {
    name: 'sess',
    site: 'adnxs.com',
    platform: 'Xandr',
    purpose: 'advertising',
    description: 'Xandr (AppNexus) test cookie holding "1": checks whether the browser accepts third-party cookies.',
    reason: 'The database files it as Functional; it is part of Xandr’s ad serving. A value of 1 is no session.',
    source: 'Xandr (Microsoft) platform cookie policy: the sess cookie',
  },
  {
    name: 'comment_author_*',
    platform: 'WordPress',
    purpose: 'preference',
    description: 'WordPress remembers a commenter’s name, e-mail and website to fill the comment form next time.',
    reason: 'Not in the database; "auth" in "author" is not authentication.',
    source: 'WordPress documentation: “WordPress Cookies”',
  },
  {
    name: 'wp-settings-*',
    platform: 'WordPress',
    purpose: 'preference',
    description: 'WordPress admin interface settings of a logged-in user.',
    reason: 'Not in the database.',
    source: 'WordPress documentation: “WordPress Cookies”',
  },
  {
    name: '_auth',
    site: 'pinterest.com',
    platform: 'Pinterest',
    purpose: 'advertising',
    description: 'Pinterest flag (0 or 1) of whether the browser is logged in to Pinterest, read by its tag on other sites.',
    reason: 'Not in the database; a 0/1 flag is not a session id.',
    source: 'Pinterest cookie policy (policy.pinterest.com)',
  },
  {
    name: 's_*',
    platform: 'Adobe Analytics',
    purpose: 'analytics',
    description: 'Adobe Analytics (SiteCatalyst) visitor and visit cookies (s_vi, s_fid, s_cc, s_sq…).',
    reason: 'The database lists AMCV_ but not the s_ family of Adobe Analytics.',
    source: 'Adobe Experience League: “Adobe Analytics cookies” (s_vi, s_fid, s_cc, s_sq)',
  },
  {
    name: 'tk_*',
    platform: 'WordPress.com (Jetpack)',
    purpose: 'analytics',
    description: 'WordPress.com / Jetpack stats: an anonymous visitor id and queued events.',
    reason: 'Not in the database.',
    source: 'Jetpack support: cookies (tk_ai, tk_qs…)',
  },
  {
    name: 'WMF-Last-Access*',
    platform: 'Wikimedia',
    purpose: 'analytics',
    description: 'The date of the last visit, used by Wikimedia to count unique devices without an id.',
    reason: 'The database only knows it on wikimedia.org; Wikipedia sets it on every wiki. A date is not an access token.',
    source: 'Wikimedia Foundation cookie statement (WMF-Last-Access, GeoIP)',
  },
  ...['wikipedia.org', 'wikimedia.org'].map(
    (site): Correction => ({
      name: 'GeoIP',
      site,
      platform: 'Wikimedia',
      purpose: 'functional',
      description: 'The visitor’s approximate location, from their IP address, for region-specific notices.',
      reason: 'The database files it as analytics on wikimedia.org; Wikimedia uses it for regional notices and fundraising banners.',
      source: 'Wikimedia Foundation cookie statement (WMF-Last-Access, GeoIP)',
    }),
  ),
  {
    name: 'susc_*',
    platform: 'Paywall meter',
    purpose: 'functional',
    description: 'A metered paywall’s count of articles read, signed by cookie-parser.',
    reason: 'A signed counter ("s:1.sig"), not an express-session id.',
    source: 'expressjs/cookie-parser README: signed cookies (“s:” prefix)',
  },
  {
    name: 'AWSALB*',
    platform: 'Amazon Web Services',
    purpose: 'necessary',
    description: 'AWS load balancer stickiness: which server answers this browser.',
    reason: 'The database lists AWSELB only.',
    source: 'AWS documentation: sticky sessions for Application Load Balancers (AWSALB, AWSALBCORS)',
  },
  {
    name: 'BIGipServer*',
    platform: 'F5 BIG-IP',
    purpose: 'necessary',
    description: 'F5 BIG-IP load balancer persistence: the pool member (server) this browser sticks to.',
    reason: 'Not in the database.',
    source: 'F5 knowledge base: BIG-IP cookie persistence (BIGipServer<pool>)',
  },
  {
    name: 'NSC_*',
    platform: 'Citrix NetScaler',
    purpose: 'necessary',
    description: 'Citrix NetScaler (ADC) load-balancing persistence.',
    reason: 'Not in the database.',
    source: 'NetScaler documentation: cookie insert persistence (NSC_…)',
  },
  {
    name: 'TS01*',
    platform: 'F5 BIG-IP ASM',
    purpose: 'security',
    description: 'F5 Advanced WAF / ASM session-integrity cookie.',
    reason: 'Not in the database.',
    source: 'F5 knowledge base: BIG-IP ASM cookies (TS01…)',
  },
  {
    name: 'ak_bmsc',
    platform: 'Akamai Bot Manager',
    purpose: 'security',
    description: 'Akamai Bot Manager: tells people from bots.',
    reason: 'Not in the database.',
    source: 'Akamai TechDocs: Akamai cookies (Bot Manager _abck, ak_bmsc, bm_*)',
  },
  {
    name: 'bm_*',
    platform: 'Akamai Bot Manager',
    purpose: 'security',
    description: 'Akamai Bot Manager: tells people from bots (bm_sz, bm_sv, bm_mi).',
    reason: 'Not in the database.',
    source: 'Akamai TechDocs: Akamai cookies (Bot Manager _abck, ak_bmsc, bm_*)',
  },
  {
    name: '_abck',
    platform: 'Akamai Bot Manager',
    purpose: 'security',
    description: 'Akamai Bot Manager: tells people from bots.',
    reason: 'Not in the database.',
    source: 'Akamai TechDocs: Akamai cookies (Bot Manager _abck, ak_bmsc, bm_*)',
  },
];

/** Exact names (in list order) and prefixes (longest first, list order among equals), indexed once. */
const EXACT = new Map<string, Correction[]>();
const PREFIXES: { prefix: string; correction: Correction }[] = [];
for (const c of CORRECTIONS) {
  if (c.name.endsWith('*')) PREFIXES.push({ prefix: c.name.slice(0, -1), correction: c });
  else EXACT.set(c.name, [...(EXACT.get(c.name) ?? []), c]);
}
PREFIXES.sort((a, b) => b.prefix.length - a.prefix.length);

/** The correction for a cookie, if any: exact names first, then the longest prefix. */
export function correctionFor(name: string, site: string): Correction | undefined {
  const applies = (c: Correction) => !c.site || c.site === site;
  return EXACT.get(name)?.find(applies) ?? PREFIXES.find((p) => name.startsWith(p.prefix) && applies(p.correction))?.correction;
}
