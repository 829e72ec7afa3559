/**
 * A realm's IdP descriptor on the harness origin, shaped as Keycloak writes it (one signing KeyDescriptor per active
 * key, its kid as KeyName), with the certificates a test chooses: the overlay reads it for the realm-key checks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Route } from "../../harness/backend/router.js";

export interface DescriptorKey {
  readonly kid: string;
  readonly certificate: string;
}

/** The signing keys of test/fixtures/keycloak/realm-keys.json (a 1024-bit key, one expired in 2020, a good one), by kid. */
export function fixtureSigningKeys(): Map<string, DescriptorKey> {
  const file = join(import.meta.dirname, "../../fixtures/keycloak/realm-keys.json");
  const { keys } = JSON.parse(readFileSync(file, "utf8")) as { keys: Array<{ kid: string; use: string; type: string; certificate?: string }> };
  return new Map(keys.flatMap(({ kid, use, type, certificate }) => (use === "SIG" && type === "RSA" && certificate !== undefined ? [[kid, { kid, certificate }] as const] : [])));
}

export function descriptorRoute(keys: readonly DescriptorKey[]): Route {
  return {
    method: "GET",
    pattern: "/realms/:realm/protocol/saml/descriptor",
    handle: (request, { realm = "" }) => ({
      status: 200,
      contentType: "text/xml; charset=utf-8",
      text:
        `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${request.origin}/realms/${realm}">` +
        `<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
        keys
          .map(
            ({ kid, certificate }) =>
              `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:KeyName>${kid}</ds:KeyName><ds:X509Data><ds:X509Certificate>${certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
          )
          .join("") +
        `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${request.origin}/realms/${realm}/protocol/saml"/>` +
        `</md:IDPSSODescriptor></md:EntityDescriptor>`,
    }),
  };
}
