/**
 * At most one render per interval: while the console renders a tab it mutates the DOM on many frames in a row, and
 * placing badges on each of them would cost more than it shows.
 */
import { timed } from "./busy.js";

export class RenderThrottle {
  /** A render is asked for and has not run yet. */
  queued = false;
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly render: () => void,
    private readonly stopped: () => boolean,
  ) {}

  /** Asks for a render; `true` when this queued one (none was queued, and the page is still shown). */
  request(): boolean {
    if (this.queued || this.stopped()) return false;
    this.queued = true;
    const run = timed(() => {
      this.queued = false;
      this.last = performance.now();
      if (!this.stopped()) this.render();
    });
    const wait = this.last + this.intervalMs - performance.now();
    if (wait > 0) setTimeout(() => requestAnimationFrame(run), wait);
    else requestAnimationFrame(run);
    return true;
  }
}
