/**
 * What the panel may link to in the Keycloak admin console: only a Keycloak whose origin the user enabled for the
 * overlay (and still grants), and a client's own page only once the overlay has seen that client (its UUID).
 */
import { browser } from "./browser.js";
import { originPattern, urlMatchesPattern } from "./origins.js";
import { knownClientKey, localStore } from "./storage.js";

export interface ConsoleClientQuery {
  readonly keycloakUrl: string;
  readonly realm: string;
  readonly clientId: string | undefined;
}

export async function lookupConsoleClient(query: ConsoleClientQuery): Promise<{ enabled: boolean; uuid: string | undefined }> {
  const pattern = originPattern(query.keycloakUrl);
  const enabledPatterns = await localStore.get("enabledOrigins", []);
  const enabled =
    pattern !== null &&
    enabledPatterns.some((enabledPattern) => urlMatchesPattern(query.keycloakUrl, enabledPattern)) &&
    (await stillGranted(pattern));
  if (!enabled || query.clientId === undefined) return { enabled, uuid: undefined };
  const known = await localStore.get("knownClients", {});
  return { enabled, uuid: known[knownClientKey(query.keycloakUrl, query.realm, query.clientId)]?.uuid };
}

/** The user may have taken the site's access back in the browser's own UI. Firefox's DevTools panels cannot ask. */
async function stillGranted(pattern: string): Promise<boolean> {
  if (typeof browser.permissions?.contains !== "function") return true;
  return browser.permissions.contains({ origins: [pattern] }).catch(() => false);
}
