import { describe, expect, it } from "vitest";
import { readKeycloakExport } from "../../../../src/core/client-check/input.js";
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
    expect(!missing.ok && missing.error.message).not.toContain("did you mean");
  });

  it("suggests the client a --client-id without its trailing slash meant, and cuts a long list short", () => {
    const realm = fixture("realm-role-list-multi.realm.json") as { clients: Record<string, unknown>[] };
    const slashless = readKeycloakExport(JSON.stringify(realm), { clientId: "https://sentry.example.com/saml/metadata/acme" });
    expect(!slashless.ok && slashless.error.message).toContain('did you mean "https://sentry.example.com/saml/metadata/acme/"?');

    const other = realm.clients.find((client) => client.clientId === "urn:example:other-sp") ?? expect.fail();
    const many = { ...realm, clients: [...realm.clients, ...Array.from({ length: 40 }, (_, i) => ({ ...other, id: `id-${i}`, clientId: `urn:example:sp-${i}` }))] };
    const ambiguous = readKeycloakExport(JSON.stringify(many));
    if (ambiguous.ok) expect.fail("a realm of 42 SAML clients needs --client-id");
    expect(ambiguous.error.message).toContain("and 32 more.");
    expect(ambiguous.error).toMatchObject({ code: "input.choose-client" });
    expect("samlClients" in ambiguous.error && ambiguous.error.samlClients?.length).toBe(42);
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

  it("reads a file saved with a byte order mark, and says what is wrong with other JSON", () => {
    const bom = readKeycloakExport(`\ufeff${JSON.stringify(fixture("sentry-working.client.json"))}`);
    expect(bom.ok && bom.input.client.clientId).toBe("https://sentry.example.com/saml/metadata/acme/");
    for (const text of ["[]", '"client"', "null"]) {
      const result = readKeycloakExport(text);
      expect(!result.ok && result.error, text).toMatchObject({ code: "input.shape", message: expect.stringMatching(/^The file holds no JSON object\. A Keycloak client export is/) });
    }
  });

  it("tells a realm export from a partial-import file", () => {
    const realm = fixture("realm-role-list-multi.realm.json");
    const named = { clientId: "https://sentry.example.com/saml/metadata/acme/" };
    const kind = (document: Record<string, unknown>) => {
      const result = readKeycloakExport(JSON.stringify(document), named);
      return result.ok ? result.input.kind : result.error.code;
    };
    expect(kind(realm)).toBe("realm-export");
    expect(kind({ ...realm, ifResourceExists: "SKIP" })).toBe("partial-import");
    const { realm: _name, ...unnamed } = realm;
    expect(kind(unnamed)).toBe("partial-import");
    const result = readKeycloakExport(JSON.stringify(realm), named);
    expect(result.ok && result.input.realm).toBe(realm.realm);
    expect(result.ok && result.input.rawClient.clientId).toBe(named.clientId);
  });

  it("names the invalid part of a realm export, and a realm without SAML clients", () => {
    const badClient = readKeycloakExport(JSON.stringify({ realm: "demo", clients: [{ clientId: "x", protocol: "saml" }, { protocol: "saml" }] }));
    expect(!badClient.ok && badClient.error.message).toMatch(/^A client in the realm export is not valid: clients\.1\.clientId: /);
    const badScopes = readKeycloakExport(JSON.stringify({ realm: "demo", clients: [], clientScopes: "none" }));
    expect(!badScopes.ok && badScopes.error.message).toMatch(/^The realm export is not valid: clientScopes: /);
    const badClientExport = readKeycloakExport(JSON.stringify({ clientId: "x", redirectUris: "https://a/" }));
    expect(!badClientExport.ok && badClientExport.error.message).toMatch(/^The client is not a Keycloak client representation: redirectUris: /);
    const none = readKeycloakExport(JSON.stringify({ realm: "demo", clients: [{ clientId: "web", protocol: "openid-connect" }] }));
    expect(!none.ok && none.error).toMatchObject({ code: "input.no-client", message: 'The export holds no SAML client (protocol "saml").', samlClients: [] });
    const missing = readKeycloakExport(JSON.stringify({ realm: "demo", clients: [{ clientId: "web", protocol: "openid-connect" }] }), { clientId: "sentry" });
    expect(!missing.ok && missing.error.message).toBe('No client "sentry" in this export. SAML clients found: none.');
  });

  it("finds the client a --client-id meant despite scheme, case and spaces, and picks the preset's client by the same rule", () => {
    const realm = fixture("realm-role-list-multi.realm.json");
    const near = readKeycloakExport(JSON.stringify(realm), { clientId: " HTTP://Sentry.example.com/saml/metadata/acme " });
    expect(!near.ok && near.error.message).toContain('did you mean "https://sentry.example.com/saml/metadata/acme/"?');
    const picked = readKeycloakExport(JSON.stringify(realm), { expectedClientId: "http://SENTRY.example.com/saml/metadata/acme" });
    expect(picked.ok && picked.input.client.clientId).toBe("https://sentry.example.com/saml/metadata/acme/");
    const single = readKeycloakExport(JSON.stringify({ ...realm, clients: (realm.clients as Record<string, unknown>[]).filter((client) => client.clientId !== "urn:example:other-sp") }), { expectedClientId: "urn:other" });
    expect(single.ok && single.input.client.clientId).toBe("https://sentry.example.com/saml/metadata/acme/");
  });

  it("drops attributes written as null, as Keycloak does", () => {
    const result = readKeycloakExport(JSON.stringify({ clientId: "x", protocol: "saml", attributes: { "saml.encrypt": null, "saml.authnstatement": "true" } }));
    expect(result.ok && result.input.client.attributes).toStrictEqual({ "saml.authnstatement": "true" });
  });

  it("recognises SAML metadata and captures of SAML traffic, and says where they belong", () => {
    const metadata = "This is SAML metadata, not a Keycloak client export: give Sentry's SP metadata with --sp-metadata FILE (the IdP's metadata goes to analyze --idp-metadata).";
    for (const xml of ['\n  <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>', '<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"/>']) {
      expect(readKeycloakExport(xml), xml).toEqual({ ok: false, error: { code: "input.json", message: metadata } });
    }
    expect(readKeycloakExport('<AuthnRequest xmlns="urn:oasis:names:tc:SAML:2.0:protocol"/>')).toMatchObject({ ok: false, error: { message: expect.not.stringContaining("SAML metadata") } });
    const capture = { ok: false, error: { code: "input.shape", message: "This is a capture of SAML traffic (HAR), not a Keycloak client export: analyze it with saml-lens analyze." } };
    expect(readKeycloakExport(JSON.stringify({ log: { entries: [] } }))).toEqual(capture);
    expect(readKeycloakExport(JSON.stringify({ requests: [] }))).toEqual(capture);
  });

  it("gives every shape problem the code input.shape, listing at most five issues", () => {
    expect(readKeycloakExport(JSON.stringify({ realm: "demo" }))).toEqual({
      ok: false,
      error: {
        code: "input.shape",
        message:
          "This is neither a Keycloak client export (an object with clientId) nor a realm export / partial-import file " +
          "(an object with clients[]). Export the client in the admin console: Clients → the client → Action → Export.",
      },
    });
    const sixWrong = { clientId: "x", name: 1, protocol: 2, enabled: "yes", adminUrl: 3, redirectUris: "a", frontchannelLogout: "no" };
    const client = readKeycloakExport(JSON.stringify(sixWrong));
    expect(!client.ok && client.error.code).toBe("input.shape");
    expect(!client.ok && client.error.message.replace(/^The client is not a Keycloak client representation: /, "").split("; ").map((issue) => issue.split(":")[0])).toEqual(["name", "protocol", "enabled", "adminUrl", "redirectUris"]);
    const inRealm = readKeycloakExport(JSON.stringify({ realm: "demo", clients: [{ clientId: 1 }] }));
    expect(!inRealm.ok && inRealm.error.code).toBe("input.shape");
    const realm = readKeycloakExport(JSON.stringify({ realm: "demo", clients: [], clientScopes: [{ name: "role_list", protocolMappers: [{ name: "m" }] }, { name: 5 }] }));
    expect(!realm.ok && realm.error).toEqual({
      code: "input.shape",
      message:
        "The realm export is not valid: clientScopes.0.protocolMappers.0.protocolMapper: Invalid input: expected string, received undefined; " +
        "clientScopes.1.name: Invalid input: expected string, received number",
    });
  });

  it("lists up to ten SAML clients in full", () => {
    const clients = Array.from({ length: 10 }, (_, i) => ({ clientId: `urn:example:sp-${i}`, protocol: "saml" }));
    const ten = readKeycloakExport(JSON.stringify({ realm: "demo", clients }));
    expect(!ten.ok && ten.error.message).toBe(`The export holds 10 SAML clients; name the one to check: ${clients.map((client) => client.clientId).join(", ")}.`);
    const eleven = readKeycloakExport(JSON.stringify({ realm: "demo", clients: [...clients, { clientId: "urn:example:sp-10", protocol: "saml" }] }));
    expect(!eleven.ok && eleven.error.message).toBe(`The export holds 11 SAML clients; name the one to check: ${clients.map((client) => client.clientId).join(", ")} and 1 more.`);
  });

  it("suggests the client for a --client-id without scheme or with doubled slashes, but not for one that only contains it", () => {
    const realm = JSON.stringify(fixture("realm-role-list-multi.realm.json"));
    for (const clientId of ["sentry.example.com/saml/metadata/acme/", "https://sentry.example.com/saml/metadata/acme//"]) {
      const near = readKeycloakExport(realm, { clientId });
      expect(!near.ok && near.error.message, clientId).toContain('did you mean "https://sentry.example.com/saml/metadata/acme/"?');
    }
    const other = readKeycloakExport(realm, { clientId: "urn:https://example:other-sp" });
    expect(!other.ok && other.error.message).not.toContain("did you mean");
  });
});
