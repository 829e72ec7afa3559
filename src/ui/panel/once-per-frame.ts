/**
 * Coalesces a burst of requests into one call before the next frame: the analysis worker and the import worker post
 * many messages per frame while a large capture comes in, and re-rendering the panel for each of them would fill
 * every frame with renders nobody sees. A timer backs the frame up where a hidden page gets no frames.
 */
export interface FrameTask {
  /** Asks for one call before the next frame (however often it is asked meanwhile). */
  readonly request: () => void;
  readonly cancel: () => void;
}

/** The timer's delay, where no frame comes (a hidden DevTools panel): the page still catches up. */
const FALLBACK_MS = 100;

export function oncePerFrame(callback: () => void): FrameTask {
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
  };
  const run = () => {
    cancel();
    callback();
  };
  return {
    request: () => {
      if (timer !== undefined) return;
      if (typeof requestAnimationFrame === "function") frame = requestAnimationFrame(run);
      timer = setTimeout(run, FALLBACK_MS);
    },
    cancel,
  };
}
