/**
 * "Open in Keycloak" next to a finding: the admin-console page of the client that sent or received the message, on
 * the tab the finding's fix names. The realm comes from the Keycloak URL in the message (the IdP's issuer
 * `<base>/realms/<realm>`, or a request's Destination); the client is the Response's Audience or the request's
 * Issuer (Keycloak's Client ID is the SP's entity ID). The console addresses clients by an internal UUID, known only
 * once the overlay has seen the client; until then the link opens the realm's client list.
 */
import type { AnalyzedMessage } from "../../../core/analyze/result.js";
import { consoleClientUrl } from "../../../core/keycloak/urls.js";

/** A client's console tab, as the route names it (`#/<realm>/clients/<uuid>/<tab>`). */
export type ClientTab = "settings" | "keys" | "advanced" | "clientScopes/dedicated" | "clientScopes";

export interface KeycloakClientRef {
  /** Keycloak's base URL: what precedes `/realms/` (it keeps a context path such as `/auth`). */
  readonly keycloakUrl: string;
  readonly realm: string;
  /** `undefined` when the message does not name the client (a logout sent by the IdP). */
  readonly clientId: string | undefined;
}

/** What the extension knows about a Keycloak: whether the user enabled the overlay there, and the client's UUID. */
export interface ConsoleClient {
  readonly enabled: boolean;
  readonly uuid: string | undefined;
}

export type LookupConsoleClient = (ref: KeycloakClientRef) => Promise<ConsoleClient>;

/** `https://kc/auth/realms/demo/protocol/saml` → base `https://kc/auth`, realm `demo`. */
const REALM_URL = /^(https?:\/\/[^/?#]+(?:\/[^?#]*?)?)\/realms\/([^/?#]+)(?:[/?#]|$)/;

/** Fixes read "[Clients → <client> →] Settings → …": the first step after the client is the tab. */
const TAB_OF_FIX: readonly (readonly [RegExp, ClientTab])[] = [
  [/^Settings →/, "settings"],
  [/^Keys →/, "keys"],
  [/^Advanced →/, "advanced"],
  [/^Client scopes → <client>-dedicated/, "clientScopes/dedicated"],
  [/^Client scopes →/, "clientScopes"],
];

/** The client tab a fix sends the user to; `undefined` when the fix is not a client setting (Sentry, realm, clock). */
export function settingTab(fix: string): ClientTab | undefined {
  const path = fix.replace(/^Clients → <client> → /, "");
  return TAB_OF_FIX.find(([pattern]) => pattern.test(path))?.[1];
}

function realmOf(url: string | null | undefined): { keycloakUrl: string; realm: string } | undefined {
  const match = url == null ? null : REALM_URL.exec(url.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { keycloakUrl: match[1], realm: decodeURIComponent(match[2]) };
}

/** The Keycloak client behind a message, when the message names a Keycloak realm. */
export function keycloakClientOf(message: AnalyzedMessage): KeycloakClientRef | undefined {
  const model = message.model;
  if (message.receiver === "sp") {
    const realm = realmOf(message.issuer);
    if (realm === undefined) return undefined;
    const audience = model?.kind === "Response" ? model.assertions[0]?.conditions?.audiences[0] : undefined;
    return { ...realm, clientId: audience };
  }
  const realm = realmOf(message.destination);
  return realm === undefined ? undefined : { ...realm, clientId: message.issuer ?? undefined };
}

/** The console page to open; `exact` when it is the client's own tab rather than the realm's client list. */
export function consoleUrl(ref: KeycloakClientRef, uuid: string | undefined, tab: ClientTab): { readonly url: string; readonly exact: boolean } {
  return { url: consoleClientUrl(ref.keycloakUrl, ref.realm, uuid, tab), exact: uuid !== undefined };
}
