/**
 * One block per finding id, each on a realistic Keycloak export (see test/fixtures/keycloak/build-fixtures.mjs).
 * The clean baseline is the realm export whose role_list has Single Role Attribute on: it must have no finding, so
 * every finding below comes from the one change the test makes.
 */
import { afterAll, describe, expect, it } from "vitest";
import { checkClientExport } from "../../../../src/core/client-check/check-client.js";
import { FIT_FINDING_IDS } from "../../../../src/core/client-check/finding.js";
import type { Preset } from "../../../../src/core/presets/schema.js";
import { attributesOf, check as checkExport, findings, fixture, scopeOf, sentryClientOf, sentryPreset, type Json } from "./support.js";

/** Every finding id the tests below got from the checker: each one the checker knows must be among them. */
const seen = new Set<string>();
function check(document: Json, preset?: Preset, clientId?: string): ReturnType<typeof checkExport> {
  const result = checkExport(document, preset, clientId);
  for (const finding of result.findings) seen.add(finding.id);
  return result;
}

afterAll(() => {
  expect(FIT_FINDING_IDS.filter((id) => !seen.has(id))).toEqual([]);
});

function cleanRealm(): Json {
  return fixture("realm-role-list-single.realm.json");
}

function realmWith(change: (client: Json, realm: Json) => void): Json {
  const realm = cleanRealm();
  change(sentryClientOf(realm), realm);
  return realm;
}

describe("baseline", () => {
  it("a client configured for Sentry, with its mappers in a custom scope, has no finding", () => {
    expect(check(cleanRealm()).findings).toEqual([]);
  });
});

describe("client.protocol", () => {
  it("flags an OpenID Connect client and skips the SAML settings", () => {
    const result = check(realmWith((client) => (client.protocol = "openid-connect")), sentryPreset(), "https://sentry.example.com/saml/metadata/acme/");
    expect(result.findings.map((finding) => [finding.id, finding.severity])).toEqual([["client.protocol", "error"]]);
    expect(result.findings[0]?.actual).toBe("openid-connect");
  });
});

describe("client.client-id", () => {
  it("flags a Client ID without the trailing slash, saying so", () => {
    const result = check(realmWith((client) => (client.clientId = "https://sentry.example.com/saml/metadata/acme")));
    const [finding] = findings(result, "client.client-id");
    expect(finding).toMatchObject({
      severity: "error",
      attributeKey: "clientId",
      field: { label: "Client ID", tab: "Settings" },
      expected: "https://sentry.example.com/saml/metadata/acme/",
      actual: "https://sentry.example.com/saml/metadata/acme",
    });
    expect(finding?.message).toContain("lacks the trailing slash");
  });

  it("flags http vs https", () => {
    const result = check(realmWith((client) => (client.clientId = "http://sentry.example.com/saml/metadata/acme/")));
    expect(findings(result, "client.client-id")[0]?.message).toContain("wrong scheme");
  });
});

describe("client.force-post-binding", () => {
  it("warns when Force POST binding is off", () => {
    const result = check(realmWith((client) => (attributesOf(client)["saml.force.post.binding"] = "false")));
    expect(findings(result, "client.force-post-binding")).toMatchObject([
      { severity: "warning", attributeKey: "saml.force.post.binding", actual: "false", field: { label: "Force POST binding", tab: "Settings" } },
    ]);
  });
});

describe("client.authn-statement", () => {
  it("flags a missing AuthnStatement with python3-saml's error", () => {
    const result = check(realmWith((client) => (attributesOf(client)["saml.authnstatement"] = "false")));
    const [finding] = findings(result, "client.authn-statement");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain("The Assertion must include an AuthnStatement element");
  });
});

