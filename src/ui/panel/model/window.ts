/** Which rows of a long list are on screen: the windowing of the message list, as plain arithmetic. */
export interface RowWindow {
  /** First row to render (inclusive). */
  readonly start: number;
  /** Row after the last one to render (exclusive). */
  readonly end: number;
}

export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 8): RowWindow {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const onScreen = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first - overscan));
  const end = Math.min(count, first + onScreen + overscan);
  return { start, end: Math.max(start, end) };
}

/** The scrollTop that brings `index` into view with the least movement, or `undefined` when it already is. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | undefined {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return undefined;
}

/** Where a key press moves the selection in a list of `count` rows; `undefined` for keys the list does not handle. */
export function moveSelection(key: string, position: number | undefined, count: number, pageRows: number): number | undefined {
  if (count === 0) return undefined;
  const current = position ?? -1;
  switch (key) {
    case "ArrowDown":
      return Math.min(count - 1, current + 1);
    case "ArrowUp":
      return position === undefined ? 0 : Math.max(0, current - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    case "PageDown":
      return Math.min(count - 1, Math.max(0, current) + pageRows);
    case "PageUp":
      return Math.max(0, current - pageRows);
    default:
      return undefined;
  }
}
