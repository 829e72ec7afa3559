/**
 * The ground-truth table's rows: each is one client setting that can break Sentry's login or logout, alone on an
 * otherwise good client (its own Sentry org, so all live side by side in one realm), the flow that exercises it, and
 * the check-client finding that names it. What really happens is not written here: the test records it from the
 * real Keycloak and the Sentry-grade SP.
 */
import type { FindingId } from "../../src/core/client-check/finding.js";
import type { JsonRecord } from "./admin.js";
import { otherCertificateBase64, SENTRY_MAPPING, sentryClient } from "./realm.js";

export type Flow = "sp-initiated" | "idp-initiated" | "logout";

export interface GroundTruthCase {
  /** The Sentry org slug, also the client's IDP-initiated SSO URL name. */
  readonly org: string;
  /** The setting as the admin console names it. */
  readonly setting: string;
  readonly flow: Flow;
  /** The check-client finding that names this setting; `null` for the correct client. */
  readonly finding: FindingId | null;
  /** The body of "Create client", from the good client. */
  client(urlPrefix: string): JsonRecord;
  /** Keep the `role_list` scope Keycloak links to every new SAML client (every other case removes it, as advised). */
  readonly keepRoleList?: boolean;
  /** The RelayState Sentry sends with its LogoutRequest (logout flow); Keycloak sends it back. */
  readonly relayState?: (urlPrefix: string) => string;
  /** Not a client setting but a situation on a correct client: only the analysis is judged. */
  readonly situation?: true;
}

const attributes = (client: JsonRecord, changes: Record<string, string>): JsonRecord => ({
  ...client,
  attributes: { ...(client.attributes as JsonRecord), ...changes },
});
const good = (org: string) => (urlPrefix: string) => sentryClient(urlPrefix, org);
const changed = (org: string, change: (client: JsonRecord, urlPrefix: string) => JsonRecord) => (urlPrefix: string) => change(sentryClient(urlPrefix, org), urlPrefix);
/** The client's mappers, each given as (SAML Attribute Name, mapper) and changed or dropped (`null`). */
const mappers = (client: JsonRecord, change: (attributeName: string, mapper: JsonRecord) => JsonRecord | null): JsonRecord => {
  const list = Array.isArray(client.protocolMappers) ? (client.protocolMappers as JsonRecord[]) : [];
  const changedList = list.flatMap((mapper) => {
    const config = (mapper.config ?? {}) as JsonRecord;
    const next = change(String(config["attribute.name"] ?? ""), mapper);
    return next === null ? [] : [next];
  });
  return { ...client, protocolMappers: changedList };
};

