import { needsConsent } from '../consent';
import type { JarRule } from '../rule';
import { CONSENT_REFERENCES, CONSENT_SNIPPETS, trackerWords } from './tracking-before-consent';

export const rule: JarRule = {
  id: 'tracking-after-reject',
  scope: 'jar',
  levels: ['high'],
  title: 'Tracking cookie set or kept after "Reject all"',
  summary: 'An analytics or advertising cookie is present after the visitor refused consent.',
  explain:
    'With --consent, Cookie Lens loaded the page in a fresh browser, refused all in the consent banner, and read the cookies after the page had settled. An analytics or advertising cookie there was set despite the refusal — or set before it and not removed.',
  why: 'Refusing must be as effective as accepting: a tag that runs anyway, or a cookie set on arrival and kept after "Reject all", tracks a visitor who said no.',
  fix: 'Load tags only through the consent manager, and delete the cookies of a refused category when the choice is made (most CMPs can: Klaro `cookies`, CookieConsent v3 `autoClear`).',
  snippets: {
    ...CONSENT_SNIPPETS,
    express:
      "// CookieConsent v3: remove the category's cookies when it is refused\ncategories: { analytics: { autoClear: { cookies: [{ name: /^_ga/ }, { name: '_gid' }] } } }",
  },
  references: CONSENT_REFERENCES,
  checkJar(ctx) {
    if (ctx.consent?.phase !== 'reject') return [];
    return ctx.cookies.filter(needsConsent).map((c) => ({
      severity: 'high' as const,
      message: `${trackerWords(c)} is present after "Reject all"${ctx.consent?.cmp ? ` in the ${ctx.consent.cmp} banner` : ''}.`,
      cookie: c,
    }));
  },
  examples: {
    flag: [{ title: 'a Meta pixel cookie after refusing', consent: { phase: 'reject' }, cookies: [{ name: '_fbp', value: 'fb.1.1700000000000.123456789' }] }],
    pass: [{ title: 'only the refusal itself is stored', consent: { phase: 'reject' }, cookies: [{ name: 'cc_cookie', value: '%7B%7D' }] }],
  },
};
