/**
 * The security findings, one block per id, each on a realistic Keycloak export: the "secure baseline" (support.ts
 * secureRealm) has only the findings Sentry forbids fixing, each accepted; every other finding below comes from the one
 * change the test makes. Security findings never change the fit findings.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { actionableSecurityFindings, checkClientExport, type ClientCheckResult } from "../../../../src/core/client-check/check-client.js";
import type { FindingId } from "../../../../src/core/client-check/finding.js";
import { SECURITY_FINDING_IDS } from "../../../../src/core/client-check/security-ids.js";
import { readRealmKeys, type RealmKeys } from "../../../../src/core/client-check/realm-keys.js";
import { sentrySelfHostedPreset } from "../../../../src/core/presets/sentry-self-hosted.js";
import { FIXTURES, attributesOf, secureRealm, sentryPreset, type Json } from "./support.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const ACCEPTED = ["security.client-signature", "security.encryption", "security.one-time-use"];

const seen = new Set<string>();
function check(document: Json, options: { realmKeys?: RealmKeys; now?: Date } = {}): ClientCheckResult {
  const response = checkClientExport(JSON.stringify(document), sentryPreset(), options);
  if (!response.ok) throw new Error(response.error.message);
  for (const finding of response.result.securityFindings) seen.add(finding.id);
  return response.result;
}

afterAll(() => {
  expect(SECURITY_FINDING_IDS.filter((id) => !seen.has(id))).toEqual([]);
});

function security(result: ClientCheckResult, id: FindingId) {
  return result.securityFindings.filter((finding) => finding.id === id);
}

function fitIds(result: ClientCheckResult): string[] {
  return result.findings.map((finding) => finding.id);
}

describe("secure baseline", () => {
  it("has only the findings Sentry forbids fixing, each accepted with its compensating control, and no fit finding", () => {
    const result = check(secureRealm());
    expect(result.findings).toEqual([]);
    expect(result.securityFindings.map((finding) => [finding.id, finding.severity, finding.kind])).toEqual(
      ACCEPTED.map((id) => [id, "info", "security"]),
    );
    expect(result.securityFindings.every((finding) => finding.accepted !== undefined)).toBe(true);
    expect(security(result, "security.client-signature")[0]?.accepted).toContain("compensated by exact Valid redirect URIs");
    expect(actionableSecurityFindings(result.securityFindings)).toEqual([]);
  });
});

describe("security.redirect-wildcard", () => {
  it("flags a prefix wildcard (the published configurations), without a fit finding, and the fix is exactly Sentry's ACS URL", () => {
    const result = check(secureRealm((client) => (client.redirectUris = ["https://sentry.example.com/*"])));
    expect(fitIds(result)).toEqual([]);
    const [finding] = security(result, "security.redirect-wildcard");
    expect(finding).toMatchObject({ severity: "warning", kind: "security", expected: [ACS], actual: ["https://sentry.example.com/*"] });
    expect(finding?.accepted).toBeUndefined();
    expect(result.securityOutcomes.find((outcome) => outcome.finding.id === "security.redirect-wildcard")?.patch).toEqual([
      { op: "add", path: "/redirectUris", value: [ACS] },
    ]);
    // Client signature Off is no longer compensated: it becomes a warning that names the missing control.
    expect(security(result, "security.client-signature")[0]).toMatchObject({ severity: "warning" });
    expect(security(result, "security.client-signature")[0]?.accepted).toBeUndefined();
  });

  it("calls the seed guide's lone * an error: the assertion goes to any URL", () => {
    const result = check(secureRealm((client) => (client.redirectUris = ["*"])));
    expect(security(result, "security.redirect-wildcard")).toMatchObject([{ severity: "error" }]);
    expect(security(result, "security.redirect-wildcard")[0]?.message).toContain("any URL");
  });

  it("treats a relative /* as a prefix on one host (a warning), not as any URL", () => {
    expect(security(check(secureRealm((client) => (client.redirectUris = ["/*"]))), "security.redirect-wildcard")).toMatchObject([{ severity: "warning" }]);
    expect(security(check(secureRealm((client) => (client.redirectUris = ["https://*"]))), "security.redirect-wildcard")).toMatchObject([{ severity: "error" }]);
  });

  it("is silent for the exact ACS URL", () => {
    expect(security(check(secureRealm((client) => (client.redirectUris = [ACS]))), "security.redirect-wildcard")).toEqual([]);
  });
});

describe("security.redirect-wildcard-host", () => {
  it("flags a wildcard in the host name as an error, and not also as a plain wildcard", () => {
    const result = check(secureRealm((client) => (client.redirectUris = ["https://sentry.example.com*"])));
    expect(security(result, "security.redirect-wildcard-host")).toMatchObject([{ severity: "error", expected: [ACS] }]);
    expect(security(result, "security.redirect-wildcard-host")[0]?.message).toContain("https://sentry.example.com.attacker.example/");
    expect(security(result, "security.redirect-wildcard")).toEqual([]);
  });

  it("is silent for a wildcard after the path", () => {
    expect(security(check(secureRealm((client) => (client.redirectUris = ["https://sentry.example.com/*"]))), "security.redirect-wildcard-host")).toEqual([]);
  });
});

describe("security.endpoint-wildcard", () => {
  it("flags a * in the ACS and logout URL settings, fixing each to Sentry's endpoint", () => {
    const result = check(
      secureRealm((client) => {
        attributesOf(client)["saml_assertion_consumer_url_post"] = "https://sentry.example.com/*";
        attributesOf(client)["saml_single_logout_service_url_redirect"] = "https://sentry.example.com/saml/*";
      }),
    );
    expect(security(result, "security.endpoint-wildcard").map((finding) => [finding.attributeKey, finding.expected])).toEqual([
      ["saml_assertion_consumer_url_post", ACS],
      ["saml_single_logout_service_url_redirect", "https://sentry.example.com/saml/sls/acme/"],
    ]);
  });

  it("is silent for exact URLs", () => {
    expect(security(check(secureRealm()), "security.endpoint-wildcard")).toEqual([]);
  });
});

describe("security.http-url", () => {
  it("flags plain http to another host in Valid redirect URIs and in the ACS URL", () => {
    const result = check(
      secureRealm((client) => {
        client.redirectUris = [ACS, "http://sentry.example.com/saml/acs/acme/"];
        attributesOf(client)["saml_assertion_consumer_url_post"] = "http://sentry.example.com/saml/acs/acme/";
      }),
    );
    expect(security(result, "security.http-url").map((finding) => finding.attributeKey)).toEqual(["redirectUris", "saml_assertion_consumer_url_post"]);
  });

  it("accepts http to localhost", () => {
    expect(security(check(secureRealm((client) => (client.redirectUris = [ACS, "http://localhost:9000/saml/acs/acme/"]))), "security.http-url")).toEqual([]);
  });

  it("says to move Sentry to https when Sentry's own URL is http, with no patch", () => {
    const preset = sentrySelfHostedPreset({ urlPrefix: "http://sentry.example.com", orgSlug: "acme" });
    if (!preset.ok) throw new Error(preset.error.message);
    const realm = secureRealm((client) => (client.redirectUris = ["http://sentry.example.com/saml/acs/acme/"]));
    const response = checkClientExport(JSON.stringify(realm), preset.preset);
    if (!response.ok) throw new Error(response.error.message);
    const outcome = response.result.securityOutcomes.find((candidate) => candidate.finding.id === "security.http-url");
    expect(outcome?.finding.fix).toContain("system.url-prefix");
    expect(outcome?.patch).toEqual([]);
    // Without TLS, encryption Off is no longer compensated either.
    expect(response.result.securityFindings.find((finding) => finding.id === "security.encryption")).toMatchObject({ severity: "warning" });
  });
});

describe("security.weak-signature-algorithm", () => {
  it("flags RSA_SHA1 as security beside the fit warning", () => {
    const result = check(secureRealm((client) => (attributesOf(client)["saml.signature.algorithm"] = "RSA_SHA1")));
    expect(fitIds(result)).toEqual(["client.signature-algorithm"]);
    expect(security(result, "security.weak-signature-algorithm")).toMatchObject([{ severity: "warning", actual: "RSA_SHA1", expected: "RSA_SHA256" }]);
  });

  it("is silent for RSA_SHA256 and RSA_SHA512", () => {
    for (const algorithm of ["RSA_SHA256", "RSA_SHA512"]) {
      expect(security(check(secureRealm((client) => (attributesOf(client)["saml.signature.algorithm"] = algorithm))), "security.weak-signature-algorithm")).toEqual([]);
    }
  });
});

describe("security.unsigned and security.assertion-not-signed", () => {
  it("calls both switches Off an error, and only that", () => {
    const result = check(
      secureRealm((client) => {
        attributesOf(client)["saml.server.signature"] = "false";
        attributesOf(client)["saml.assertion.signature"] = "false";
      }),
    );
    expect(security(result, "security.unsigned")).toMatchObject([{ severity: "error" }]);
    expect(security(result, "security.assertion-not-signed")).toEqual([]);
  });

  it("suggests signing the assertion when only the document is signed", () => {
    const result = check(secureRealm((client) => (attributesOf(client)["saml.assertion.signature"] = "false")));
    expect(security(result, "security.assertion-not-signed")).toMatchObject([{ severity: "suggestion", attributeKey: "saml.assertion.signature" }]);
    expect(security(result, "security.unsigned")).toEqual([]);
  });
});

describe("security.client-signature and security.encryption", () => {
  it("are accepted notes naming the compensating control, never asking to turn on what Sentry cannot do", () => {
    const result = check(secureRealm());
    for (const id of ["security.client-signature", "security.encryption"] as const) {
      const [finding] = security(result, id);
      expect(finding?.severity).toBe("info");
      expect(finding?.expected).toBe("false");
      expect(finding?.fix).toContain("Nothing to do");
    }
    expect(security(result, "security.encryption")[0]?.accepted).toContain("https:// ACS URL");
  });

  it("are silent when the switches are On (the fit checks report those)", () => {
    const result = check(
      secureRealm((client) => {
        attributesOf(client)["saml.client.signature"] = "true";
        attributesOf(client)["saml.encrypt"] = "true";
      }),
    );
    expect(security(result, "security.client-signature")).toEqual([]);
    expect(security(result, "security.encryption")).toEqual([]);
    expect(fitIds(result)).toEqual(expect.arrayContaining(["client.client-signature-required", "client.encrypt-assertions"]));
  });
});

describe("security.one-time-use", () => {
  it("is an accepted note while the condition is Off, silent when On", () => {
    expect(security(check(secureRealm()), "security.one-time-use")[0]?.accepted).toContain("does not enforce");
    expect(security(check(secureRealm((client) => (attributesOf(client)["saml.onetimeuse.condition"] = "true"))), "security.one-time-use")).toEqual([]);
  });
});

describe("security.full-scope-roles", () => {
  it("flags Full scope allowed with the role list in the client's scopes, and fixes it Off", () => {
    const result = check(secureRealm((client) => (client.fullScopeAllowed = true)));
    expect(security(result, "security.full-scope-roles")).toMatchObject([{ severity: "warning", attributeKey: "fullScopeAllowed", actual: true }]);
    expect(result.securityOutcomes.find((outcome) => outcome.finding.id === "security.full-scope-roles")?.patch).toEqual([
      { op: "add", path: "/fullScopeAllowed", value: false },
    ]);
  });

  it("is silent with full scope but no role mapper (the setup removes role_list)", () => {
    const result = check(
      secureRealm((client) => {
        client.fullScopeAllowed = true;
        client.defaultClientScopes = (client.defaultClientScopes as string[]).filter((scope) => scope !== "role_list");
      }),
    );
    expect(security(result, "security.full-scope-roles")).toEqual([]);
  });
});

describe("security.idp-initiated", () => {
  it("says what an IdP-initiated SSO URL name enables, as an accepted note", () => {
    const [finding] = security(check(secureRealm((client) => (attributesOf(client)["saml_idp_initiated_sso_url_name"] = "acme"))), "security.idp-initiated");
    expect(finding).toMatchObject({ severity: "info", actual: "acme" });
    expect(finding?.message).toContain("any web page can send a user who has a Keycloak session to …/protocol/saml/clients/acme");
    expect(finding?.accepted).toContain("checks no InResponseTo");
  });

  it("is silent when the name is empty", () => {
    expect(security(check(secureRealm()), "security.idp-initiated")).toEqual([]);
  });
});

describe("realm keys", () => {
  const keys = readRealmKeys(readFileSync(join(FIXTURES, "realm-keys.json"), "utf8"));
  if (!keys.ok) throw new Error(keys.message);

  it("flags the active RSA signing key under 2048 bits, not the 2048-bit ones nor HMAC or encryption keys", () => {
    const result = check(secureRealm(), { realmKeys: keys.keys, now: new Date("2019-12-15T00:00:00Z") });
    expect(security(result, "security.realm-key-size").map((finding) => finding.actual)).toEqual(["weak-1024: 1024 bits"]);
    expect(security(result, "security.realm-key-size")[0]?.field).toEqual({ label: "Keys list", tab: "Realm settings", section: "Keys" });
  });

  it("flags a signing certificate that expires within 30 days, and one that has expired", () => {
    const soon = check(secureRealm(), { realmKeys: keys.keys, now: new Date("2019-12-15T00:00:00Z") });
    expect(security(soon, "security.realm-certificate-expiry").map((finding) => finding.actual)).toEqual(["expiring-2020: expires on 2020-01-01 (in 17 days)"]);
    const later = check(secureRealm(), { realmKeys: keys.keys, now: new Date("2021-01-01T00:00:00Z") });
    expect(security(later, "security.realm-certificate-expiry").map((finding) => finding.actual)).toEqual(["expiring-2020: expired on 2020-01-01"]);
    const earlier = check(secureRealm(), { realmKeys: keys.keys, now: new Date("2019-11-01T00:00:00Z") });
    expect(security(earlier, "security.realm-certificate-expiry")).toEqual([]);
  });

  it("runs neither check without the realm's keys", () => {
    const result = check(secureRealm());
    expect(security(result, "security.realm-key-size")).toEqual([]);
    expect(security(result, "security.realm-certificate-expiry")).toEqual([]);
  });

  it("refuses a file that is not the keys endpoint's shape, saying so", () => {
    expect(readRealmKeys("[]")).toMatchObject({ ok: false, message: expect.stringContaining("GET /admin/realms/{realm}/keys") });
    expect(readRealmKeys("{nope")).toMatchObject({ ok: false, message: expect.stringContaining("not JSON") });
  });
});
