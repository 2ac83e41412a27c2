import type { Rule } from '../rule';
import { rule as missingHttponly } from './missing-httponly';
import { rule as missingSecure } from './missing-secure';
import { rule as samesiteNone } from './samesite-none';

/** Every rule, one per file; a test checks that each file here is listed and its id is its file name. */
export const RULES: readonly Rule[] = [missingSecure, missingHttponly, samesiteNone];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
