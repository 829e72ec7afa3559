/** The message list's windowing and keyboard movement. */
import { describe, expect, it } from "vitest";
import { moveSelection, scrollToReveal, visibleWindow } from "../../../src/ui/panel/model/window.js";

describe("visibleWindow", () => {
  it("renders only the rows on screen plus a few, wherever the list is scrolled", () => {
    expect(visibleWindow(0, 240, 24, 10_000, 8)).toEqual({ start: 0, end: 19 });
    const middle = visibleWindow(24 * 5000, 240, 24, 10_000, 8);
    expect(middle).toEqual({ start: 4992, end: 5019 });
    expect(visibleWindow(24 * 10_000 - 240, 240, 24, 10_000, 8)).toEqual({ start: 9982, end: 10_000 });
    expect(visibleWindow(0, 240, 24, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleWindow(0, 240, 24, 3)).toEqual({ start: 0, end: 3 });
  });
});

describe("scrollToReveal", () => {
  it("scrolls just enough to show a row above or below the viewport, and not at all when it is visible", () => {
    expect(scrollToReveal(5, 240, 240, 24)).toBe(120);
    expect(scrollToReveal(30, 240, 240, 24)).toBe(24 * 31 - 240);
    expect(scrollToReveal(12, 240, 240, 24)).toBeUndefined();
  });
});

describe("moveSelection", () => {
  it("↑ ↓ Home End PageUp PageDown, clamped to the list", () => {
    expect(moveSelection("ArrowDown", undefined, 10, 5)).toBe(0);
    expect(moveSelection("ArrowDown", 9, 10, 5)).toBe(9);
    expect(moveSelection("ArrowUp", 0, 10, 5)).toBe(0);
    expect(moveSelection("ArrowUp", 4, 10, 5)).toBe(3);
    expect(moveSelection("Home", 4, 10, 5)).toBe(0);
    expect(moveSelection("End", 4, 10, 5)).toBe(9);
    expect(moveSelection("PageDown", 4, 10, 5)).toBe(9);
    expect(moveSelection("PageUp", 4, 10, 5)).toBe(0);
    expect(moveSelection("a", 4, 10, 5)).toBeUndefined();
    expect(moveSelection("ArrowDown", undefined, 0, 5)).toBeUndefined();
  });
});
