// A finding and its severity: what every rule, report format, policy and view shares, in a module that
// imports nothing but the cookie's identity (so the types that carry findings need not import the rules).
import { type CookieRef, refKey } from './cookie';

export type Severity = 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export interface Finding {
  rule: string;
  severity: Severity;
  cookie: CookieRef | null;
  url?: string;
  message: string;
  /** One line: what to change. The rule's docs carry the framework snippets. */
  fix: string;
}

/** A decoder, signature check, rule or input stage that threw, and on which cookie. */
export interface AnalysisFailure {
  cookie: CookieRef | null;
  /** What was running: "decoding", "the signature check", "rule missing-secure", "reading the Work container". */
  stage: string;
  message: string;
}

/** One finding's identity across pages and shards: its rule, its cookie (refKey) and its message. */
export function findingKey(f: Pick<Finding, 'rule' | 'cookie' | 'message'>): string {
  return [f.rule, f.cookie ? refKey(f.cookie) : '', f.message].join('\u0001');
}
