// The ARIA grid pattern on divs (role=grid/row/gridcell, aria-activedescendant): a <table> cannot be
// virtualized with absolutely positioned rows. Keyboard handling lives on the grid, not on each row.
import { Component } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnalyzedCookie } from '../../core/analyzed';
import type { Finding } from '../../core/rule';
import { COLUMNS, type Column, POLICY_COLUMN } from './columns';

export const ROW_HEIGHT = 22;
const OVERSCAN = 8;

interface Props {
  cookies: readonly AnalyzedCookie[];
  /** refKey of each cookie, computed once per report. */
  keys: readonly string[];
  /** Indexes into `cookies` that pass the filter, in report order. */
  visible: readonly number[];
  worst: readonly (Finding | undefined)[];
  /** Per cookie, pass/fail against the active policy; adds the Policy column. */
  policy?: readonly (boolean | undefined)[];
  selectedKey: string | undefined;
  onSelect(key: string): void;
  /** Enter on a row: show its details. */
  onOpen(): void;
  /** Delete on a row. */
  onDelete(): void;
}

type Sort = { column: string; dir: 1 | -1 } | null;

interface RowProps {
  row: number;
  cookie: AnalyzedCookie;
  identity: string;
  worst: Finding | undefined;
  passed: boolean | undefined;
  selected: boolean;
  columns: readonly Column[];
  template: string;
  onSelect(key: string): void;
  onOpen(): void;
}

/**
 * One row, keyed by position so a new filter result reuses the elements, and skipped entirely when its
 * props are unchanged (a keystroke that leaves a row showing the same cookie costs nothing for it). A class
 * with shouldComponentUpdate rather than preact/compat's memo, whose global vnode hook would tax every
 * element of the panel.
 */
class GridRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const current = this.props as unknown as Record<string, unknown>;
    const incoming = next as unknown as Record<string, unknown>;
    for (const key in incoming) if (incoming[key] !== current[key]) return true;
    return false;
  }

  override render() {
    const { row, cookie: c, identity, worst, passed, selected, columns, template, onSelect, onOpen } = this.props;
    return (
      <div
        id={`row-${row}`}
        role="row"
        aria-rowindex={row + 2}
        aria-selected={selected}
        class={`grid-row${selected ? ' selected' : ''}${row % 2 ? ' odd' : ''}`}
        data-cookie={c.name}
        style={{ top: `${row * ROW_HEIGHT}px`, gridTemplateColumns: template }}
        onClick={() => onSelect(identity)}
        onDblClick={onOpen}
      >
        {columns.map((col) => (
          <div key={col.id} role="gridcell" class={`grid-td col-${col.id} ${col.align ? `align-${col.align}` : ''}`}>
            {col.render(c, worst, passed)}
          </div>
        ))}
      </div>
    );
  }
}

/**
 * The cookie table: sortable and resizable columns, only the rows in view rendered (3,300 cookies stay
 * instant), keyboard navigation with the selection kept by cookie identity across live updates.
 */
