/**
 * Keycloak's own addresses, from its base URL (what precedes `/realms/` and `/admin/`: the origin, with a context path
 * such as `/auth` on servers that still have one). Trailing slashes of the base are dropped; a realm is encoded.
 */
import { clientRoute, clientsRoute, consoleRoot, routeHref } from "./console-routes.js";

/** `<keycloak>/realms/<realm>`: the realm's URL, which is also its SAML IdP entity ID. */
export function realmUrl(keycloakUrl: string, realm: string): string {
  return `${keycloakUrl.replace(/\/+$/, "")}/realms/${encodeURIComponent(realm)}`;
}

/** The realm's SAML IdP metadata ("realm descriptor"), below the realm's URL. */
export function descriptorUrlOfRealm(realmUrl: string): string {
  return `${realmUrl.replace(/\/+$/, "")}/protocol/saml/descriptor`;
}

export function realmDescriptorUrl(keycloakUrl: string, realm: string): string {
  return descriptorUrlOfRealm(realmUrl(keycloakUrl, realm));
}

/** Where a login starts at the IdP for a client with an IDP-Initiated SSO URL name. */
export function idpInitiatedSsoUrl(keycloakUrl: string, realm: string, urlName: string): string {
  return `${realmUrl(keycloakUrl, realm)}/protocol/saml/clients/${urlName}`;
}

/** The admin console (hash router, `master` login) at a client's tab (`tab` may hold sub-routes), or at the realm's Clients list when the client's UUID is not known. */
export function consoleClientUrl(keycloakUrl: string, realm: string, uuid: string | undefined, tab: string): string {
  return `${consoleRoot(keycloakUrl)}/${routeHref(null, uuid === undefined ? clientsRoute(realm) : clientRoute(realm, uuid, tab))}`;
}
