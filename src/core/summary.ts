import type { AnalyzedCookie } from './analyzed';

export interface CookieCounts {
  total: number;
  session: number;
  persistent: number;
  secure: number;
  thirdParty: number;
  partitioned: number;
}

export function countCookies(cookies: readonly AnalyzedCookie[]): CookieCounts {
  const counts: CookieCounts = { total: cookies.length, session: 0, persistent: 0, secure: 0, thirdParty: 0, partitioned: 0 };
  for (const c of cookies) {
    counts[c.type]++;
    if (c.secure) counts.secure++;
    if (c.thirdParty) counts.thirdParty++;
    if (c.partitioned) counts.partitioned++;
  }
  return counts;
}
