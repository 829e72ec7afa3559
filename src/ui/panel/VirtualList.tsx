/**
 * A windowed list: only the rows on screen (plus a few) are in the DOM, so 10,000 messages scroll like 10. Rows have
 * one fixed height; the list is one focusable listbox whose active row is announced with aria-activedescendant.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { moveSelection, scrollToReveal, visibleWindow } from "./model/window.js";

export interface VirtualListProps {
  readonly count: number;
  readonly rowHeight: number;
  /** Position (0 … count-1) of the selected row, if it is in the list. */
  readonly selected: number | undefined;
  readonly label: string;
  readonly idOf: (position: number) => string;
  readonly renderRow: (position: number) => ComponentChildren;
  readonly onSelect: (position: number) => void;
  /** Enter on the selected row. */
  readonly onOpen: () => void;
  readonly testId?: string;
}

export function VirtualList({ count, rowHeight, selected, label, idOf, renderRow, onSelect, onOpen, testId }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  // The observer's first call (after layout, before the first paint) gives the height: reading it here would force a
  // layout of the whole page while the first rows of a large import come in.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return undefined;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = scroller.current;
    if (element === null || selected === undefined) return;
    const target = scrollToReveal(selected, element.scrollTop, element.clientHeight, rowHeight);
    if (target !== undefined) element.scrollTop = target;
  }, [selected, rowHeight]);

  const { start, end } = visibleWindow(scrollTop, height, rowHeight, count);
  const rows: ComponentChildren[] = [];
  // Keyed by slot, not by position: a row scrolled out lends its DOM nodes to the row scrolled in, so a fast scroll
  // patches a few text nodes per row instead of building every row anew.
  const slots = Math.max(1, end - start);
  for (let position = start; position < end; position++) {
    rows.push(
      <div
        key={position % slots}
        id={idOf(position)}
        role="option"
        aria-selected={position === selected}
        class={position === selected ? "vrow selected" : "vrow"}
        style={{ top: `${position * rowHeight}px`, height: `${rowHeight}px` }}
        onClick={() => onSelect(position)}
      >
        {renderRow(position)}
      </div>,
    );
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter") {
      if (selected !== undefined) onOpen();
      event.preventDefault();
      return;
    }
    const pageRows = Math.max(1, Math.floor(height / rowHeight) - 1);
    const next = moveSelection(event.key, selected, count, pageRows);
    if (next === undefined) return;
    event.preventDefault();
    onSelect(next);
  };

  return (
    <div
      ref={scroller}
      class="vlist"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={selected === undefined || selected >= count ? undefined : idOf(selected)}
      data-testid={testId}
      data-count={count}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="vlist-space" style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
