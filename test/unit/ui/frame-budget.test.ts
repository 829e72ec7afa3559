/**
 * The panel applies the workers' messages a few milliseconds per frame: what comes after the frame's budget is spent
 * waits for the next frames, and everything is applied in the order it arrived (an import's rows before its closing
 * line, a row before its verdict), however the work falls across frames.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FrameBudget } from "../../../src/ui/panel/frame-budget.js";

describe("FrameBudget", () => {
  let clock = 0;
  beforeEach(() => {
    clock = 0;
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    vi.spyOn(performance, "now").mockImplementation(() => clock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  /** A message whose applying takes `ms` of the page's time. */
  const work = (log: string[], name: string, ms: number) => () => {
    log.push(name);
    clock += ms;
  };

  it("runs work at once while the frame's budget lasts, the rest in later frames, always in arrival order", () => {
    const budget = new FrameBudget(6);
    const log: string[] = [];
    budget.run(work(log, "rows 1", 4));
    budget.run(work(log, "rows 2", 4));
    budget.run(work(log, "rows 3", 4));
    budget.run(work(log, "verdicts 1", 1));
    expect(log).toEqual(["rows 1", "rows 2"]);
    vi.runOnlyPendingTimers();
    expect(log).toEqual(["rows 1", "rows 2", "rows 3", "verdicts 1"]);
    // That frame has 1 ms left: the next message runs at once, and spends it; the one after waits for a frame.
    budget.run(work(log, "rows 4", 7));
    budget.run(work(log, "import done", 0));
    expect(log.slice(4)).toEqual(["rows 4"]);
    vi.runOnlyPendingTimers();
    expect(log.slice(4)).toEqual(["rows 4", "import done"]);
  });

  it("a message that arrives while others wait is queued behind them, not run ahead", () => {
    const budget = new FrameBudget(6);
    const log: string[] = [];
    budget.run(work(log, "a", 10));
    budget.run(work(log, "b", 10));
    budget.run(work(log, "c", 1));
    vi.runOnlyPendingTimers();
    // A new frame: "b" spent it all, "c" still waits; "d" arrives and is queued behind it.
    budget.run(work(log, "d", 1));
    for (let frame = 0; frame < 5; frame++) vi.runOnlyPendingTimers();
    expect(log).toEqual(["a", "b", "c", "d"]);
  });

  it("a hidden page (no frames to protect) runs everything at once, but never ahead of what already waits", () => {
    const budget = new FrameBudget(6);
    const log: string[] = [];
    budget.run(work(log, "a", 10));
    budget.run(work(log, "b", 10));
    vi.stubGlobal("document", { visibilityState: "hidden" });
    budget.run(work(log, "c", 10));
    expect(log).toEqual(["a"]);
    vi.runOnlyPendingTimers();
    expect(log).toEqual(["a", "b", "c"]);
    budget.run(work(log, "d", 10));
    budget.run(work(log, "e", 10));
    expect(log).toEqual(["a", "b", "c", "d", "e"]);
  });
});
