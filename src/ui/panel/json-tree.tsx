import { useState } from 'preact/hooks';

/** Numbers that look like Unix times (2001–2100), in seconds or milliseconds, get a readable date next to them. */
export function asDate(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const ms = value > 1e12 ? value : value * 1000;
  if (ms < Date.UTC(2001, 0, 1) || ms > Date.UTC(2100, 0, 1)) return null;
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
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

function Node({ label, value, depth }: { label: string; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth < 3);
  const isBranch = typeof value === 'object' && value !== null;
  if (!isBranch) {
    return (
      <li>
        <span class="json-key">{label}</span>: <Leaf value={value} />
      </li>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  return (
    <li>
      <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} <span class="json-key">{label}</span>
        <span class="json-summary">{Array.isArray(value) ? ` [${entries.length}]` : ` {${entries.length}}`}</span>
      </button>
      {open && (
        <ul class="json-children">
          {entries.map(([k, v]) => (
            <Node key={k} label={k} value={v} depth={depth + 1} />
          ))}
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
