// Bounds on what a decoded value may cost. A site writes every byte of its cookies: a 1.4 KB Flask cookie
// can inflate to a megabyte-long list, and a report carrying that to the panel or popup (and a tree view
// listing it) freezes them. Every decoded payload is cut to these limits before anything else sees it.

export const LIMITS = {
  /** Bytes of an inflated (zlib) payload that are kept. */
  inflatedBytes: 64 * 1024,
  /** Inflating stops here: the size reported is then "more than" this. */
  inflateCount: 1024 * 1024,
  /** Levels of nesting kept in a decoded tree. */
  depth: 12,
  /** Items kept per list or object. */
  children: 200,
  /** Values kept in one tree. */
  nodes: 2000,
  /** Characters of strings (keys included) kept in one tree. */
  chars: 16 * 1024,
} as const;

const count = (n: number) => n.toLocaleString('en-US');
const many = (n: number, one: string, more = `${one}s`) => `${count(n)} ${n === 1 ? one : more}`;

/** A copy of a decoded value within LIMITS, and a note saying what was left out (none when nothing was). */
export function boundPayload(value: unknown): { value: unknown; note?: string } {
  let nodes = 0;
  let chars = 0;
  let items = 0;
  let cutChars = 0;
  let deep = 0;
  const text = (s: string): string => {
    const room = Math.max(0, LIMITS.chars - chars);
    chars += Math.min(s.length, room);
    if (s.length <= room) return s;
    cutChars += s.length - room;
    return `${s.slice(0, room)}…`;
  };
  const walk = (v: unknown, depth: number): unknown => {
    nodes++;
    if (typeof v === 'string') return text(v);
    if (typeof v !== 'object' || v === null) return v;
    const list = Array.isArray(v);
    const keys = list ? null : Object.keys(v);
    const size = list ? v.length : (keys as string[]).length;
    if (depth >= LIMITS.depth) {
      deep++;
      return list ? `[… ${many(size, 'item')}]` : `{… ${many(size, 'key')}}`;
    }
    let kept = 0;
    const room = () => kept < LIMITS.children && nodes < LIMITS.nodes;
    if (list) {
      const out: unknown[] = [];
      for (; kept < size && room(); kept++) out.push(walk(v[kept], depth + 1));
      items += size - kept;
      return out;
    }
    const out: [string, unknown][] = [];
    const obj = v as Record<string, unknown>;
    for (const k of keys as string[]) {
      if (!room()) break;
      out.push([text(k), walk(obj[k], depth + 1)]);
      kept++;
    }
    items += size - kept;
    // fromEntries defines own properties, so a key named "__proto__" stays a key.
    return Object.fromEntries(out);
  };
  const bounded = walk(value, 0);
  const parts = [
    items && many(items, 'item'),
    deep && `${many(deep, 'branch', 'branches')} nested over ${LIMITS.depth} levels`,
    cutChars && many(cutChars, 'character'),
  ].filter(Boolean);
  if (parts.length === 0) return { value: bounded };
  return {
    value: bounded,
    note: `Shown in part: ${parts.join(', ')} left out (Cookie Lens keeps ${LIMITS.children} items a level, ${count(LIMITS.nodes)} values, ${LIMITS.depth} levels and ${count(LIMITS.chars)} characters of a decoded value).`,
  };
}

/** "1,048,576 bytes" or "more than 1,048,576 bytes". */
export function inflatedSize(total: number, complete: boolean): string {
  return `${complete ? '' : 'more than '}${count(total)} bytes`;
}

/** Notes for a Decoded: undefined when there are none, as reports leave the field out then. */
export function notesOf(...notes: (string | undefined)[]): string[] | undefined {
  const kept = notes.filter((n): n is string => Boolean(n));
  return kept.length ? kept : undefined;
}