describe("client.signing", () => {
  it("flags a response with neither documents nor assertions signed", () => {
    const result = check(realmWith((client) => (attributesOf(client)["saml.server.signature"] = "false")));
    const [finding] = findings(result, "client.signing");
    expect(finding).toMatchObject({ severity: "error", attributeKey: "saml.server.signature", field: { label: "Sign documents" } });
    expect(finding?.message).toContain("No Signature found");
  });

  it("accepts assertions signed alone", () => {
    const result = check(
      realmWith((client) => {
        attributesOf(client)["saml.server.signature"] = "false";
        attributesOf(client)["saml.assertion.signature"] = "true";
      }),
    );
    expect(findings(result, "client.signing")).toEqual([]);
  });
});

describe("client.signature-algorithm", () => {
  it("warns about RSA_SHA1 but accepts RSA_SHA512", () => {
    const sha1 = check(realmWith((client) => (attributesOf(client)["saml.signature.algorithm"] = "RSA_SHA1")));
    expect(findings(sha1, "client.signature-algorithm")).toMatchObject([{ severity: "warning", actual: "RSA_SHA1", expected: "RSA_SHA256" }]);
    const sha512 = check(realmWith((client) => (attributesOf(client)["saml.signature.algorithm"] = "RSA_SHA512")));
    expect(findings(sha512, "client.signature-algorithm")).toEqual([]);
  });
});

describe("client.encrypt-assertions", () => {
  it("flags encryption Sentry cannot undo, on the Keys tab", () => {
    const result = check(realmWith((client) => (attributesOf(client)["saml.encrypt"] = "true")));
    expect(findings(result, "client.encrypt-assertions")).toMatchObject([
      { severity: "error", attributeKey: "saml.encrypt", field: { label: "Encrypt assertions", tab: "Keys" } },
    ]);
  });
});

describe("client.client-signature-required", () => {
  it("flags Keycloak's default for a new client, with the error users see", () => {
    const result = check(fixture("sentry-fresh.client.json"));
    const [finding] = findings(result, "client.client-signature-required");
    expect(finding).toMatchObject({ severity: "error", actual: "true", expected: "false", field: { label: "Client signature required", tab: "Keys" } });
    expect(finding?.message).toContain("Invalid requester");
    expect(finding?.message).toContain("SigAlg was null");
  });
});

describe("client.redirect-uris", () => {
  it("flags an empty list", () => {
    expect(findings(check(fixture("sentry-fresh.client.json")), "client.redirect-uris")).toMatchObject([{ severity: "error", actual: [] }]);
  });

  it("flags a URI that differs only in the trailing slash, and accepts a wildcard", () => {
    const noSlash = check(realmWith((client) => (client.redirectUris = ["https://sentry.example.com/saml/acs/acme"])));
    expect(findings(noSlash, "client.redirect-uris")[0]?.message).toContain("trailing slash");
    const wildcard = check(realmWith((client) => (client.redirectUris = ["https://sentry.example.com/*"])));
    expect(findings(wildcard, "client.redirect-uris")).toEqual([]);
  });
});

describe("client.acs-url", () => {
  it("warns when IdP-initiated login has no ACS URL, and accepts the Master SAML Processing URL", () => {
    const none = check(realmWith((client) => delete attributesOf(client).saml_assertion_consumer_url_post));
    expect(findings(none, "client.acs-url")).toMatchObject([
      { severity: "warning", attributeKey: "saml_assertion_consumer_url_post", actual: null, field: { tab: "Advanced" } },
    ]);
    const master = check(
      realmWith((client) => {
        delete attributesOf(client).saml_assertion_consumer_url_post;
        client.adminUrl = "https://sentry.example.com/saml/acs/acme/";
      }),
    );
    expect(findings(master, "client.acs-url")).toEqual([]);
  });
});

