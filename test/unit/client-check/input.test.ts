import { describe, expect, it } from "vitest";
import { readKeycloakExport } from "../../../src/core/client-check/input.js";
import { fixture } from "./support.js";

describe("reading Keycloak exports", () => {
  it("reads a console client export, with no client scopes known", () => {
    const result = readKeycloakExport(JSON.stringify(fixture("sentry-working.client.json")));
    expect(result.ok && result.input.kind).toBe("client-export");
    expect(result.ok && result.input.clientScopes).toBeNull();
  });

  it("picks the Sentry client of a realm export and keeps the scopes", () => {
    const result = readKeycloakExport(JSON.stringify(fixture("realm-role-list-multi.realm.json")), {
      expectedClientId: "https://sentry.example.com/saml/metadata/acme/",
    });
    expect(result.ok && result.input.kind).toBe("realm-export");
    expect(result.ok && result.input.client.clientId).toBe("https://sentry.example.com/saml/metadata/acme/");
    expect(result.ok && result.input.clientScopes?.map((scope) => scope.name)).toContain("role_list");
  });

  it("lists the SAML clients when it cannot choose, and names a missing --client-id", () => {
    const realm = JSON.stringify(fixture("realm-role-list-multi.realm.json"));
    const ambiguous = readKeycloakExport(realm);
    expect(!ambiguous.ok && ambiguous.error).toMatchObject({
      code: "input.choose-client",
      samlClients: ["https://sentry.example.com/saml/metadata/acme/", "urn:example:other-sp"],
    });
    const missing = readKeycloakExport(realm, { clientId: "nope" });
    expect(!missing.ok && missing.error.code).toBe("input.client-not-found");
  });

  it("reads a partial-import file", () => {
    const result = readKeycloakExport(JSON.stringify(fixture("partial-import.json")));
    expect(result.ok && result.input.kind).toBe("partial-import");
  });

  it("explains invalid input instead of throwing", () => {
    const notJson = readKeycloakExport("{");
    expect(!notJson.ok && notJson.error.code).toBe("input.json");
    const wrongShape = readKeycloakExport(JSON.stringify({ realm: "demo" }));
    expect(!wrongShape.ok && wrongShape.error.message).toContain("Action → Export");
    const badMappers = readKeycloakExport(JSON.stringify({ clientId: "x", protocolMappers: [{ name: "m" }] }));
    expect(!badMappers.ok && badMappers.error.message).toContain("protocolMappers.0.protocolMapper");
  });

  it("accepts attributes written as booleans by hand edits, as Keycloak's strings", () => {
    const result = readKeycloakExport(JSON.stringify({ clientId: "x", protocol: "saml", attributes: { "saml.encrypt": true } }));
    expect(result.ok && result.input.client.attributes).toEqual({ "saml.encrypt": "true" });
  });
});
