// The report as the popup gets it: a site with 3,300 cookies makes a 2 MB report (every cookie with its
// description, every finding with its text), too much to send and hold for a glance. The compact form keeps
// what the popup shows — each cookie as a short tuple over a table of distinct strings, long values cut,
// decoded contents only for the readable sessions the Learn tab shows, and findings grouped by rule and
// severity with a few examples and the list of cookies each group concerns — about 60 bytes a cookie.

import type { AnalyzedCookie, RejectedCookie, Report } from './analyzed';
import { type CookieRef, type CookieType, refKey, type SameSite } from './cookie';
import type { Purpose } from './data/cookie-db';
import type { Decoded } from './decode/types';
import type { Grade } from './grade';
import type { Finding, Severity } from './rule';
import { severityRank } from './rule';
import { sitesOf } from './site';
import type { StorageReport } from './web-storage';

/** Findings of one rule at one severity: the first few in full, and how many there are in all. */
export interface FindingGroup {
  rule: string;
  severity: Severity;
  count: number;
  examples: Finding[];
  /** Indexes into the report's cookies of every finding of the group that is about a cookie. */
  cookies: number[];
}

/** Findings shown in full per group; the rest are a count and a list of cookies. */
export const GROUP_EXAMPLES = 3;
const VALUE_KEPT = 40;
const MAX_REJECTED = 100;

const SAME_SITE: readonly SameSite[] = ['unspecified', 'lax', 'strict', 'no_restriction'];
const TYPES: readonly CookieType[] = ['session', 'persistent'];
const F = { hostOnly: 1, secure: 2, httpOnly: 4, session: 8, thirdParty: 16, partitioned: 32, crossSite: 64, beforeConsent: 128 } as const;

/**
 * [name, value, domain, path, flags, sameSite, expirationDate (whole seconds), type, size, storeId, role,
 * purpose, topLevelSite, platform, description, retention, privacyLink, sessionStorage, framework] — strings
 * as indexes into the table, -1 for none, and trailing -1s left out.
 */
type CookieTuple = number[];

export interface CompactReport {
  v: 1;
  schemaVersion: Report['schemaVersion'];
  url: string;
  grade: Grade;
  score: number;
  strings: string[];
  cookies: CookieTuple[];
  /** Decoded contents of the readable client-side sessions, by cookie index. */
  decoded: Record<number, Decoded>;
  groups: FindingGroup[];
  findingCount: number;
  rejected: RejectedCookie[];
  rejectedCount: number;
  /** The page's web storage, when it was read: values cut at STORAGE_VALUE_KEPT characters, at most MAX_STORAGE_ITEMS items. */
  storage?: StorageReport;
  storageItemCount?: number;
}

