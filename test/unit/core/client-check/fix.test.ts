import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkClient } from "../../../../src/core/client-check/check-client.js";
import { buildClientFix } from "../../../../src/core/client-check/fix.js";
import { applyJsonPatch } from "../../../../src/core/client-check/json-patch.js";
import { readKeycloakExport } from "../../../../src/core/client-check/input.js";
import { presetFromSpMetadata } from "../../../../src/core/presets/from-sp-metadata.js";
import { FIXTURES, check, fixture, sentryClientOf, sentryPreset, type Json } from "./support.js";

function fixOf(document: Json, preset = sentryPreset()) {
  const result = check(document, preset);
  const fix = buildClientFix(result);
  if (!fix.ok) throw new Error(fix.message);
  return { result, fix: fix.fix };
}

/** Re-checks the corrected client inside the same realm, as Keycloak would hold it after import. */
function recheckInRealm(realm: Json, corrected: Record<string, unknown>) {
  const clients = realm.clients as Json[];
  const index = clients.indexOf(sentryClientOf(realm));
  clients[index] = corrected;
  return check(realm);
}

describe("fixes", () => {
  it("a corrected realm client has no error or warning left", () => {
    const realm = fixture("realm-role-list-multi.realm.json");
    const client = sentryClientOf(realm);
    client.clientId = "https://sentry.example.com/saml/metadata/acme";
    (client.attributes as Record<string, string>)["saml.client.signature"] = "true";
    (client.attributes as Record<string, string>).saml_single_logout_service_url_post = "https://sentry.example.com/saml/sls/acme/";
    client.redirectUris = [];
    const { result, fix } = fixOf(realm);
    expect(result.findings.map((finding) => finding.id)).toEqual([
      "client.client-id",
      "client.client-signature-required",
      "client.redirect-uris",
      "mapper.duplicate-attribute-name",
      "client.logout-redirect-url",
    ]);
    const after = recheckInRealm(fixture("realm-role-list-multi.realm.json"), fix.client);
    expect(after.findings).toEqual([]);
    expect(fix.client.defaultClientScopes).toEqual(["saml_organization", "sentry-attributes"]);
  });

  it("the JSON Patch turns the export into the corrected client", () => {
    const document = fixture("sentry-seed-guide.client.json");
    const { fix } = fixOf(document, sentryPreset({ identifier: "user_email" }));
    const applied = applyJsonPatch(document, fix.patch);
    expect(applied.ok).toBe(true);
    const { access: _access, ...withoutAccess } = (applied.ok ? applied.value : {}) as Record<string, unknown>;
    expect(withoutAccess).toEqual(fix.client);
  });

  it("makes the seed guide's client self-contained and clean, leaving suggestions alone", () => {
    const preset = sentryPreset({ identifier: "user_email" });
    const { fix } = fixOf(fixture("sentry-seed-guide.client.json"), preset);
    const input = readKeycloakExport(JSON.stringify(fix.client));
    if (!input.ok) throw new Error(input.error.message);
    const after = checkClient(input.input, preset);
    expect(after.findings.map((finding) => [finding.id, finding.severity])).toEqual([
      ["client.name-id-format", "suggestion"],
      ["mapper.email-as-identifier", "suggestion"],
    ]);
    const attributes = fix.client.attributes as Record<string, string>;
    expect(attributes.saml_single_logout_service_url_redirect).toBe("https://sentry.example.com/saml/sls/acme/");
    expect(attributes.saml_single_logout_service_url_post).toBe("");
  });

  it("renames the X500 email mapper in place and adds the missing identifier mapper", () => {
    const document = fixture("sentry-fresh.client.json");
    document.protocolMappers = [
      {
        name: "X500 email",
        protocol: "saml",
        protocolMapper: "saml-user-property-mapper",
        consentRequired: false,
        config: { "attribute.nameformat": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri", "user.attribute": "email", "friendly.name": "email", "attribute.name": "urn:oid:1.2.840.113549.1.9.1" },
      },
    ];
    document.defaultClientScopes = [];
    const { fix } = fixOf(document, sentryPreset({ identifier: "user_id" }));
    const mappers = fix.client.protocolMappers as Array<{ name: string; config: Record<string, string> }>;
    expect(mappers.map((mapper) => [mapper.name, mapper.config["attribute.name"], mapper.config["user.attribute"]])).toEqual([
      ["X500 email", "user_email", "email"],
      ["user_id", "user_id", "id"],
    ]);
  });

  it("says what it could not fix, and writes Client signature required explicitly for import", () => {
    const document = fixture("sentry-fresh.client.json");
    delete (document.attributes as Record<string, string>)["saml.client.signature"];
    const { fix } = fixOf(document);
    expect((fix.client.attributes as Record<string, string>)["saml.client.signature"]).toBe("false");
    expect(fix.notes.some((note) => note.startsWith("Not fixed in the JSON (mapper.email)"))).toBe(true);
    expect(fix.notes.at(-1)).toContain("Import client");
  });

  it("builds a bare client export into one with every setting the checks need, creating the lists it writes into", () => {
    const bare = { id: "server-id", clientId: "https://sentry.example.com/saml/metadata/acme/", protocol: "saml", access: { view: true } };
    const { result, fix } = fixOf(bare);
    expect(fix.patch[0]).toEqual({ op: "add", path: "/attributes", value: {} });
    expect(fix.patch.filter((operation) => operation.path === "/redirectUris")).toHaveLength(1);
    expect(fix.client.id).toBeUndefined();
    expect(fix.client.access).toBeUndefined();
    expect(fix.client.redirectUris).toEqual(["https://sentry.example.com/saml/acs/acme/"]);
    // No fix adds a mapper here (the scopes are unknown), so no empty mapper list is invented.
    expect(fix.client).not.toHaveProperty("protocolMappers");
    expect((fix.client.attributes as Record<string, string>)["saml.client.signature"]).toBe("false");
    const input = readKeycloakExport(JSON.stringify(fix.client));
    if (!input.ok) throw new Error(input.error.message);
    const after = checkClient(input.input, sentryPreset());
    expect(after.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    // What the file cannot show (the client's scopes) is left as a note, with the finding's own advice.
    for (const finding of result.findings.filter((candidate) => candidate.message.startsWith("Cannot tell"))) {
      expect(fix.notes).toContain(`Not fixed in the JSON (${finding.id}): ${finding.fix}`);
    }
    expect(fix.notes.at(-1)).toContain('Client ID "https://sentry.example.com/saml/metadata/acme/"');
  });

  it("creates protocolMappers for a mapper it adds, and drops the server's mapper ids", () => {
    const document = fixture("sentry-fresh.client.json");
    delete document.protocolMappers;
    document.defaultClientScopes = [];
    const { fix } = fixOf(document, sentryPreset({ identifier: "user_id" }));
    expect(fix.patch).toContainEqual({ op: "add", path: "/protocolMappers", value: [] });
    const withIds = fixture("sentry-fresh.client.json");
    withIds.defaultClientScopes = [];
    withIds.protocolMappers = [{ id: "mapper-id", name: "mail", protocol: "saml", protocolMapper: "saml-user-property-mapper", config: { "user.attribute": "email", "attribute.name": "user_email" } }];
    const mappers = fixOf(withIds, sentryPreset({ identifier: "user_id" })).fix.client.protocolMappers as Record<string, unknown>[];
    expect(mappers.map((mapper) => mapper.id)).toEqual([undefined, undefined]);
    expect(mappers.map((mapper) => mapper.name)).toEqual(["mail", "user_id"]);
  });

  it("fixes only the severities asked for", () => {
    const preset = sentryPreset({ identifier: "user_email" });
    const result = check(fixture("sentry-seed-guide.client.json"), preset);
    const suggestions = buildClientFix(result, { severities: ["suggestion"] });
    if (!suggestions.ok) throw new Error(suggestions.message);
    const input = readKeycloakExport(JSON.stringify(suggestions.fix.client));
    if (!input.ok) throw new Error(input.error.message);
    const after = checkClient(input.input, preset).findings.map((finding) => finding.id);
    expect(after).not.toContain("client.name-id-format");
    expect(after).toContain("client.redirect-uris");
    expect((suggestions.fix.client.protocolMappers as Record<string, unknown>[]).map((mapper) => mapper.name)).toContain("user_id");
  });

  it("notes exactly the findings without a patch, never an accepted security finding, then how to import", () => {
    const { result, fix } = fixOf({ clientId: "https://sentry.example.com/saml/metadata/acme/", protocol: "saml" });
    expect(result.securityFindings.some((finding) => finding.accepted !== undefined)).toBe(true);
    const unpatched = [...result.outcomes, ...result.securityOutcomes]
      .filter((outcome) => outcome.patch.length === 0 && outcome.finding.accepted === undefined && outcome.finding.severity !== "suggestion")
      .map((outcome) => `Not fixed in the JSON (${outcome.finding.id}): ${outcome.finding.fix}`);
    expect(unpatched.length).toBeGreaterThan(0);
    expect(fix.notes).toEqual([
      ...unpatched,
      'To import: Clients › Import client, then Save. Keycloak refuses a second client with Client ID "https://sentry.example.com/saml/metadata/acme/": ' +
        "delete the old client first (or apply the changes by hand).",
    ]);
    expect(buildClientFix(result, { security: false })).toMatchObject({ ok: true, fix: { notes: expect.not.arrayContaining([expect.stringContaining("(security.")]) } });
  });

  it("writes Client signature required once, as the preset wants it, and leaves a setting the user has alone", () => {
    const absent = fixture("sentry-fresh.client.json");
    delete (absent.attributes as Record<string, string>)["saml.client.signature"];
    const { fix } = fixOf(absent);
    expect(fix.patch.filter((operation) => operation.path === "/attributes/saml.client.signature")).toEqual([
      { op: "add", path: "/attributes/saml.client.signature", value: "false" },
    ]);

    // Fixing suggestions only: the error about the user's "true" is not fixed, and nothing else overwrites it.
    const on = fixture("sentry-fresh.client.json");
    (on.attributes as Record<string, string>)["saml.client.signature"] = "true";
    const suggestions = buildClientFix(check(on), { severities: ["suggestion"], security: false });
    expect(suggestions.ok && (suggestions.fix.client.attributes as Record<string, string>)["saml.client.signature"]).toBe("true");

    // An SP that signs its requests: Keycloak's default On is right, and the import must not lose it.
    const signed = presetFromSpMetadata(readFileSync(join(FIXTURES, "sentry-sp-metadata", "generic-signed-sp.xml"), "utf8"));
    if (!signed.ok) throw new Error(signed.error.message);
    const bare = { clientId: "https://sp.example.org/metadata", protocol: "saml" };
    for (const options of [{}, { security: false }]) {
      const forSigned = buildClientFix(check(bare, signed.preset), options);
      if (!forSigned.ok) expect.fail(forSigned.message);
      expect(forSigned.fix.patch.filter((operation) => operation.path === "/attributes/saml.client.signature"), JSON.stringify(options)).toEqual([
        { op: "add", path: "/attributes/saml.client.signature", value: "true" },
      ]);
    }
  });

  it("adds no SAML attribute to an OpenID Connect client", () => {
    const oidc = { clientId: "https://sentry.example.com/saml/metadata/acme/", protocol: "openid-connect", attributes: {} };
    const fix = buildClientFix(check(oidc));
    expect(fix.ok && fix.fix.client.attributes).not.toHaveProperty(["saml.client.signature"]);
  });
});
