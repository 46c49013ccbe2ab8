/**
 * A list that renders only the rows in view (@tanstack/react-virtual): a spacer as tall as every
 * row together, and the visible rows placed over it. The list is its own scroll container; its
 * height comes from CSS.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ReactNode, RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

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
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    getItemKey: (i) => {
      const item = items[i];
      return item === undefined ? i : keyOf(item);
    },
    overscan: 8,
  });
  useEffect(() => {
    if (keepInView !== undefined && keepInView >= 0 && !readerScrolled?.()) {
      virtualizer.scrollToIndex(keepInView, { align: 'auto' });
    }
  }, [keepInView, virtualizer, readerScrolled]);
  return (
    <ul ref={parent} className={`${className} is-virtual`}>
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
