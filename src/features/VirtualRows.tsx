/**
 * A list that renders only the rows in view (@tanstack/react-virtual): a spacer as tall as every
 * row together, and the visible rows placed over it. The list is its own scroll container; its
 * height comes from CSS.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';

/**
 * Where a key moves focus in a list of `count` rows from row `index`: a row up or down, a page
 * (`perPage` rows), or to the first or last row. Null for any other key.
 */
function rowStep(key: string, index: number, count: number, perPage: number): number | null {
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1);
    case 'ArrowUp':
      return clamp(index - 1);
    case 'PageDown':
      return clamp(index + Math.max(1, perPage));
    case 'PageUp':
      return clamp(index - Math.max(1, perPage));
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

const CONTROLS = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * The row holding `target`, which of its controls `target` is and how many rows a page holds, if a
 * key there should move.
 */
function rowOf(target: EventTarget, list: HTMLElement) {
  if (!(target instanceof HTMLElement) || target.closest('input, select, textarea')) return null;
  const row = target.closest('li');
  if (!row || row.parentElement !== list) return null;
  const controls = [...row.querySelectorAll<HTMLElement>(CONTROLS)];
  const perPage = Math.floor(list.clientHeight / Math.max(1, row.offsetHeight));
  return { row, column: Math.max(0, controls.indexOf(target)), perPage };
}

/** Focuses the `column`-th control of `row` (or its last, if it has fewer). */
function focusControl(row: HTMLElement, column: number): void {
  const controls = [...row.querySelectorAll<HTMLElement>(CONTROLS)];
  (controls[Math.min(column, controls.length - 1)] ?? row).focus();
}

/**
 * Arrow keys, Page Up/Down, Home and End in a list whose rows are all drawn: focus goes to the same
 * control of another row (Tab leaves the list as usual).
 */
export function moveInPlainRows(e: KeyboardEvent<HTMLUListElement>): void {
  const list = e.currentTarget;
  const at = rowOf(e.target, list);
  if (!at) return;
  const rows = [...list.children].filter((c): c is HTMLElement => c instanceof HTMLElement);
  const to = rowStep(e.key, rows.indexOf(at.row), rows.length, at.perPage);
  const row = to === null ? undefined : rows[to];
  if (!row) return;
  e.preventDefault();
  focusControl(row, at.column);
}

/**
 * Whether the reader has moved a list inside `area` themselves (wheel, touch, keys, its scroll
 * bar) since `key` last changed. A list that keeps a row in view follows it as rows arrive above
 * it (a library loading in batches) only until the reader scrolls: then the list is theirs until
 * another row is to be kept in view. `area` may hold one list and then another (a plain list that
 * becomes a virtual one as it grows): the reader's move is remembered across the switch.
 */
export function useReaderScrolled(
  area: RefObject<HTMLElement | null>,
  key: string | undefined,
): () => boolean {
  const moved = useRef(false);
  useEffect(() => {
    moved.current = false;
  }, [key]);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const mark = () => {
      moved.current = true;
    };
    // A press on the list itself, not on a row, is one on its scroll bar.
    const onPointer = (e: PointerEvent) => {
      if (e.target instanceof HTMLElement && e.target.scrollHeight > e.target.clientHeight) mark();
    };
    const events = ['wheel', 'touchmove', 'keydown'] as const;
    for (const type of events) el.addEventListener(type, mark, { passive: true });
    el.addEventListener('pointerdown', onPointer);
    return () => {
      for (const type of events) el.removeEventListener(type, mark);
      el.removeEventListener('pointerdown', onPointer);
    };
  }, [area]);
  return useCallback(() => moved.current, []);
}

export function VirtualRows<T>({
  items,
  keyOf,
  rowHeight,
  measured = false,
  className,
  rowClassName,
  keepInView,
  readerScrolled,
  children,
}: {
  items: readonly T[];
  keyOf: (item: T) => string;
  /** A row's height; with `measured`, only its first estimate (rows are measured once drawn). */
  rowHeight: number;
  measured?: boolean;
  className: string;
  rowClassName?: (item: T) => string;
  /** The index of a row to keep in view (-1: none): scrolled to when it changes… */
  keepInView?: number;
  /** …unless this says the reader has scrolled the list since (see `useReaderScrolled`). */
  readerScrolled?: () => boolean;
  children: (item: T) => ReactNode;
}) {
  const parent = useRef<HTMLUListElement>(null);
  // The row holding focus stays drawn when scrolled out of view, or focus would drop to the page.
  const focused = useRef(-1);
  // A row that keys moved focus to, focused once it is drawn.
  const pending = useRef<{ index: number; column: number } | null>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    getItemKey: (i) => {
      const item = items[i];
      return item === undefined ? i : keyOf(item);
    },
    overscan: 8,
    rangeExtractor: (range) => {
      const drawn = defaultRangeExtractor(range);
      const f = focused.current;
      if (f < 0 || f >= range.count || drawn.includes(f)) return drawn;
      return [...drawn, f].sort((a, b) => a - b);
    },
  });
  const focusPending = () => {
    const want = pending.current;
    const row =
      want && parent.current?.querySelector<HTMLElement>(`:scope > li[data-index="${want.index}"]`);
    if (!want || !row) return;
    pending.current = null;
    focusControl(row, want.column);
  };
  useEffect(focusPending);
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const at = rowOf(e.target, e.currentTarget);
    if (!at) return;
    const to = rowStep(e.key, Number(at.row.dataset.index), items.length, at.perPage);
    if (to === null) return;
    e.preventDefault();
    pending.current = { index: to, column: at.column };
    virtualizer.scrollToIndex(to, { align: 'auto' });
    focusPending();
  };
  useEffect(() => {
    if (keepInView !== undefined && keepInView >= 0 && !readerScrolled?.()) {
      virtualizer.scrollToIndex(keepInView, { align: 'auto' });
    }
  }, [keepInView, virtualizer, readerScrolled]);
  return (
    <ul
      ref={parent}
      className={`${className} is-virtual`}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const row = e.target.closest<HTMLElement>('li[data-index]');
        focused.current = row ? Number(row.dataset.index) : -1;
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) focused.current = -1;
      }}
    >
      <li
        aria-hidden="true"
        style={{ height: virtualizer.getTotalSize(), position: 'relative', pointerEvents: 'none' }}
      />
      {virtualizer.getVirtualItems().map((row) => {
        const item = items[row.index];
        if (item === undefined) return null;
        return (
          <li
            key={keyOf(item)}
            className={`virtual-row ${rowClassName?.(item) ?? ''}`}
            data-index={row.index}
            ref={measured ? virtualizer.measureElement : undefined}
            style={{
              transform: `translateY(${row.start}px)`,
              ...(measured ? {} : { height: rowHeight }),
            }}
          >
            {children(item)}
          </li>
        );
      })}
    </ul>
  );
}
