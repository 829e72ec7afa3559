/**
 * Keycloak realm data for the bench, shaped exactly like a Keycloak 26 realm export (attribute values as strings,
 * top-level booleans as booleans, mappers with their `protocolMapper` type ids). The Sentry URL prefix and org are
 * parameters because the bench's SP runs on a free port.
 */
import type { KeycloakClient, KeycloakClientScope, KeycloakUser, ProtocolMapper } from "./keycloak-client.js";
import type { IdpRealm } from "./idp.js";

export const BENCH_USER = { username: "alice", password: "alice-password", email: "alice@acme.test", id: "8f0f5b3e-6d0c-4c39-9d4b-2a7e3f0c1a11" } as const;

export function emailMapper(attributeName = "user_email"): ProtocolMapper {
  return {
    name: "email",
    protocol: "saml",
    protocolMapper: "saml-user-property-mapper",
    config: { "attribute.nameformat": "Basic", "user.attribute": "email", "friendly.name": "email", "attribute.name": attributeName },
  };
}

/** A Sentry client that passes every check: what the product steers users to. */
export function goodSentryClient(urlPrefix: string, org: string): KeycloakClient & Record<string, unknown> {
  const prefix = urlPrefix.replace(/\/$/, "");
  return {
    id: `sentry-${org}`,
    clientId: `${prefix}/saml/metadata/${org}/`,
    name: "Sentry",
    description: "",
    rootUrl: "",
    // Empty, as check-client advises: with Force POST binding on, Keycloak would post logout answers to it.
    adminUrl: "",
    baseUrl: "",
    surrogateAuthRequired: false,
    enabled: true,
    alwaysDisplayInConsole: false,
    clientAuthenticatorType: "client-secret",
    redirectUris: [`${prefix}/saml/acs/${org}/`],
    webOrigins: [],
    notBefore: 0,
    bearerOnly: false,
    consentRequired: false,
    standardFlowEnabled: true,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: false,
    publicClient: true,
    frontchannelLogout: true,
    protocol: "saml",
    attributes: {
      "saml.assertion.signature": "false",
      "saml.force.post.binding": "true",
      "saml.encrypt": "false",
      "saml.server.signature": "true",
      "saml.server.signature.keyinfo.ext": "false",
      "saml.signature.algorithm": "RSA_SHA256",
      "saml_force_name_id_format": "true",
      "saml.client.signature": "false",
      "saml.authnstatement": "true",
      "saml_name_id_format": "email",
      "saml.server.signature.keyinfo.xmlSigKeyInfoKeyNameTransformer": "KEY_ID",
      "saml_signature_canonicalization_method": "http://www.w3.org/2001/10/xml-exc-c14n#",
      "saml.artifact.binding": "false",
      "saml.onetimeuse.condition": "false",
      "saml.allow.ecp.flow": "false",
      "saml_idp_initiated_sso_url_name": org,
      "saml_assertion_consumer_url_post": `${prefix}/saml/acs/${org}/`,
      "saml_single_logout_service_url_redirect": `${prefix}/saml/sls/${org}/`,
      "frontchannel.logout.session.required": "true",
    },
    authenticationFlowBindingOverrides: {},
    fullScopeAllowed: true,
    nodeReRegistrationTimeout: -1,
    protocolMappers: [emailMapper()],
    defaultClientScopes: [],
    optionalClientScopes: [],
  };
}

type Client = ReturnType<typeof goodSentryClient>;
const withAttributes = (client: Client, attributes: Record<string, string>): Client => ({ ...client, attributes: { ...client.attributes, ...attributes } });

/** The six typical mistakes, each alone on an otherwise good client. */
export const BROKEN_VARIANTS: Readonly<Record<string, (client: Client) => Client>> = {
  "no-signing": (client) => withAttributes(client, { "saml.server.signature": "false", "saml.assertion.signature": "false" }),
  "encryption-on": (client) => withAttributes(client, { "saml.encrypt": "true" }),
  "client-signature-required": (client) => withAttributes(client, { "saml.client.signature": "true" }),
  "email-oid-name": (client) => ({ ...client, protocolMappers: [emailMapper("urn:oid:1.2.840.113549.1.9.1")] }),
  "role-list-duplicates": (client) => ({ ...client, defaultClientScopes: ["role_list"] }),
  "client-id-no-trailing-slash": (client) => ({ ...client, clientId: client.clientId.replace(/\/$/, "") }),
};

export const ROLE_LIST_SCOPE: KeycloakClientScope & Record<string, unknown> = {
  id: "b7c6d1f2-0a5e-4f0e-9a44-2c7b8d9e0f01",
  name: "role_list",
  description: "SAML role list",
  protocol: "saml",
  attributes: { "consent.screen.text": "${samlRoleListScopeConsentText}", "display.on.consent.screen": "true" },
  protocolMappers: [
    {
      name: "role list",
      protocol: "saml",
      protocolMapper: "saml-role-list-mapper",
      config: { single: "false", "attribute.nameformat": "Basic", "attribute.name": "Role" },
    },
  ],
};

export function benchUsers(): KeycloakUser[] {
  return [
    {
      id: BENCH_USER.id,
      username: BENCH_USER.username,
      email: BENCH_USER.email,
      firstName: "Alice",
      lastName: "Example",
      enabled: true,
      realmRoles: ["default-roles-acme", "offline_access", "uma_authorization"],
      credentials: [{ type: "password", value: BENCH_USER.password }],
    },
  ];
}

export function benchRealm(clients: readonly KeycloakClient[], name = "acme"): IdpRealm {
  return { name, clients, clientScopes: [ROLE_LIST_SCOPE], users: benchUsers() };
}
