import type { AnalyzedCookie } from '../analyzed';
import { needsConsent } from '../consent';
import type { JarRule } from '../rule';

/** The cookie, its platform and purpose and where that came from, in one phrase. */
export function trackerWords(c: AnalyzedCookie): string {
  const source =
    c.source === 'open-cookie-database'
      ? 'the Open Cookie Database'
      : c.source === 'third-party-web'
        ? 'third-party-web'
        : c.source === 'cookie-lens'
          ? 'Cookie Lens’s corrections'
          : 'its name';
  return `"${c.name}" (${c.thirdParty ? 'third-party, ' : ''}${c.platform ? `${c.platform} ` : ''}${c.purpose}, per ${source})`;
}

export const CONSENT_REFERENCES = [
  {
    title: 'EDPB Guidelines 05/2020 on consent under Regulation 2016/679',
    url: 'https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-052020-consent-under-regulation-2016679_en',
  },
  {
    title: 'CNIL: cookies and other tracking devices — guidelines and recommendation',
    url: 'https://www.cnil.fr/en/cookies-and-other-tracking-devices-cnil-publishes-new-guidelines',
  },
  { title: 'Google: Consent Mode (defaults denied until consent)', url: 'https://developers.google.com/tag-platform/security/guides/consent' },
];

export const CONSENT_SNIPPETS = {
  flask: '<!-- load the tag only after consent, through the CMP: -->\n<script type="text/plain" data-category="analytics" src="/analytics.js"></script>',
  django:
    '<!-- in the template: the CMP turns this into a script once the visitor agrees -->\n<script type="text/plain" data-category="analytics" src="{% static "analytics.js" %}"></script>',
  express:
    "// Google Consent Mode: every storage denied until the CMP says otherwise\ngtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });",
  php: '<script type="text/plain" data-name="analytics" data-src="/analytics.js"></script> <!-- Klaro: data-name + data-src -->',
};

export const rule: JarRule = {
  id: 'tracking-before-consent',
  scope: 'jar',
  levels: ['high'],
  title: 'Tracking cookie set before consent',
  summary: 'An analytics or advertising cookie was set before the visitor answered the consent banner.',
  explain:
    'With --consent, Cookie Lens loaded the page in a fresh browser and touched nothing; in the extension, the timeline recorded the cookie before the site’s own consent cookie (the visitor’s answer). Under the ePrivacy Directive (Art. 5(3)) and the GDPR, only strictly necessary cookies may be stored before the visitor agrees; analytics and advertising cookies are not strictly necessary.',
  why: 'Regulators fine exactly this (the CNIL, the Dutch AP and others have sanctioned sites for analytics and ad cookies set on arrival), and the visitor is tracked without having had a choice.',
  fix: 'Load the tag through the consent manager: mark its script as blocked until consent (type="text/plain" with the CMP’s category attribute), or use Google Consent Mode with every storage "denied" by default.',
  snippets: CONSENT_SNIPPETS,
  references: CONSENT_REFERENCES,
  checkJar(ctx) {
    // In the extension: the timeline saw it created before the site's own consent cookie (the answer).
    if (!ctx.consent)
      return ctx.cookies
        .filter((c) => c.beforeConsent)
        .map((c) => ({
          severity: 'high' as const,
          message: `${trackerWords(c)} was set before the site's consent cookie, as the timeline recorded them.`,
          cookie: c,
        }));
    if (ctx.consent.phase !== 'before') return [];
    return ctx.cookies.filter(needsConsent).map((c) => ({
      severity: 'high' as const,
      message: `${trackerWords(c)} was set before any consent${ctx.consent?.cmp ? ` (the ${ctx.consent.cmp} banner was still unanswered)` : ''}.`,
      cookie: c,
    }));
  },
  examples: {
    flag: [{ title: 'Google Analytics on arrival', consent: { phase: 'before' }, cookies: [{ name: '_ga', value: 'GA1.1.123456789.1700000000' }] }],
    pass: [
      { title: 'only the consent manager’s own cookie before consent', consent: { phase: 'before' }, cookies: [{ name: 'cc_cookie', value: '%7B%7D' }] },
      { title: '_ga after "Accept all"', consent: { phase: 'accept' }, cookies: [{ name: '_ga', value: 'GA1.1.123456789.1700000000' }] },
    ],
  },
};
