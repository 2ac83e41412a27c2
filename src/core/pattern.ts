// Name and domain patterns of cookie policies: a glob (`session*`, `__Host-?id`) or a regular expression
// written `/…/flags`. Policies come from files people pass around and run against site data, so a
// pattern must not be able to hang the worker or the CLI, nor silently skip cookies:
// - globs are matched by a hand-written linear matcher (as a regex, `*a*a*b` backtracks polynomially);
// - a regex may only use the flags i, m, s and u (g and y keep `lastIndex` between cookies, so every
//   other cookie would be skipped; d and v are refused to keep the accepted syntax small);
// - a regex must pass redos-detector, which proves the absence of catastrophic backtracking offline by
//   walking the pattern's backtracking paths (it catches `(a|a)*`, `.*a.*a.*b` and `\w+\d+$`, which
//   star-height checkers such as safe-regex2 miss);
// - and each match is timed: a pattern that still takes too long is stopped and reported, not trusted.
import { isSafe } from 'redos-detector';

export interface NameMatcher {
  /** The pattern as written. */
  readonly source: string;
  /** Does the text match? Throws PatternTooSlow once the pattern has used up its time budget. */
  test(text: string): boolean;
}

export class PatternTooSlow extends Error {
  constructor(readonly source: string) {
    super(`The pattern ${source} took over ${MATCH_BUDGET_MS} ms on one name and was stopped.`);
    this.name = 'PatternTooSlow';
  }
}

/** Longest time one match may take before the pattern is no longer used. */
export const MATCH_BUDGET_MS = 50;
const FLAGS = /^[imsu]*$/;
const REGEX = /^\/(.+)\/([a-z]*)$/s;

/** Case-insensitive glob match: `*` any run, `?` one character. O(text × pattern), no backtracking blow-up. */
export function globMatch(glob: string, text: string): boolean {
  const g = glob.toLowerCase();
  const t = text.toLowerCase();
  let gi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (gi < g.length && (g[gi] === '?' || g[gi] === t[ti])) {
      gi++;
      ti++;
    } else if (gi < g.length && g[gi] === '*') {
      star = gi++;
      mark = ti;
    } else if (star !== -1) {
      gi = star + 1;
      ti = ++mark;
    } else return false;
  }
  while (gi < g.length && g[gi] === '*') gi++;
  return gi === g.length;
}

function timedRegex(source: string, re: RegExp, clock: () => number): NameMatcher {
  let stopped = false;
  return {
    source,
    test(text) {
      if (stopped) throw new PatternTooSlow(source);
      const started = clock();
      const result = re.test(text);
      if (clock() - started > MATCH_BUDGET_MS) stopped = true;
      return result;
    },
  };
}

/** Compiles a policy pattern, or says why it is refused. */
export function compilePattern(pattern: string, clock: () => number = () => performance.now()): { matcher: NameMatcher } | { error: string } {
  const m = REGEX.exec(pattern);
  if (!m) return { matcher: { source: pattern, test: (text) => globMatch(pattern, text) } };
  const [, body, flags] = m;
  if (!FLAGS.test(flags) || new Set(flags).size !== flags.length) {
    const bad = [...new Set(flags)].filter((f) => !'imsu'.includes(f));
    return {
      error: `${pattern} uses the flag${bad.length === 1 ? '' : 's'} ${bad.join(', ') || flags}: only i, m, s and u are allowed (g and y carry state from one cookie to the next, so every other cookie would go unchecked).`,
    };
  }
  let re: RegExp;
  try {
    re = new RegExp(body, flags);
  } catch (e) {
    return { error: `${pattern} is not a valid regular expression: ${(e as Error).message}` };
  }
  const verdict = isSafe(re, { maxSteps: 5000, timeout: 500 });
  if (!verdict.safe) {
    const why =
      verdict.error === 'hitMaxScore'
        ? 'it can backtrack catastrophically (a repetition inside a repetition, or two repetitions that can match the same text)'
        : 'it is too complex to prove that it cannot backtrack catastrophically';
    return {
      error: `${pattern} is refused: ${why}, so one cookie name could hang the check. Write it without nested or overlapping repetition, or use a glob.`,
    };
  }
  return { matcher: timedRegex(pattern, re, clock) };
}
