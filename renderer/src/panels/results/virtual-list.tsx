/**
 * A list that renders only the rows in view (plus a few either side), so thousands of results
 * scroll smoothly. Rows have one fixed height. `scrollToIndex` brings a row into view when it
 * changes (a footprint clicked on the map).
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  renderRow: (item: T, index: number) => ReactNode;
  rowKey: (item: T) => string;
  scrollToIndex?: number;
  overscan?: number;
  className?: string;
  label: string;
}

export function VirtualList<T>({ items, rowHeight, renderRow, rowKey, scrollToIndex = -1, overscan = 6, className, label }: Props<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = viewport.current;
    if (!element || scrollToIndex < 0) return;
    const top = scrollToIndex * rowHeight;
    if (top < element.scrollTop || top + rowHeight > element.scrollTop + element.clientHeight) {
      element.scrollTop = Math.max(0, top - element.clientHeight / 2 + rowHeight / 2);
    }
  }, [scrollToIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={rowKey(items[i])} className="virtual-row" style={{ top: i * rowHeight, height: rowHeight }} role="listitem" aria-posinset={i + 1} aria-setsize={items.length}>
        {renderRow(items[i], i)}
      </div>,
    );
  }
  return (
    <div ref={viewport} className={`virtual-list ${className ?? ''}`} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} role="list" aria-label={label} tabIndex={0}>
      <div className="virtual-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
