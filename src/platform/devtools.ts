import { browser, TARGET_BROWSER } from "./browser.js";

export { TARGET_BROWSER };

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
export function watchInspectedUrl(onUrl: (url: string) => void, signal?: AbortSignal): void {
  const read = () =>
    browser.devtools.inspectedWindow.eval("location.href").then(
      (result: unknown) => {
        const value = Array.isArray(result) ? result[0] : result;
        if (typeof value === "string") onUrl(value);
      },
      () => undefined,
    );
  void read();
  onNavigated(onUrl, signal);
}

/** A finished request as DevTools reports it: a HAR entry (still unchecked) and a way to read its response body. */
export interface FinishedRequest {
  readonly entry: unknown;
  /** The response body as text; `undefined` when the browser has none (or only base64 of a binary body). */
  readonly readContent: () => Promise<string | undefined>;
}

export function onRequestFinished(listener: (request: FinishedRequest) => void, signal?: AbortSignal): void {
  const handler = (request: { getContent(): Promise<unknown> }) => {
    listener({ entry: request, readContent: () => contentText(request) });
  };
  browser.devtools.network.onRequestFinished.addListener(handler);
  signal?.addEventListener("abort", () => browser.devtools.network.onRequestFinished.removeListener(handler), { once: true });
}

export function onNavigated(listener: (url: string) => void, signal?: AbortSignal): void {
  const handler = (url: string) => listener(url);
  browser.devtools.network.onNavigated.addListener(handler);
  signal?.addEventListener("abort", () => browser.devtools.network.onNavigated.removeListener(handler), { once: true });
}

/** The inspected tab's id, inside DevTools. */
export function inspectedTabId(): number | undefined {
  return browser.devtools?.inspectedWindow?.tabId;
}

/** Requests DevTools saw before the panel was opened (Chrome keeps them while DevTools is open; Firefox may not). */
export async function earlierRequests(): Promise<unknown[]> {
  try {
    const log: unknown = await browser.devtools.network.getHAR();
    const entries = typeof log === "object" && log !== null && "entries" in log ? log.entries : undefined;
    return Array.isArray(entries) ? entries : [];
  } catch {
    return [];
  }
}

async function contentText(request: { getContent(): Promise<unknown> }): Promise<string | undefined> {
  try {
    // Chrome (through the polyfill) resolves [content, encoding]; Firefox resolves [content, mimeType].
    const result = await request.getContent();
    const [content, encoding] = Array.isArray(result) ? result : [result, undefined];
    return typeof content === "string" && encoding !== "base64" ? content : undefined;
  } catch {
    return undefined;
  }
}
