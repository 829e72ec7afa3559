/** Firefox's silent panel: the notice appears after a navigation with no request, and never once events arrive. */
import { describe, expect, it } from "vitest";
import { SilenceWatch, type Timers } from "../../../src/ui/panel/model/silence.js";

/** A hand-driven clock: `fire()` runs the pending timer, as if its delay had passed. */
function manualTimers() {
  let pending: (() => void) | undefined;
  const timers: Timers = {
    set: (callback) => {
      pending = callback;
      return callback;
    },
    clear: (handle) => {
      if (handle === pending) pending = undefined;
    },
  };
  return { timers, fire: () => pending?.(), get armed() {
    return pending !== undefined;
  } };
}

describe("SilenceWatch", () => {
  it("reports silence when a navigation is followed by no request", () => {
    const clock = manualTimers();
    const reports: boolean[] = [];
    const watch = new SilenceWatch(5000, (silent) => reports.push(silent), clock.timers);
    watch.navigated();
    expect(reports).toEqual([]);
    clock.fire();
    expect(reports).toEqual([true]);
    watch.heard();
    expect(reports).toEqual([true, false]);
  });

  it("stays quiet when requests arrive, and for good once one did", () => {
    const clock = manualTimers();
    const reports: boolean[] = [];
    const watch = new SilenceWatch(5000, (silent) => reports.push(silent), clock.timers);
    watch.navigated();
    watch.heard();
    expect(clock.armed).toBe(false);
    watch.navigated();
    expect(clock.armed).toBe(false);
    expect(reports).toEqual([false]);
  });

  it("dispose cancels a pending check", () => {
    const clock = manualTimers();
    const reports: boolean[] = [];
    const watch = new SilenceWatch(5000, (silent) => reports.push(silent), clock.timers);
    watch.navigated();
    watch.dispose();
    clock.fire();
    expect(reports).toEqual([]);
  });
});