describe("client.logout-redirect-url", () => {
  it("warns about the logout URL given as POST binding URL, as the seed guide does", () => {
    const result = check(fixture("sentry-seed-guide.client.json"), sentryPreset({ identifier: "user_email" }));
    const [finding] = findings(result, "client.logout-redirect-url");
    expect(finding).toMatchObject({
      severity: "warning",
      attributeKey: "saml_single_logout_service_url_redirect",
      actual: { redirect: null, post: "https://sentry.example.com/saml/sls/acme/" },
      field: { label: "Logout Service Redirect Binding URL", tab: "Advanced" },
    });
    expect(finding?.message).toContain("sends the logout by POST");
  });

  it("warns when Force POST binding is on and the Master SAML Processing URL is set (Keycloak posts the logout there)", () => {
    const result = check(realmWith((client) => (client.adminUrl = "https://sentry.example.com/saml/acs/acme/")));
    const [finding] = findings(result, "client.logout-redirect-url");
    expect(finding).toMatchObject({ severity: "warning", attributeKey: "adminUrl", field: { label: "Master SAML Processing URL", tab: "Settings" } });
    expect(finding?.message).toContain("answers the SP's logout with a POST to that URL");
    expect(findings(check(realmWith((client) => {
      client.adminUrl = "https://sentry.example.com/saml/acs/acme/";
      attributesOf(client)["saml.force.post.binding"] = "false";
    })), "client.logout-redirect-url")).toEqual([]);
  });
});

describe("client.front-channel-logout", () => {
  it("warns when front channel logout is off", () => {
    const result = check(realmWith((client) => (client.frontchannelLogout = false)));
    expect(findings(result, "client.front-channel-logout")).toMatchObject([
      { severity: "warning", attributeKey: "frontchannelLogout", actual: false, field: { label: "Front channel logout" } },
    ]);
  });
});

describe("client.name-id-format", () => {
  it("suggests email or persistent, forced, for the default username format", () => {
    const result = check(fixture("sentry-fresh.client.json"));
    expect(findings(result, "client.name-id-format")).toMatchObject([
      { severity: "suggestion", attributeKey: "saml_name_id_format", actual: { format: "username", force: false } },
    ]);
  });

  it("asks only for Force when the format is already email", () => {
    const result = check(realmWith((client) => (attributesOf(client).saml_force_name_id_format = "false")));
    expect(findings(result, "client.name-id-format")).toMatchObject([{ attributeKey: "saml_force_name_id_format" }]);
  });
});

describe("mapper.email", () => {
  it("follows defaultClientScopes into the custom scope that holds the mapper", () => {
    expect(findings(check(cleanRealm()), "mapper.email")).toEqual([]);
  });

  it("flags the built-in X500 email mapper, whose Name is the OID, not user_email", () => {
    const realm = realmWith((client) => {
      client.defaultClientScopes = ["role_list", "saml_organization"];
      client.protocolMappers = [
        {
          id: "11111111-2222-4333-8444-555555555555",
          name: "X500 email",
          protocol: "saml",
          protocolMapper: "saml-user-property-mapper",
          consentRequired: false,
          config: {
            "attribute.nameformat": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
            "user.attribute": "email",
            "friendly.name": "email",
            "attribute.name": "urn:oid:1.2.840.113549.1.9.1",
          },
        },
        { name: "user_id", protocol: "saml", protocolMapper: "saml-user-property-mapper", config: { "user.attribute": "id", "attribute.name": "user_id" } },
      ];
    });
    const [finding] = findings(check(realm), "mapper.email");
    expect(finding).toMatchObject({ severity: "error", attributeKey: "attribute.name", expected: "user_email", field: { label: "SAML Attribute Name" } });
    expect(finding?.message).toContain("urn:oid:1.2.840.113549.1.9.1");
    expect(finding?.actual).toEqual(["urn:oid:1.2.840.113549.1.9.1", "user_id", "Role", "organization"]);
  });

  it("flags a mapper that has user_email only as Friendly Name", () => {
    const realm = realmWith((_client, r) => {
      const mappers = scopeOf(r, "sentry-attributes").protocolMappers as Json[];
      const config = mappers[0]?.config as Record<string, string>;
      config["friendly.name"] = "user_email";
      config["attribute.name"] = "email";
    });
    expect(findings(check(realm), "mapper.email")[0]?.message).toContain("looked up by Name, never by Friendly Name");
  });

  it("says it cannot tell, not missing, for a client export without mappers", () => {
    const [finding] = findings(check(fixture("sentry-fresh.client.json")), "mapper.email");
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toMatch(/^Cannot tell/);
    expect(finding?.actual).toBeNull();
  });

  it("reports it missing when every scope is known and none emits it", () => {
    const realm = realmWith((client) => (client.defaultClientScopes = ["role_list", "saml_organization"]));
    expect(findings(check(realm), "mapper.email")).toMatchObject([{ severity: "error", actual: ["Role", "organization"] }]);
  });
});

