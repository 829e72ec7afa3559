/**
 * Content scripts run only on origins the user enabled *and* still grants. The registration is derived from storage
 * and permissions every time (on install, on startup, on every change): registrations do not survive a relaunch of an
 * unpacked build, and permissions can be revoked from the browser's own UI at any time.
 */
import { browser } from "./browser.js";
import { localStore } from "./storage.js";

const SCRIPT_ID = "saml-lens-overlay";

export async function enabledOrigins(): Promise<{ pattern: string; granted: boolean }[]> {
  const patterns = await localStore.get("enabledOrigins", []);
  return Promise.all(patterns.map(async (pattern) => ({ pattern, granted: await browser.permissions.contains({ origins: [pattern] }) })));
}

export async function syncContentScripts(): Promise<string[]> {
  const matches = (await enabledOrigins()).filter((origin) => origin.granted).map((origin) => origin.pattern);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (matches.length > 0) {
    await browser.scripting.registerContentScripts([
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
