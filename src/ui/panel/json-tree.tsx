import { useState } from 'preact/hooks';
import { localDateTime } from '../format';

/** Numbers that look like Unix times (2001–2100), in seconds or milliseconds, get a readable date next to them. */
export function asDate(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const ms = value > 1e12 ? value : value * 1000;
  if (ms < Date.UTC(2001, 0, 1) || ms > Date.UTC(2100, 0, 1)) return null;
  return localDateTime(ms, true);
}

function Leaf({ value }: { value: unknown }) {
  if (value === null) return <span class="json-null">null</span>;
  if (typeof value === 'string') return <span class="json-string">"{value}"</span>;
  if (typeof value === 'number') {
    const date = asDate(value);
    return (
      <span class="json-number">
        {value}
        {date && <span class="json-date"> ({date})</span>}
      </span>
    );
  }
  return <span class="json-other">{String(value)}</span>;
}

/** Children shown per level at first, and per "Show more": a wide list stays a few elements until asked for. */
export const TREE_PAGE = 100;

function Node({ label, value, depth }: { label: string; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth < 3);
  const [shown, setShown] = useState(TREE_PAGE);
  const isBranch = typeof value === 'object' && value !== null;
  if (!isBranch) {
    return (
      <li>
        <span class="json-key">{label}</span>: <Leaf value={value} />
      </li>
    );
  }
  const size = Array.isArray(value) ? value.length : Object.keys(value).length;
  // Only the children on display are turned into entries: a level of 100,000 items costs 100.
  const entries = open
    ? Array.isArray(value)
      ? value.slice(0, shown).map((v, i) => [String(i), v] as const)
      : Object.keys(value)
          .slice(0, shown)
          .map((k) => [k, (value as Record<string, unknown>)[k]] as const)
    : [];
  return (
    <li>
      <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} <span class="json-key">{label}</span>
        <span class="json-summary">{Array.isArray(value) ? ` [${size}]` : ` {${size}}`}</span>
      </button>
      {open && (
        <ul class="json-children">
          {entries.map(([k, v]) => (
            <Node key={k} label={k} value={v} depth={depth + 1} />
          ))}
          {size > shown && (
            <li>
              <button type="button" class="json-more" onClick={() => setShown(shown + TREE_PAGE)}>
                Show {Math.min(TREE_PAGE, size - shown)} more ({size - shown} not shown)
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/** A collapsible view of decoded payloads; every key and value is rendered as text. */
export function JsonTree({ value, label = 'payload' }: { value: unknown; label?: string }) {
  return (
    <ul class="json-tree" aria-label="Decoded value">
      <Node label={label} value={value} depth={0} />
    </ul>
  );
}
