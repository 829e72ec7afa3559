/**
 * Work from the workers, applied a few milliseconds per frame: while a large capture comes in, the import worker and
 * the analysis worker post faster than the page can apply what they send, and applying every message as it arrives
 * left no time for frames (the browser paints only when its queue of messages empties, or after ~100 ms). Each
 * message's work runs at once while this frame's budget lasts, else in order at the start of the next frames, so the
 * page paints between them. A hidden page (no frames to protect, none to wait for) runs everything at once.
 */

/** What the page spends per frame applying the workers' messages. */
const BUDGET_MS = 6;
/** When no frame comes (the page was hidden after the frame was asked for). */
const FALLBACK_MS = 200;

export class FrameBudget {
  private readonly queue: (() => void)[] = [];
  private head = 0;
  private spent = 0;
  private frameAsked = false;

  constructor(private readonly budgetMs = BUDGET_MS) {}

  /** Runs `work` now if this frame's budget allows and nothing waits before it, else in a later frame (in order). */
  run(work: () => void): void {
    if (this.head === this.queue.length && (this.spent < this.budgetMs || hidden())) {
      this.timed(work);
      return;
    }
    this.queue.push(work);
    this.askFrame();
  }

  private timed(work: () => void): void {
    const started = performance.now();
    try {
      work();
    } finally {
      this.spent += performance.now() - started;
      this.askFrame();
    }
  }

  /** A new frame: a fresh budget, spent first on what waits. */
  private frame = (): void => {
    this.frameAsked = false;
    this.spent = 0;
    while (this.head < this.queue.length && (this.spent < this.budgetMs || hidden())) {
      const work = this.queue[this.head];
      this.head += 1;
      if (work !== undefined) this.timed(work);
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    if (this.spent > 0) this.askFrame();
  };

  private askFrame(): void {
    if (this.frameAsked) return;
    this.frameAsked = true;
    if (typeof requestAnimationFrame !== "function" || hidden()) {
      setTimeout(this.frame, 0);
      return;
    }
    // A page hidden meanwhile gets no frame: a timer backs it up.
    const timer = setTimeout(() => {
      cancelAnimationFrame(frame);
      this.frame();
    }, FALLBACK_MS);
    const frame = requestAnimationFrame(() => {
      clearTimeout(timer);
      this.frame();
    });
  }
}

function hidden(): boolean {
  return typeof document !== "undefined" && document.visibilityState === "hidden";
}
