/**
 * The storage keys of the admin-console content script, apart from the extension's others so that content.js bundles
 * only their schemas (its size budget); storage.ts adds them to the local area's full map.
 */
import * as z from "zod/mini";
import { presetChoiceSchema } from "../core/presets/choice.js";
import { area } from "./store-area.js";

/**
 * Keycloak clients the admin-console overlay has seen, so the panel can link a finding to that client's console page:
 * the console addresses a client by its internal UUID, which no SAML message carries. Keyed by `knownClientKey`.
 */
const knownClientsSchema = z.record(z.string(), z.object({ uuid: z.string().check(z.maxLength(100)), seenAt: z.string() }));

export const contentSchema = {
  knownClients: knownClientsSchema,
  /**
   * The Sentry organization a Keycloak client is checked against by the admin-console overlay, chosen once by the user
   * when the Client ID does not name it (keyed `<console origin> <realm> <client uuid>`).
   */
  overlayPresets: z.record(z.string(), presetChoiceSchema),
} as const;

/** The local storage area, as content.js sees it. */
export const contentStore = area("local", contentSchema);

/** `<Keycloak base URL> <realm> <Client ID>`; the base is what precedes `/realms/<realm>` in the IdP's issuer. */
export function knownClientKey(keycloakUrl: string, realm: string, clientId: string): string {
  return `${keycloakUrl.replace(/\/+$/, "")} ${realm} ${clientId}`;
}

let lastKnownClient = "";
const MAX_KNOWN_CLIENTS = 500;

/** The overlay calls this whenever it holds a client's record; storage is written only when something changed. */
export async function rememberKnownClient(keycloakUrl: string, realm: string, clientId: string, uuid: string): Promise<void> {
  const key = knownClientKey(keycloakUrl, realm, clientId);
  if (lastKnownClient === `${key} ${uuid}`) return;
  lastKnownClient = `${key} ${uuid}`;
  const clients = await contentStore.get("knownClients", {});
  if (clients[key]?.uuid === uuid) return;
  const next = Object.entries({ ...clients, [key]: { uuid, seenAt: new Date().toISOString() } });
  // Bounded: the clients seen most recently are the ones worth linking to.
  next.sort(([, a], [, b]) => b.seenAt.localeCompare(a.seenAt));
  await contentStore.set("knownClients", Object.fromEntries(next.slice(0, MAX_KNOWN_CLIENTS)));
}
