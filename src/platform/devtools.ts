import { browser } from "./browser.js";

/** True when this page runs inside DevTools (the panel); false when the panel page is opened as a plain tab. */
export function hasDevtools(): boolean {
  try {
    return typeof browser.devtools?.inspectedWindow?.tabId === "number";
  } catch {
    return false;
  }
}

/**
 * The inspected tab's URL, kept current across navigations. `location.href` is a fixed expression evaluated in the
 * inspected page; no data of ours is ever evaluated. It avoids asking for the "tabs" permission just to read a URL.
 */
export function watchInspectedUrl(onUrl: (url: string) => void): void {
  const read = () =>
    browser.devtools.inspectedWindow.eval("location.href").then(
      (result: unknown) => {
        const value = Array.isArray(result) ? result[0] : result;
        if (typeof value === "string") onUrl(value);
      },
      () => undefined,
    );
  void read();
  browser.devtools.network.onNavigated.addListener((url: string) => onUrl(url));
}