export function groupFindings(findings: readonly Finding[], indexOf: (ref: CookieRef) => number = () => -1): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.severity}`;
    let g = groups.get(key);
    if (!g) {
      g = { rule: f.rule, severity: f.severity, count: 0, examples: [], cookies: [] };
      groups.set(key, g);
    }
    g.count++;
    if (g.examples.length < GROUP_EXAMPLES) g.examples.push(f);
    if (f.cookie) {
      const i = indexOf(f.cookie);
      if (i >= 0) g.cookies.push(i);
    }
  }
  return [...groups.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export function compactReport(report: Report): CompactReport {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const s = (text: string | undefined) => {
    if (text === undefined) return -1;
    let id = ids.get(text);
    if (id === undefined) {
      id = strings.length;
      strings.push(text);
      ids.set(text, id);
    }
    return id;
  };
  const decoded: Record<number, Decoded> = {};
  const index = new Map<string, number>();
  const cookies = report.cookies.map((c, i) => {
    if (!index.has(refKey(c))) index.set(refKey(c), i);
    if ((c.role === 'session' || c.role === 'auth') && c.sessionStorage === 'client' && c.decoded?.payload !== undefined) decoded[i] = c.decoded;
    const flags =
      (c.hostOnly ? F.hostOnly : 0) |
      (c.secure ? F.secure : 0) |
      (c.httpOnly ? F.httpOnly : 0) |
      (c.session ? F.session : 0) |
      (c.thirdParty ? F.thirdParty : 0) |
      (c.partitioned ? F.partitioned : 0) |
      (c.partitionKey?.hasCrossSiteAncestor ? F.crossSite : 0) |
      (c.beforeConsent ? F.beforeConsent : 0);
    const tuple = [
      s(c.name),
      s(c.value.length > VALUE_KEPT ? `${c.value.slice(0, VALUE_KEPT)}…` : c.value),
      s(c.domain),
      s(c.path),
      flags,
      Math.max(0, SAME_SITE.indexOf(c.sameSite)),
      c.expirationDate === undefined ? -1 : Math.round(c.expirationDate),
      Math.max(0, TYPES.indexOf(c.type)),
      c.size,
      s(c.storeId),
      s(c.role),
      s(c.purpose),
      s(c.partitionKey?.topLevelSite),
      s(c.platform),
      s(c.description),
      s(c.retention),
      s(c.privacyLink),
      c.sessionStorage === 'client' ? 1 : c.sessionStorage === 'server' ? 2 : -1,
      s(c.framework),
      s(c.firstPartyDomain),
      s(c.setBy?.url),
    ];
    while (tuple.length && tuple[tuple.length - 1] === -1) tuple.pop();
    return tuple;
  });
  return {
    v: 1,
    schemaVersion: report.schemaVersion,
    url: report.url,
    grade: report.grade,
    score: report.score,
    strings,
    cookies,
    decoded,
    groups: groupFindings(report.findings, (ref) => index.get(refKey(ref)) ?? -1),
    findingCount: report.findings.length,
    rejected: report.rejected.slice(0, MAX_REJECTED),
    rejectedCount: report.rejected.length,
    ...(report.storage ? { storage: compactStorage(report.storage), storageItemCount: report.storage.items.length } : {}),
  };
}

/** Storage items the popup lists: the first MAX_STORAGE_ITEMS, credentials first; long values cut (the panel shows them whole). */
const MAX_STORAGE_ITEMS = 300;
const STORAGE_VALUE_KEPT = 2000;
function compactStorage(storage: StorageReport): StorageReport {
  const items = [...storage.items]
    .sort((a, b) => Number(Boolean(b.credential)) - Number(Boolean(a.credential)))
    .slice(0, MAX_STORAGE_ITEMS)
    .map((item) => (item.value.length > STORAGE_VALUE_KEPT ? { ...item, value: item.value.slice(0, STORAGE_VALUE_KEPT), cut: true } : item));
  return { ...storage, items };
}

/** The compact report's cookies as the popup uses them (values cut, no roleEvidence; setBy without its header). */
export function expandCookies(r: CompactReport): AnalyzedCookie[] {
  const str = (i: number) => (i < 0 ? undefined : r.strings[i]);
  return r.cookies.map((t, i) => {
    const at = (k: number) => t[k] ?? -1;
    const [name, value, domain, path, flags, sameSite, expirationDate, type, size] = t;
    const [storeId, role, purpose, topLevelSite, platform, description, retention, privacyLink, storage, framework, firstParty, setBy] = [
      9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
    ].map(at);
    const c: AnalyzedCookie = {
      name: str(name) ?? '',
      value: str(value) ?? '',
      domain: str(domain) ?? '',
      path: str(path) ?? '/',
      hostOnly: (flags & F.hostOnly) !== 0,
      secure: (flags & F.secure) !== 0,
      httpOnly: (flags & F.httpOnly) !== 0,
      session: (flags & F.session) !== 0,
      sameSite: SAME_SITE[sameSite] ?? 'unspecified',
      type: TYPES[type] ?? 'session',
      size,
      role: (str(role) ?? 'unknown') as AnalyzedCookie['role'],
      roleEvidence: { reason: '', certainty: 'possible' },
      purpose: (str(purpose) ?? 'unknown') as Purpose,
      thirdParty: (flags & F.thirdParty) !== 0,
      partitioned: (flags & F.partitioned) !== 0,
    };
    if (expirationDate >= 0) c.expirationDate = expirationDate;
    if (storeId >= 0) c.storeId = str(storeId);
    if (firstParty >= 0) c.firstPartyDomain = str(firstParty);
    if (setBy >= 0) c.setBy = { url: str(setBy) ?? '', header: '' };
    const top = str(topLevelSite);
    if (top !== undefined) c.partitionKey = { topLevelSite: top, hasCrossSiteAncestor: (flags & F.crossSite) !== 0 };
    for (const [k, v] of [
      ['platform', platform],
      ['description', description],
      ['retention', retention],
      ['privacyLink', privacyLink],
      ['framework', framework],
    ] as const) {
      const text = str(v);
      if (text !== undefined) c[k] = text;
    }
    if (storage > 0) c.sessionStorage = storage === 1 ? 'client' : 'server';
    if (flags & F.beforeConsent) c.beforeConsent = true;
    if (r.decoded[i]) c.decoded = r.decoded[i];
    return c;
  });
}

/** The sites the compact report's cookies belong to (see sitesOf). */
export function compactSites(r: CompactReport): string[] {
  return sitesOf(r.cookies.map((t) => ({ domain: r.strings[t[2]] ?? '', partitionKey: (t[12] ?? -1) >= 0 ? { topLevelSite: r.strings[t[12]] } : null })));
}