export const GROUND_TRUTH_CASES: readonly GroundTruthCase[] = [
  { org: "good", setting: "(the correct client)", flow: "sp-initiated", finding: null, client: good("good") },
  { org: "good-idp", setting: "(the correct client)", flow: "idp-initiated", finding: null, client: good("good-idp") },
  { org: "good-logout", setting: "(the correct client)", flow: "logout", finding: null, client: good("good-logout") },
  {
    org: "client-id-slash",
    setting: "Client ID without its trailing slash",
    flow: "sp-initiated",
    finding: "client.client-id",
    client: changed("client-id-slash", (client) => ({ ...client, clientId: String(client.clientId).replace(/\/$/, "") })),
  },
  {
    org: "client-id-scheme",
    setting: "Client ID with the wrong scheme (https for an http Sentry)",
    flow: "sp-initiated",
    finding: "client.client-id",
    client: changed("client-id-scheme", (client) => ({ ...client, clientId: String(client.clientId).replace(/^http:/, "https:") })),
  },
  {
    org: "redirect-uri",
    setting: "Valid redirect URIs without the ACS URL's trailing slash",
    flow: "sp-initiated",
    finding: "client.redirect-uris",
    client: changed("redirect-uri", (client, urlPrefix) => ({ ...client, redirectUris: [`${urlPrefix}/saml/acs/redirect-uri`] })),
  },
  {
    org: "client-signature",
    setting: "Keys → Client signature required: On",
    flow: "sp-initiated",
    finding: "client.client-signature-required",
    client: changed("client-signature", (client) => attributes(client, { "saml.client.signature": "true" })),
  },
  {
    org: "no-signing",
    setting: "Sign documents and Sign assertions both Off",
    flow: "sp-initiated",
    finding: "client.signing",
    client: changed("no-signing", (client) => attributes(client, { "saml.server.signature": "false", "saml.assertion.signature": "false" })),
  },
  {
    org: "encrypt",
    setting: "Keys → Encrypt assertions: On",
    flow: "sp-initiated",
    finding: "client.encrypt-assertions",
    client: changed("encrypt", (client) => attributes(client, { "saml.encrypt": "true", "saml.encryption.certificate": otherCertificateBase64() })),
  },
  {
    org: "role-list",
    setting: "role_list scope linked (user with several roles)",
    flow: "sp-initiated",
    finding: "mapper.duplicate-attribute-name",
    keepRoleList: true,
    client: good("role-list"),
  },
  {
    org: "email-oid",
    setting: "E-mail attribute under its OID name",
    flow: "sp-initiated",
    finding: "mapper.email",
    client: changed("email-oid", (client) =>
      mappers(client, (name, mapper) =>
        name === SENTRY_MAPPING.user_email ? { ...mapper, config: { ...(mapper.config as JsonRecord), "attribute.name": "urn:oid:1.2.840.113549.1.9.1" } } : mapper,
      ),
    ),
  },
  {
    org: "no-identifier",
    setting: "No mapper for the IdP User ID attribute",
    flow: "sp-initiated",
    finding: "mapper.identifier",
    client: changed("no-identifier", (client) => mappers(client, (name, mapper) => (name === SENTRY_MAPPING.identifier ? null : mapper))),
  },
  {
    org: "no-authn",
    setting: "Include AuthnStatement: Off",
    flow: "sp-initiated",
    finding: "client.authn-statement",
    client: changed("no-authn", (client) => attributes(client, { "saml.authnstatement": "false" })),
  },
  {
    org: "post-binding",
    setting: "Force POST binding: Off (IdP-initiated)",
    flow: "idp-initiated",
    finding: "client.force-post-binding",
    client: changed("post-binding", (client) => attributes(client, { "saml.force.post.binding": "false" })),
  },
  {
    org: "acs-slash",
    setting: "Assertion Consumer Service POST Binding URL without its trailing slash (IdP-initiated)",
    flow: "idp-initiated",
    finding: "client.acs-url",
    client: changed("acs-slash", (client, urlPrefix) => attributes(client, { saml_assertion_consumer_url_post: `${urlPrefix}/saml/acs/acs-slash` })),
  },
  {
    org: "logout-post",
    setting: "Logout URL given as the POST binding URL (SP-initiated logout)",
    flow: "logout",
    finding: "client.logout-redirect-url",
    client: changed("logout-post", (client, urlPrefix) => {
      const { saml_single_logout_service_url_redirect: _redirect, ...rest } = client.attributes as JsonRecord;
      return { ...client, attributes: { ...rest, saml_single_logout_service_url_post: `${urlPrefix}/saml/sls/logout-post/` } };
    }),
  },
  {
    org: "logout-slash",
    setting: "Logout Service Redirect Binding URL without its trailing slash (SP-initiated logout)",
    flow: "logout",
    finding: "client.logout-redirect-url",
    client: changed("logout-slash", (client, urlPrefix) => attributes(client, { saml_single_logout_service_url_redirect: `${urlPrefix}/saml/sls/logout-slash` })),
  },
  {
    org: "relay-query",
    setting: "(correct client) Sentry's RelayState holds a query string (\"?\"), SP-initiated logout",
    flow: "logout",
    finding: null,
    situation: true,
    // Keycloak signs the Redirect query with "?" unescaped in RelayState; python3-saml rebuilds it with quote_plus.
    relayState: (urlPrefix) => `${urlPrefix}/organizations/relay-query/issues/?query=is:unresolved`,
    client: good("relay-query"),
  },
  {
    org: "master-url",
    setting: "Master SAML Processing URL set to Sentry's ACS, Force POST binding On (SP-initiated logout)",
    flow: "logout",
    finding: "client.logout-redirect-url",
    // Keycloak's logout falls back to the Master SAML Processing URL (the client's management URL) for the POST
    // binding, and Force POST binding then picks POST: the LogoutResponse is posted to Sentry's ACS.
    client: changed("master-url", (client, urlPrefix) => ({ ...client, adminUrl: `${urlPrefix}/saml/acs/master-url/` })),
  },
];
