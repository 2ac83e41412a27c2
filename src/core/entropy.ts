// Entropy estimate for session ids (OWASP: at least 64 bits from a CSPRNG). Structural bits come from the
// alphabet the id uses; a Shannon check over its characters catches ids that only look long ("aaaa…",
// "abcabc…", counters), which have far less variety than a random string of that length would.

const ALPHABETS: [RegExp, number][] = [
  [/^[0-9]+$/, 10],
  [/^[0-9a-f]+$/, 16],
  [/^[0-9A-F]+$/, 16],
  [/^[0-9a-z]+$/, 36],
  [/^[0-9A-Z]+$/, 36],
  [/^[0-9A-Za-z]+$/, 62],
  [/^[0-9A-Za-z_-]+$/, 64],
  [/^[0-9A-Za-z+/]+=*$/, 64],
];

function alphabetSize(id: string): number {
  for (const [re, size] of ALPHABETS) if (re.test(id)) return size;
  return Math.min(95, new Set(id).size * 2);
}

function shannon(id: string): number {
  const counts = new Map<string, number>();
  for (const ch of id) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / id.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Shannon entropy a truly random string of length n over k symbols shows on average (Miller–Madow). */
function expectedShannon(n: number, k: number): number {
  return Math.max(0.01, Math.log2(Math.min(k, n)) - (Math.min(k, n) - 1) / (2 * n * Math.LN2));
}

/** Estimated bits of entropy of an id. */
export function entropyBits(id: string): number {
  if (id.length === 0) return 0;
  const k = alphabetSize(id);
  const structural = id.length * Math.log2(k);
  const ratio = shannon(id) / expectedShannon(id.length, k);
  return Math.round(ratio >= 0.8 ? structural : structural * ratio);
}
