import type { JarRule } from '../rule';
import { CONSENT_REFERENCES } from './tracking-before-consent';

export const rule: JarRule = {
  id: 'consent-not-remembered',
  scope: 'jar',
  levels: ['low'],
  title: 'Consent choice not remembered',
  summary: 'After answering the banner, the next visit in the same browser shows it again.',
  explain:
    'With --consent, Cookie Lens answered the banner, then loaded the page again in the same browser profile: the banner came back. The choice was not stored (or not read), so every visit asks again.',
  why: 'Asking on every page wears visitors into clicking "Accept" (regulators count repeated prompts after a refusal as pressure), and a refusal that is not kept cannot be respected.',
  fix: 'Store the choice in a first-party cookie or localStorage that lives long enough (the CNIL suggests keeping a refusal as long as an acceptance, around six months) and read it before showing the banner.',
  snippets: {
    flask: "# the CMP stores it; make sure nothing deletes it, e.g. a 'clear all cookies' on logout that also removes cc_cookie",
    django: '# keep the consent cookie out of any cookie clearing; SESSION_COOKIE_* changes do not touch it',
    express: "CookieConsent.run({ cookie: { name: 'cc_cookie', expiresAfterDays: 182 } })",
  },
  references: CONSENT_REFERENCES,
  checkJar(ctx) {
    const c = ctx.consent;
    if (!c || c.phase === 'before' || c.remembered !== false) return [];
    const choice = c.phase === 'accept' ? '"Accept all"' : '"Reject all"';
    return [
      {
        severity: 'low' as const,
        message: `After ${choice}, the ${c.cmp ?? 'consent'} banner showed again on the next visit: the choice was not remembered.`,
        cookie: null,
      },
    ];
  },
  examples: {
    flag: [{ title: 'the banner again after a refusal', consent: { phase: 'reject', cmp: 'Klaro', remembered: false }, cookies: [] }],
    pass: [{ title: 'the refusal is kept', consent: { phase: 'reject', cmp: 'Klaro', remembered: true }, cookies: [] }],
  },
};