export function CookieGrid({ cookies, keys: cookieKeys, visible, worst, policy, selectedKey, onSelect, onOpen, onDelete }: Props) {
  const withPolicy = policy !== undefined;
  // The columns that matter first (name, worst issue, policy, purpose): they stay in view in a 900 px panel.
  const columns: readonly Column[] = useMemo(() => {
    if (!withPolicy) return COLUMNS;
    const at = COLUMNS.findIndex((c) => c.id === 'issue') + 1;
    return [...COLUMNS.slice(0, at), POLICY_COLUMN, ...COLUMNS.slice(at)];
  }, [withPolicy]);
  // Stable handlers for the memoized rows; they call whatever the parent passed last.
  const handlers = useRef({ onSelect, onOpen });
  handlers.current = { onSelect, onOpen };
  const select = useCallback((key: string) => handlers.current.onSelect(key), []);
  const open = useCallback(() => handlers.current.onOpen(), []);
  const [sort, setSort] = useState<Sort>(null);
  const [widths, setWidths] = useState<Record<string, number>>(() => Object.fromEntries([...COLUMNS, POLICY_COLUMN].map((c) => [c.id, c.width])));
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const body = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 400));
    observer.observe(el);
    setHeight(el.clientHeight || 400);
    return () => observer.disconnect();
  }, []);

  const order = useMemo(() => {
    if (!sort) return visible;
    const column = columns.find((c) => c.id === sort.column);
    if (!column) return visible;
    return [...visible].sort((a, b) => {
      const x = column.sortValue(cookies[a], worst[a], policy?.[a]);
      const y = column.sortValue(cookies[b], worst[b], policy?.[b]);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || a - b;
    });
  }, [visible, sort, cookies, worst, policy]);

  const keys = useMemo(() => order.map((i) => cookieKeys[i]), [order, cookieKeys]);
  const selectedRow = selectedKey === undefined ? -1 : keys.indexOf(selectedKey);

  // Keep the selected row in view when it moves (keyboard, sorting).
  useEffect(() => {
    const el = body.current;
    if (!el || selectedRow < 0) return;
    // The header sits in the scroller (sticky), over the first rows' place.
    const rows = el.clientHeight - (head.current?.offsetHeight ?? 0);
    const top = selectedRow * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + rows) el.scrollTop = top + ROW_HEIGHT - rows;
  }, [selectedRow]);

  const template = columns.map((c) => `${widths[c.id]}px`).join(' ');
  const totalWidth = columns.reduce((sum, c) => sum + widths[c.id], 0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(order.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const move = (row: number) => {
    const clamped = Math.max(0, Math.min(order.length - 1, row));
    if (keys[clamped] !== undefined) onSelect(keys[clamped]);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const actions: Record<string, () => void> = {
      ArrowDown: () => move(selectedRow + 1),
      ArrowUp: () => move(selectedRow < 0 ? 0 : selectedRow - 1),
      PageDown: () => move(selectedRow + page),
      PageUp: () => move(selectedRow - page),
      Home: () => move(0),
      End: () => move(order.length - 1),
      Enter: onOpen,
      Delete: onDelete,
      Backspace: onDelete,
    };
    const action = actions[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const startResize = (id: string, e: PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startWidth = widths[id];
    const onMove = (m: PointerEvent) => setWidths((w) => ({ ...w, [id]: Math.max(36, startWidth + m.clientX - startX) }));
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  };

  const cycleSort = (id: string) => setSort((s) => (s?.column !== id ? { column: id, dir: 1 } : s.dir === 1 ? { column: id, dir: -1 } : null));

  return (
    <div
      class="grid"
      role="grid"
      aria-label="Cookies"
      aria-rowcount={order.length + 1}
      aria-activedescendant={selectedRow >= 0 ? `row-${selectedRow}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div class="grid-body" ref={body} onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}>
        <div class="grid-head" ref={head} role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, width: `${totalWidth}px` }}>
          {columns.map((c) => (
            <div
              key={c.id}
              role="columnheader"
              class={`grid-th ${c.align ? `align-${c.align}` : ''}`}
              aria-sort={sort?.column === c.id ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
              data-column={c.id}
              tabIndex={0}
              title={`Sort by ${c.label}`}
              onClick={() => cycleSort(c.id)}
              onKeyDown={(e) => {
                // A header is a button for sorting: Enter or Space, and the grid's own keys stay off it.
                e.stopPropagation();
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  cycleSort(c.id);
                }
              }}
            >
              <span class="th-label">{c.label}</span>
              {sort?.column === c.id && <span class="sort-arrow">{sort.dir === 1 ? '▲' : '▼'}</span>}
              <span class="resize-handle" role="separator" aria-label={`Resize ${c.label}`} onPointerDown={(e) => startResize(c.id, e as PointerEvent)} />
            </div>
          ))}
        </div>
        <div class="grid-spacer" style={{ height: `${order.length * ROW_HEIGHT}px`, width: `${totalWidth}px` }}>
          {order.slice(first, last).map((index, n) => {
            const row = first + n;
            const key = keys[row];
            return (
              <GridRow
                key={row}
                row={row}
                cookie={cookies[index]}
                identity={key}
                worst={worst[index]}
                passed={policy?.[index]}
                selected={key === selectedKey}
                columns={columns}
                template={template}
                onSelect={select}
                onOpen={open}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
