/**
 * What Keycloak adds to a client on creation, so a client made in the harness console looks like one made on a server:
 * - SAML attribute defaults (SamlProtocolFactory.setupClientDefaults, paraphrased): standard flow on, exclusive
 *   canonicalization, RSA_SHA256, name ID format `username`, AuthnStatement on, force name ID format off, ECP off,
 *   Sign documents on, Force POST binding on, Client signature required on — with a generated key pair when that is
 *   on and no certificate came along — and front channel logout on.
 * - The realm's default and optional client scopes of the client's protocol (RealmModel default client scopes).
 * Simplified: only what the SAML and OIDC pages show; no secret for confidential OIDC clients.
 */
import { attributes, strings, text, type JsonObject, type RealmStore } from "../realm-store.js";
import { generateKeyPair } from "./certificates.js";

const SAML_ATTRIBUTE_DEFAULTS: Record<string, string> = {
  saml_signature_canonicalization_method: "http://www.w3.org/2001/10/xml-exc-c14n#",
  "saml.signature.algorithm": "RSA_SHA256",
  saml_name_id_format: "username",
  "saml.authnstatement": "true",
  saml_force_name_id_format: "false",
  "saml.allow.ecp.flow": "false",
  "saml.server.signature": "true",
  "saml.force.post.binding": "true",
  "saml.client.signature": "true",
};

export async function applyCreationDefaults(store: RealmStore, realm: JsonObject, client: JsonObject): Promise<void> {
  client.protocol ??= "openid-connect";
  const protocol = text(client, "protocol") ?? "openid-connect";
  if (protocol === "saml") {
    client.standardFlowEnabled ??= true;
    client.frontchannelLogout ??= true;
    const attrs = attributes(client);
    for (const [key, value] of Object.entries(SAML_ATTRIBUTE_DEFAULTS)) {
      if (typeof attrs[key] !== "string") attrs[key] = value;
    }
    if (attrs["saml.client.signature"] === "true" && !attrs["saml.signing.certificate"]) {
      const pair = await generateKeyPair(text(client, "clientId") ?? "");
      attrs["saml.signing.certificate"] = pair.certificate;
      attrs["saml.signing.private.key"] = pair.privateKey;
    }
  }
  const ofProtocol = (names: string[]) =>
    names.filter((name) => (text(store.clientScopeByName(realm, name) ?? {}, "protocol") ?? "openid-connect") === protocol);
  if (!Array.isArray(client.defaultClientScopes)) client.defaultClientScopes = ofProtocol(strings(realm, "defaultDefaultClientScopes"));
  if (!Array.isArray(client.optionalClientScopes)) client.optionalClientScopes = ofProtocol(strings(realm, "defaultOptionalClientScopes"));
}
