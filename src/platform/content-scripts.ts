/**
 * Content scripts run only on origins the user enabled *and* still grants. The registration is derived from storage
 * and permissions every time (on install, on startup, on every change): registrations do not survive a relaunch of an
 * unpacked build, and permissions can be revoked from the browser's own UI at any time.
 */
import { browser } from "./browser.js";
import { localStore } from "./storage.js";

const SCRIPT_ID = "saml-lens-overlay";
/**
 * The overlay's page-world observer (see src/content/page-world.ts). It must run before the console's first admin call,
 * so it starts at document_start in the MAIN world (Chrome 111+, Firefox 128+).
 */
const PAGE_WORLD_ID = "saml-lens-page-world";

export async function enabledOrigins(): Promise<{ pattern: string; granted: boolean }[]> {
  const patterns = await localStore.get("enabledOrigins", []);
  return Promise.all(patterns.map(async (pattern) => ({ pattern, granted: await browser.permissions.contains({ origins: [pattern] }) })));
}

export async function syncContentScripts(): Promise<string[]> {
  const matches = (await enabledOrigins()).filter((origin) => origin.granted).map((origin) => origin.pattern);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID, PAGE_WORLD_ID] });
  // Registrations that persisted across a restart are left alone: re-registering opens a moment in which a page
  // loading at that time gets no content script.
  const wanted = JSON.stringify([...matches].sort());
  if (registered.length === 2 && registered.every((script) => JSON.stringify([...(script.matches ?? [])].sort()) === wanted)) return matches;
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: registered.map((script) => script.id) });
  if (matches.length > 0) {
    await browser.scripting.registerContentScripts([
      { id: PAGE_WORLD_ID, matches, js: ["page-world.js"], runAt: "document_start", world: "MAIN", allFrames: false, persistAcrossSessions: true },
      { id: SCRIPT_ID, matches, js: ["content.js"], runAt: "document_idle", allFrames: false, persistAcrossSessions: true },
    ]);
  }
  return matches;
}

export async function enableOrigin(pattern: string): Promise<{ enabled: boolean; reason?: string }> {
  if (!(await browser.permissions.contains({ origins: [pattern] }))) {
    return { enabled: false, reason: `The browser has not granted access to ${pattern}.` };
  }
  const patterns = await localStore.get("enabledOrigins", []);
  if (!patterns.includes(pattern)) await localStore.set("enabledOrigins", [...patterns, pattern].sort());
  await syncContentScripts();
  return { enabled: true };
}

export async function disableOrigin(pattern: string): Promise<void> {
  const patterns = await localStore.get("enabledOrigins", []);
  await localStore.set("enabledOrigins", patterns.filter((candidate) => candidate !== pattern));
  await syncContentScripts();
}
