// The WAI-ARIA tabs pattern (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/) for the popup's sections and
// the panel's views: one tab in the Tab order (roving tabindex), arrow keys, Home and End move between tabs
// and select the tab they reach (automatic activation: each tab shows at once).

/** Props for one tab of a tab list; `select` is called with the id the keyboard moved to. */
export function tabProps<T extends string>(ids: readonly T[], id: T, selected: T, select: (id: T) => void) {
  return {
    role: 'tab',
    id: `tab-${id}`,
    'aria-selected': id === selected,
    tabIndex: id === selected ? 0 : -1,
    onKeyDown(e: KeyboardEvent) {
      const at = ids.indexOf(id);
      const to: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 };
      if (!(e.key in to)) return;
      e.preventDefault();
      const next = ids[(to[e.key] + ids.length) % ids.length];
      select(next);
      // Focus follows the selection once the new tab is rendered as selected.
      const list = (e.currentTarget as HTMLElement).parentElement;
      queueMicrotask(() => (list?.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus());
    },
  } as const;
}
