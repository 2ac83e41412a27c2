import { cookieHost } from '../cookie';
import type { CookieRule } from '../rule';
import { REF } from '../rule-helpers';
import { siteOf } from '../site';

export const rule: CookieRule = {
  id: 'third-party-tracking',
  scope: 'cookie',
  levels: ['low', 'info'],
  title: 'Third-party tracking cookie',
  summary: 'Another company can recognise you on every site that embeds it.',
  explain:
    'A cookie set by a different site than the one you visit — an ad network, an analytics or social widget — can identify the same browser across all the sites that embed it. Partitioned (CHIPS) cookies are kept per top-level site, so they cannot follow you between sites.',
  why: "Cross-site tracking builds a browsing profile without the user's knowledge; in the EU it needs prior consent (ePrivacy Directive, GDPR).",
  fix: 'Load third parties only after consent, prefer first-party or cookieless analytics, and ask vendors for partitioned cookies.',
  snippets: {
    flask: '# load tracking scripts only after consent; nothing to set server-side',
    django: '# django-cookie-consent or a CMP: render tracking <script> tags only after consent',
    express: '// gate tracking <script> tags behind a consent check',
  },
  references: [
    REF.mdn('Third-party cookies', 'Web/Privacy/Guides/Third-party_cookies'),
    { title: 'CHIPS: partitioned cookies', url: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Privacy_sandbox/Partitioned_cookies' },
  ],
  check(c) {
    if (!c.thirdParty || c.partitioned || (c.purpose !== 'analytics' && c.purpose !== 'advertising')) return null;
    const site = siteOf(cookieHost(c));
    const who = c.platform ? `${c.platform} (${site})` : site;
    return { severity: c.session ? 'info' : 'low', message: `"${c.name}" from ${who} can follow this browser across sites (${c.purpose}).` };
  },
  examples: {
    flag: [
      {
        title: "DoubleClick's IDE cookie",
        cookies: [{ name: 'IDE', domain: '.doubleclick.net', hostOnly: false, session: false, expirationDate: 2e9, sameSite: 'no_restriction' }],
      },
      { title: 'an unknown tracker with a tracking name', cookies: [{ name: '_ga', domain: '.stats.example', hostOnly: false }] },
    ],
    pass: [
      { title: 'first-party analytics', cookies: [{ name: '_ga', domain: '.shop.example', hostOnly: false }] },
      {
        title: 'a partitioned third-party cookie',
        cookies: [{ name: 'IDE', domain: '.doubleclick.net', hostOnly: false, partitionKey: { topLevelSite: 'https://shop.example' } }],
      },
    ],
  },
};
