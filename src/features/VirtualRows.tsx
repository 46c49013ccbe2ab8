/**
 * A list that renders only the rows in view (@tanstack/react-virtual): a spacer as tall as every
 * row together, and the visible rows placed over it. The list is its own scroll container; its
 * height comes from CSS.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export function VirtualRows<T>({
  items,
  keyOf,
  rowHeight,
  measured = false,
  className,
  rowClassName,
  keepInView,
  children,
}: {
  items: readonly T[];
  keyOf: (item: T) => string;
  /** A row's height; with `measured`, only its first estimate (rows are measured once drawn). */
  rowHeight: number;
  measured?: boolean;
  className: string;
  rowClassName?: (item: T) => string;
  /** The index of a row to scroll into view whenever it changes (-1: none). */
  keepInView?: number;
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
    if (keepInView !== undefined && keepInView >= 0) {
      virtualizer.scrollToIndex(keepInView, { align: 'auto' });
    }
  }, [keepInView, virtualizer]);
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