describe("mapper.identifier", () => {
  it("flags a missing identifier attribute the user named", () => {
    const realm = realmWith((_client, r) => {
      const scope = scopeOf(r, "sentry-attributes");
      scope.protocolMappers = (scope.protocolMappers as Json[]).slice(0, 1);
    });
    expect(findings(check(realm, sentryPreset({ identifier: "user_id" })), "mapper.identifier")).toMatchObject([
      { severity: "error", expected: "user_id" },
    ]);
  });

  it("only warns when the name is our guess and the e-mail attribute exists (the guides' setup)", () => {
    const realm = realmWith((_client, r) => {
      const scope = scopeOf(r, "sentry-attributes");
      scope.protocolMappers = (scope.protocolMappers as Json[]).slice(0, 1);
    });
    const [finding] = findings(check(realm), "mapper.identifier");
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toContain("--identifier-attribute");
  });

  it("does not name the CLI's options to the admin console's overlay", () => {
    const realm = realmWith((_client, r) => {
      const scope = scopeOf(r, "sentry-attributes");
      scope.protocolMappers = (scope.protocolMappers as Json[]).slice(0, 1);
    });
    const response = checkClientExport(JSON.stringify(realm), sentryPreset(), { audience: "browser" });
    if (!response.ok) throw new Error(response.error.message);
    const [finding] = findings(response.result, "mapper.identifier");
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toContain("that name is the one a mapper must emit");
    expect(finding?.message).not.toMatch(/--[a-z]/);
  });
});

describe("mapper.duplicate-attribute-name", () => {
  it("flags the default role_list scope without Single Role Attribute", () => {
    const [finding] = findings(check(fixture("realm-role-list-multi.realm.json")), "mapper.duplicate-attribute-name");
    expect(finding).toMatchObject({ severity: "error", attributeKey: "single", actual: "false", field: { label: "Single Role Attribute" } });
    expect(finding?.message).toContain("Found an Attribute element with duplicated Name");
  });

  it("accepts role_list with Single Role Attribute on (the clean baseline) and a client without role_list", () => {
    const realm = fixture("realm-role-list-multi.realm.json");
    sentryClientOf(realm).defaultClientScopes = ["saml_organization", "sentry-attributes"];
    expect(findings(check(realm), "mapper.duplicate-attribute-name")).toEqual([]);
  });

  it("says it cannot tell for a client export", () => {
    const [finding] = findings(check(fixture("sentry-working.client.json")), "mapper.duplicate-attribute-name");
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toMatch(/^Cannot tell/);
  });

  it("flags two mappers emitting the same Name", () => {
    const realm = realmWith((client) => {
      client.protocolMappers = [
        { name: "email again", protocol: "saml", protocolMapper: "saml-user-attribute-mapper", config: { "user.attribute": "email", "attribute.name": "user_email" } },
      ];
    });
    const [finding] = findings(check(realm), "mapper.duplicate-attribute-name");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain('2 mappers emit an attribute named "user_email"');
  });
});

describe("mapper.email-as-identifier", () => {
  it("suggests a stable identifier when IdP User ID is the e-mail", () => {
    const result = check(fixture("sentry-seed-guide.client.json"), sentryPreset({ identifier: "user_email" }));
    const [finding] = findings(result, "mapper.email-as-identifier");
    expect(finding?.severity).toBe("suggestion");
    expect(finding?.fix).toContain('"user_id"');
    expect(result.findings.filter((other) => other.severity === "error").map((other) => other.id)).toEqual(["client.redirect-uris"]);
  });
});
