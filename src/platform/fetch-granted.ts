/**
 * A fetch of one URL the user asked for (IdP metadata), from an extension page, after asking the browser for that
 * site's host permission. The request runs first and synchronously, so it is still part of the user's click: browsers
 * only show a permission prompt for a user gesture. Optional host permissions (http/https) cover every such site.
 */
import { browser } from "./browser.js";
import { originPattern } from "./origins.js";

export type FetchedText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: "invalid-url" | "permission-refused" | "permission-unavailable" | "network" | "http" | "too-large"; readonly message: string };

/** Realm descriptors are a few kilobytes; storage keeps at most a million characters per IdP. */
const MAX_CHARS = 1_000_000;
const TIMEOUT_MS = 20_000;

export function fetchGrantedText(url: string): Promise<FetchedText> {
  const pattern = originPattern(url);
  if (pattern === null) return Promise.resolve({ ok: false, reason: "invalid-url", message: `${url} is not an http or https address` });
  // Firefox gives DevTools panels no permissions API (bugzilla 1796933): a site granted earlier still answers.
  if (typeof browser.permissions?.request !== "function") {
    return fetchText(url).then((fetched) => (!fetched.ok && fetched.reason === "network" ? { ok: false, reason: "permission-unavailable", message: fetched.message } : fetched));
  }
  let permission: Promise<boolean>;
  try {
    permission = browser.permissions.request({ origins: [pattern] });
  } catch (error) {
    permission = Promise.reject(error);
  }
  return permission.then(
    (granted) => (granted ? fetchText(url) : refused(`the browser did not grant ${pattern}`)),
    (error: unknown) => refused(error instanceof Error ? error.message : String(error)),
  );
}

function refused(message: string): FetchedText {
  return { ok: false, reason: "permission-refused", message };
}

async function fetchText(url: string): Promise<FetchedText> {
  let response: Response;
  try {
    // No cookies: the descriptor is public, and the user's Keycloak session has no business in this request.
    response = await fetch(url, { credentials: "omit", cache: "no-store", redirect: "follow", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    return { ok: false, reason: "network", message: error instanceof Error ? error.message : String(error) };
  }
  if (!response.ok) return { ok: false, reason: "http", message: `${response.status} ${response.statusText}`.trim() };
  const length = Number(response.headers.get("content-length") ?? "0");
  if (length > MAX_CHARS * 4) return { ok: false, reason: "too-large", message: `${length} bytes` };
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return { ok: false, reason: "network", message: error instanceof Error ? error.message : String(error) };
  }
  return text.length > MAX_CHARS ? { ok: false, reason: "too-large", message: `${text.length} characters` } : { ok: true, text };
}
