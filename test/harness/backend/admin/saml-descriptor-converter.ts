/**
 * "Import client" with an SP metadata file: the console posts the XML to `client-description-converter` and fills
 * the form with the answer. Reproduces Keycloak's EntityDescriptorDescriptionConverter (saml2-entity-descriptor):
 * clientId = entityID; Sign documents on, RSA_SHA256, AuthnStatement on; Sign assertions on if WantAssertionsSigned;
 * ACS and SLO locations per binding; redirect URIs = the ACS locations; the first known NameIDFormat; requested
 * attributes become User Attribute mappers; a signing key turns Client signature required on, an encryption key turns
 * Encrypt assertions on. AuthnRequestsSigned is ignored, as Keycloak ignores it: with no signing key the creation
 * default (Client signature required on) applies later.
 */
import { attribute, child, children, descendants, NS, parseXml, textContent, type XmlElement } from "../../../../src/core/saml/xml.js";
import type { Json } from "../router.js";
import type { JsonObject } from "../realm-store.js";

const BINDINGS = {
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  soap: "urn:oasis:names:tc:SAML:2.0:bindings:SOAP",
  paos: "urn:oasis:names:tc:SAML:2.0:bindings:PAOS",
  artifact: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact",
} as const;

const NAME_ID_FORMATS: Record<string, string> = {
  "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified": "username",
  "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress": "email",
  "urn:oasis:names:tc:SAML:2.0:nameid-format:transient": "transient",
  "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent": "persistent",
};

const ATTRIBUTE_NAME_FORMATS: Record<string, string> = {
  "urn:oasis:names:tc:SAML:2.0:attrname-format:uri": "URI Reference",
  "urn:oasis:names:tc:SAML:2.0:attrname-format:basic": "Basic",
  "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified": "Unspecified",
};

export type ConversionResult = { ok: true; client: JsonObject } | { ok: false; message: string };

const location = (endpoints: XmlElement[], binding: string): string | undefined =>
  ((endpoint) => (endpoint ? attribute(endpoint, "Location") : undefined))(
    endpoints.find((endpoint) => attribute(endpoint, "Binding") === binding),
  );

export function convertEntityDescriptor(xml: string): ConversionResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  const root = parsed.root;
  const entities = root.local === "EntitiesDescriptor" ? children(root, NS.md, "EntityDescriptor") : [root];
  if (entities.length !== 1 || entities[0]?.local !== "EntityDescriptor") return { ok: false, message: "Expected one entity descriptor" };
  const entity = entities[0];
  const sp = child(entity, NS.md, "SPSSODescriptor");
  if (!sp) return { ok: false, message: "No SPSSODescriptor in the entity descriptor" };

  const attributes: Record<string, string> = {
    "saml.server.signature": "true",
    "saml.server.signature.keyinfo.ext": "false",
    "saml.signature.algorithm": "RSA_SHA256",
    "saml.authnstatement": "true",
  };
  const redirectUris: string[] = [];
  if (attribute(sp, "WantAssertionsSigned") === "true") attributes["saml.assertion.signature"] = "true";

  const logout = children(sp, NS.md, "SingleLogoutService");
  const setIf = (key: string, value: string | undefined) => {
    if (value !== undefined) attributes[key] = value;
  };
  setIf("saml_single_logout_service_url_post", location(logout, BINDINGS.post));
  setIf("saml_single_logout_service_url_redirect", location(logout, BINDINGS.redirect));
  setIf("saml_single_logout_service_url_soap", location(logout, BINDINGS.soap));

  const acs = children(sp, NS.md, "AssertionConsumerService");
  for (const [binding, key] of [
    [BINDINGS.post, "saml_assertion_consumer_url_post"],
    [BINDINGS.redirect, "saml_assertion_consumer_url_redirect"],
    [BINDINGS.soap, undefined],
    [BINDINGS.paos, undefined],
    [BINDINGS.artifact, "saml_assertion_consumer_url_artifact"],
  ] as const) {
    const url = location(acs, binding);
    if (url === undefined) continue;
    if (key) attributes[key] = url;
    redirectUris.push(url);
  }

  const nameIdFormat = children(sp, NS.md, "NameIDFormat")
    .map((element) => NAME_ID_FORMATS[textContent(element).trim()])
    .find((format) => format !== undefined);
  setIf("saml_name_id_format", nameIdFormat);

  const protocolMappers: Json[] = descendants(sp, NS.md, "RequestedAttribute").map((requested) => {
    const name = attribute(requested, "Name") ?? "";
    const config: Record<string, string> = { "attribute.name": name };
    const friendlyName = attribute(requested, "FriendlyName");
    if (friendlyName !== undefined) config["friendly.name"] = friendlyName;
    const nameFormat = ATTRIBUTE_NAME_FORMATS[attribute(requested, "NameFormat") ?? ""];
    if (nameFormat !== undefined) config["attribute.nameformat"] = nameFormat;
    return { name, protocol: "saml", protocolMapper: "saml-user-attribute-mapper", config };
  });

  for (const key of children(sp, NS.md, "KeyDescriptor")) {
    const certificate = descendants(key, NS.ds, "X509Certificate")[0];
    if (!certificate) continue;
    const pem = textContent(certificate).replace(/\s+/g, "");
    const use = attribute(key, "use");
    if (use === "signing") {
      attributes["saml.client.signature"] = "true";
      attributes["saml.signing.certificate"] = pem;
    } else if (use === "encryption") {
      attributes["saml.encrypt"] = "true";
      attributes["saml.encryption.certificate"] = pem;
    }
  }

  return {
    ok: true,
    client: {
      clientId: attribute(entity, "entityID") ?? "",
      attributes,
      redirectUris,
      fullScopeAllowed: true,
      protocol: "saml",
      protocolMappers,
    },
  };
}
