import { TCString } from '@iabtcf/core';
import { parseJson } from '../bytes';
import type { Decoder } from './types';

// Consent managers' cookies, read as the visitor's choice: the IAB TCF v2 string (decoded by @iabtcf/core, the
// IAB's own library; vendor names need the online vendor list, so vendors are counted), OneTrust's
// OptanonConsent (a query string of groups), Cookiebot's CookieConsent (a JavaScript object literal, not JSON:
// read by a small pattern, since no library reads it), Klaro's and CookieConsent v3's JSON. Google Consent Mode
// keeps its state in the page (gtag), not in a cookie: there is nothing to decode.

/** OneTrust's default group ids and what they mean. */
const ONETRUST_GROUPS: Record<string, string> = {
  C0001: 'Strictly necessary',
  C0002: 'Performance',
  C0003: 'Functional',
  C0004: 'Targeting',
  C0005: 'Social media',
};

const decodeUri = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

function tcf(value: string) {
  const m = TCString.decode(value);
  const on = (v: { forEach(fn: (value: boolean, id: number) => void): void }) => {
    const ids: number[] = [];
    v.forEach((set, id) => {
      if (set) ids.push(id);
    });
    return ids;
  };
  return {
    standard: 'IAB TCF v2',
    cmpId: m.cmpId,
    cmpVersion: m.cmpVersion,
    created: m.created?.getTime(),
    lastUpdated: m.lastUpdated?.getTime(),
    policyVersion: m.policyVersion,
    vendorListVersion: m.vendorListVersion,
    consentLanguage: m.consentLanguage,
    publisherCountryCode: m.publisherCountryCode,
    purposesConsented: on(m.purposeConsents),
    purposesLegitimateInterest: on(m.purposeLegitimateInterests),
    specialFeaturesOptedIn: on(m.specialFeatureOptins),
    vendorsConsented: on(m.vendorConsents).length,
    vendorsLegitimateInterest: on(m.vendorLegitimateInterests).length,
  };
}

function oneTrust(value: string) {
  const params = new URLSearchParams(decodeUri(value));
  const groups = params.get('groups');
  if (!groups) return null;
  const choices: Record<string, boolean> = {};
  for (const pair of groups.split(',')) {
    const [id, state] = pair.split(':');
    if (id) choices[ONETRUST_GROUPS[id] ? `${id} ${ONETRUST_GROUPS[id]}` : id] = state === '1';
  }
  const out: Record<string, unknown> = { groups: choices };
  for (const key of ['datestamp', 'version', 'consentId', 'interactionCount', 'isGpcEnabled', 'landingPath'])
    if (params.get(key) !== null) out[key] = params.get(key);
  return out;
}

/** Cookiebot writes `{stamp:'…',necessary:true,preferences:false,…,utc:1700000000000}` (URL-encoded). */
function cookiebot(value: string) {
  const text = decodeUri(value);
  if (!/^\{.*\}$/s.test(text) || !/necessary:/.test(text)) return null;
  const out: Record<string, unknown> = {};
  for (const m of text.matchAll(/(\w+):('([^']*)'|true|false|-?\d+)/g)) out[m[1]] = m[3] ?? (m[2] === 'true' ? true : m[2] === 'false' ? false : Number(m[2]));
  return Object.keys(out).length ? out : null;
}

const jsonObject = (value: string) => {
  const parsed = parseJson(decodeUri(value));
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
};

export const consent: Decoder = {
  id: 'consent',
  formats: {
    'tcf-v2': 'IAB TCF v2 consent string',
    'onetrust-consent': 'OneTrust consent (OptanonConsent)',
    'cookiebot-consent': 'Cookiebot consent',
    'klaro-consent': 'Klaro consent',
    'cookieconsent-v3': 'CookieConsent v3 consent',
  },
  examples: {
    match: [
      // Made by @iabtcf/core's own encoder (TCModel with CMP 10, purposes 1–3, two vendors).
      { cookie: { name: 'euconsent-v2', value: 'CQujIwAQujIwAAKACBENCWEAAOAAAAAAAAqIGMwAgF5gMZAAAAAA.IGMwAgF5gMZA' }, format: 'tcf-v2' },
      {
        cookie: { name: 'OptanonConsent', value: 'isGpcEnabled=0&datestamp=Tue+Dec+01+2026&version=202409.1.0&groups=C0001%3A1%2CC0002%3A0%2CC0004%3A0' },
        format: 'onetrust-consent',
      },
      {
        cookie: {
          name: 'CookieConsent',
          value:
            '{stamp:%27-4tnD5xCUbhxRTyNZr3PYoQz%27%2Cnecessary:true%2Cpreferences:false%2Cstatistics:false%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1%2Cutc:1764590400000%2Cregion:%27fr%27}',
        },
        format: 'cookiebot-consent',
      },
      { cookie: { name: 'klaro', value: '%7B%22analytics%22%3Afalse%7D' }, format: 'klaro-consent' },
      { cookie: { name: 'cc_cookie', value: '{"categories":["necessary"],"revision":0,"data":null,"consentId":"c1"}' }, format: 'cookieconsent-v3' },
    ],
    noMatch: [
      { name: 'euconsent-v2', value: 'not-a-tc-string' },
      { name: 'OptanonConsent', value: 'isGpcEnabled=0' },
    ],
  },
  decode({ name, value }) {
    if (/^euconsent(?:-v2)?$/i.test(name)) {
      try {
        return { decoded: { format: 'tcf-v2', payload: tcf(value) } };
      } catch {
        return null;
      }
    }
    if (name === 'OptanonConsent') {
      const payload = oneTrust(value);
      return payload && { decoded: { format: 'onetrust-consent', payload } };
    }
    if (name === 'CookieConsent') {
      const payload = cookiebot(value);
      return payload && { decoded: { format: 'cookiebot-consent', payload } };
    }
    if (name === 'klaro' || name === 'cc_cookie') {
      const payload = jsonObject(value);
      return (
        payload && { decoded: { format: name === 'klaro' ? 'klaro-consent' : 'cookieconsent-v3', payload: name === 'klaro' ? { services: payload } : payload } }
      );
    }
    return null;
  },
};
