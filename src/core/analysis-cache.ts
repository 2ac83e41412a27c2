import type { AnalyzedCookie } from './analyzed';
import type { Cookie } from './cookie';
import type { CookieDb } from './data/cookie-db';
import type { CookieLike, Decoded, Siblings } from './decode/types';
import type { AnalysisFailure } from './rule';

/** What decoding one cookie gave, and what it read of the jar to get there. */
interface DecodedEntry {
  decoded: Decoded | undefined;
  failures: AnalysisFailure[];
  /** The sibling look-ups the decoders made, with what each found: the entry holds while each finds the same. */
  lookups: [name: string, found: CookieLike | undefined][];
  /** The signature checker it ran with (false: none); another one may know other secrets. */
  checker: unknown;
}

/** The cookie described on a page: classification depends on the database and on whether it is third-party there. */
interface DescribedEntry {
  decoded: Decoded | undefined;
  db: CookieDb;
  descriptions: boolean;
  /** '' on no page, else whether the cookie is third-party on it. */
  party: string;
  failures: AnalysisFailure[];
  cookie: AnalyzedCookie;
}

/**
 * What `analyze` works out for each cookie on its own — its decoded value, signature check and classification —
 * kept per cookie object across analyses, so re-analysing a 600-cookie jar of which 20 changed decodes and
 * classifies 20 (measured: the badge's analysis on the bench site was 45 ms a run, two thirds of it this).
 *
 * Keyed by object identity: the worker's store index keeps the objects `cookies.onChanged` delivered, and a
 * changed cookie arrives as a new object. Callers must not mutate a cookie they analysed. An entry is used only
 * when everything it was worked out from is the same: the decoders' sibling look-ups find the same objects, the
 * same signature checker, the same database, descriptions wanted or not, the same third-party standing. Rules are
 * not cached: they read the whole jar and the page.
 */
export class AnalysisCache {
  private readonly decodedBy = new WeakMap<Cookie, DecodedEntry>();
  private readonly describedBy = new WeakMap<Cookie, DescribedEntry>();
  /** Cookies whose decoding or description was reused / worked out, since this cache was made (for tests and the bench). */
  readonly counts = { decodeHits: 0, decodeMisses: 0, describeHits: 0, describeMisses: 0 };

  /** The cached decoding of this cookie, when its sibling look-ups still find the same cookies. */
  decoded(c: Cookie, siblings: Siblings, checker: unknown): DecodedEntry | undefined {
    const entry = this.decodedBy.get(c);
    const valid = entry !== undefined && entry.checker === checker && entry.lookups.every(([name, found]) => siblings.get(name) === found);
    if (valid) this.counts.decodeHits++;
    else this.counts.decodeMisses++;
    return valid ? entry : undefined;
  }

  /** Siblings that note each look-up into `lookups`. */
  static recording(siblings: Siblings, lookups: DecodedEntry['lookups']): Siblings {
    return {
      get(name) {
        const found = siblings.get(name);
        lookups.push([name, found]);
        return found;
      },
    };
  }

  rememberDecoded(c: Cookie, entry: DecodedEntry): void {
    this.decodedBy.set(c, entry);
  }

  /** A copy of the cached description (the caller fills per-page fields such as setBy), when it still holds. */
  described(c: Cookie, key: Omit<DescribedEntry, 'failures' | 'cookie'>): { cookie: AnalyzedCookie; failures: AnalysisFailure[] } | undefined {
    const entry = this.describedBy.get(c);
    const valid =
      entry !== undefined && entry.decoded === key.decoded && entry.db === key.db && entry.descriptions === key.descriptions && entry.party === key.party;
    if (!valid) {
      this.counts.describeMisses++;
      return undefined;
    }
    this.counts.describeHits++;
    return { cookie: { ...entry.cookie }, failures: entry.failures };
  }

  rememberDescribed(c: Cookie, entry: DescribedEntry): void {
    // A pristine copy: the analysis goes on to fill setBy, beforeConsent and container on the one it returns.
    this.describedBy.set(c, { ...entry, cookie: { ...entry.cookie } });
  }
}
