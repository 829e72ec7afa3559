/**
 * The rows the list shows under the current filter, kept up to date from the session's change log: while a large
 * capture comes in, each frame checks only the rows added, read or judged since the last frame, not all of them
 * (re-filtering 10,000 rows in every frame made the import's frames long). The same rows as `filterRows`, always.
 */
import type { Row } from "./session.js";
import { rowPasses, searchWords, type RowFilter } from "./view.js";

export interface ChangeSource {
  readonly rows: readonly Row[];
  readonly changeLog: { readonly epoch: number; readonly changed: readonly number[] };
}

export class VisibleRows {
  private epoch = -1;
  /** How much of the change log is already applied. */
  private applied = 0;
  private filter: RowFilter | undefined;
  private words: readonly string[] = [];
  /** Whether each row passes, by row index. */
  private passes: boolean[] = [];
  private indexes: number[] = [];

  /** Indexes of the rows that pass `filter`, in order (the same array as last time when nothing it shows changed). */
  of(source: ChangeSource, filter: RowFilter): readonly number[] {
    const { rows, changeLog } = source;
    if (changeLog.epoch !== this.epoch || !sameFilter(filter, this.filter) || changeLog.changed.length < this.applied) {
      this.epoch = changeLog.epoch;
      this.filter = filter;
      this.words = searchWords(filter.search);
      this.passes = rows.map((row) => rowPasses(row, filter, this.words));
      this.applied = changeLog.changed.length;
      this.indexes = this.collect(0, []);
      return this.indexes;
    }
    const { changed } = changeLog;
    if (this.applied === changed.length) return this.indexes;
    const known = this.passes.length;
    /** The first row before `known` whose outcome flipped: from there on the list is collected again. */
    let from = known;
    for (let at = this.applied; at < changed.length; at++) {
      const index = changed[at] ?? -1;
      const row = rows[index];
      if (row === undefined) continue;
      const passes = rowPasses(row, filter, this.words);
      if (index < known && passes !== this.passes[index]) from = Math.min(from, index);
      this.passes[index] = passes;
    }
    this.applied = changed.length;
    // Rows the log did not name (it names every row added, so none in practice) are checked all the same.
    for (let index = this.passes.length; index < rows.length; index++) {
      const row = rows[index];
      if (row !== undefined) this.passes[index] = rowPasses(row, filter, this.words);
    }
    if (from === known && this.passes.length === known) return this.indexes;
    const kept = from === known ? this.indexes : this.indexes.slice(0, lowerBound(this.indexes, from));
    this.indexes = this.collect(from, kept);
    return this.indexes;
  }

  private collect(from: number, into: number[]): number[] {
    const out = into === this.indexes ? [...into] : into;
    for (let index = from; index < this.passes.length; index++) if (this.passes[index] === true) out.push(index);
    return out;
  }
}

function sameFilter(a: RowFilter, b: RowFilter | undefined): boolean {
  return b !== undefined && a.kind === b.kind && a.errorsOnly === b.errorsOnly && a.search === b.search;
}

/** The position of the first value ≥ `value` in a sorted array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
