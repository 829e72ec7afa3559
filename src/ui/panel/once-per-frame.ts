/**
 * Coalesces a burst of requests into one call at a frame, at most once per `intervalMs`: the analysis worker and the
 * import worker post many messages per frame while a large capture comes in, and re-rendering (then laying out and
 * painting) the panel for each of them, or even in every frame, spent more of the page's time than applying them.
 * A timer backs the frame up where a hidden page gets no frames.
 */
export interface FrameTask {
  /** Asks for one call at a coming frame (however often it is asked meanwhile). */
  readonly request: () => void;
  readonly cancel: () => void;
}

/** The timer's delay, where no frame comes (a hidden DevTools panel): the page still catches up. */
const FALLBACK_MS = 100;

export function oncePerFrame(callback: () => void, intervalMs = 0): FrameTask {
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wait: ReturnType<typeof setTimeout> | undefined;
  let last = Number.NEGATIVE_INFINITY;
  const cancel = () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    if (wait !== undefined) clearTimeout(wait);
    frame = undefined;
    timer = undefined;
    wait = undefined;
  };
  const run = () => {
    cancel();
    last = performance.now();
    callback();
  };
  const atFrame = () => {
    wait = undefined;
    if (typeof requestAnimationFrame === "function") frame = requestAnimationFrame(run);
    timer = setTimeout(run, FALLBACK_MS);
  };
  return {
    request: () => {
      if (timer !== undefined || wait !== undefined) return;
      const early = last + intervalMs - performance.now();
      if (early > 0) wait = setTimeout(atFrame, early);
      else atFrame();
    },
    cancel,
  };
}
