/**
 * What the user reads in the redirect and endpoint security findings (overlay card, CLI, wizard): the expected and
 * actual values, the message naming the URL and what it lets an attacker do, the fix naming the exact value to set,
 * the source, and the patch "Fix" applies. Boundaries: `*` alone vs a prefix vs a wildcard in the host; plain http to
 * this machine vs another host. Each test starts from the secure baseline (support.ts secureRealm) and changes one thing.
 */
import { describe, expect, it } from "vitest";
import type { Preset } from "../../../../src/core/presets/schema.js";
import { sentrySelfHostedPreset } from "../../../../src/core/presets/sentry-self-hosted.js";
import { attributesOf, check, secureRealm, securityOutcome, sentryPreset, type Json } from "./support.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const REDIRECT_URIS = "Settings › Access settings › Valid redirect URIs";
const FINE_GRAIN = "Advanced › Fine Grain SAML Endpoint Configuration";
const KEYCLOAK_DOCS = "Keycloak Server Administration Guide, Threat model mitigation › Unspecific redirect URIs, https://www.keycloak.org/docs/latest/server_admin/";
const OWASP = "OWASP SAML Security Cheat Sheet, https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html";

function withRedirectUris(...uris: string[]) {
  return check(secureRealm((client) => (client.redirectUris = uris)));
}

function withAttributes(attributes: Record<string, string>, preset: Preset = sentryPreset()) {
  return check(secureRealm((client: Json) => Object.assign(attributesOf(client), attributes)), preset);
}

function httpSentry(): Preset {
  const preset = sentrySelfHostedPreset({ urlPrefix: "http://sentry.example.com", orgSlug: "acme" });
  if (!preset.ok) throw new Error(preset.error.message);
  return preset.preset;
}

describe("security.redirect-wildcard: what the user reads", () => {
  it("a lone * beside a prefix: an error naming both, the assertion going to any URL, the fix the exact ACS URL", () => {
    const { finding, patch } = securityOutcome(withRedirectUris("*", "https://sentry.example.com/*"), "security.redirect-wildcard");
    expect(finding).toMatchObject({ severity: "error", expected: [ACS], actual: ["*", "https://sentry.example.com/*"], source: KEYCLOAK_DOCS });
    expect(finding.message).toContain('Valid redirect URIs holds "*", "https://sentry.example.com/*". Sentry does not sign its AuthnRequests');
    expect(finding.message).toContain("anyone can send Keycloak one with Sentry's Client ID and an AssertionConsumerServiceURL of their choosing");
    expect(finding.message).toContain("Keycloak posts the user's signed assertion to any URL it names, and whoever receives it logs in to Sentry as that user");
    expect(finding.fix).toBe(`Set ${REDIRECT_URIS} to exactly "${ACS}" (Sentry's ACS URL, trailing slash included) and remove the wildcard entries.`);
    expect(patch).toEqual([{ op: "add", path: "/redirectUris", value: [ACS] }]);
  });

  it("a prefix: a warning that the assertion goes anywhere under it instead of only to Sentry's ACS", () => {
    const { finding } = securityOutcome(withRedirectUris("https://sentry.example.com/*"), "security.redirect-wildcard");
    expect(finding.severity).toBe("warning");
    expect(finding.message).toContain("posts the user's signed assertion to any URL under that prefix (another path on the same host, an open redirect there)");
    expect(finding.message).toContain("instead of only to Sentry's ACS");
    expect(finding.message).not.toContain("any URL it names");
  });

  it("any URL only for *, http://* and https://*: not for a wildcard host label or a URL that merely ends in https://*", () => {
    const severity = (uri: string) => securityOutcome(withRedirectUris(uri), "security.redirect-wildcard").finding.severity;
    expect(["*", "http://*", "https://*", "HTTPS://*"].map(severity)).toEqual(["error", "error", "error", "error"]);
    expect(["https://*.example.com/", "https://sentry.example.com/login?next=https://*", "/*"].map(severity)).toEqual(["warning", "warning", "warning"]);
  });
});

describe("security.redirect-wildcard-host: what the user reads", () => {
  it("names the first such URI, the host it also matches, the server that then logs in as the user, and the exact fix", () => {
    const result = withRedirectUris(ACS, "https://sentry.example.com*", "https://sentry.example.org*");
    const { finding, patch } = securityOutcome(result, "security.redirect-wildcard-host");
    expect(finding).toMatchObject({ severity: "error", expected: [ACS], actual: [ACS, "https://sentry.example.com*", "https://sentry.example.org*"], source: KEYCLOAK_DOCS });
    expect(finding.message).toContain('Valid redirect URI "https://sentry.example.com*" has its wildcard in the host name: Keycloak matches by prefix, so');
    expect(finding.message).toContain('"https://sentry.example.com.attacker.example/" matches too');
    expect(finding.message).toContain("makes Keycloak post the user's signed assertion to that other server, which can then log in to Sentry as the user.");
    expect(finding.fix).toBe(`Set ${REDIRECT_URIS} to exactly "${ACS}" (Sentry's ACS URL) and remove "https://sentry.example.com*".`);
    expect(patch).toEqual([{ op: "add", path: "/redirectUris", value: [ACS] }]);
  });
});

describe("security.endpoint-wildcard: what the user reads", () => {
  it("an ACS URL with *: the literal URL Keycloak posts to, and the exact URL to set", () => {
    const result = withAttributes({ saml_assertion_consumer_url_post: "https://sentry.example.com/*" });
    const { finding, patch } = securityOutcome(result, "security.endpoint-wildcard");
    const place = `${FINE_GRAIN} › Assertion Consumer Service POST Binding URL`;
    expect(finding).toMatchObject({ severity: "warning", expected: ACS, actual: "https://sentry.example.com/*", source: KEYCLOAK_DOCS });
    expect(finding.message).toContain(`${place} is "https://sentry.example.com/*". Keycloak does not expand a wildcard here: it posts the SAML message to this literal URL`);
    expect(finding.message).toContain("which is not Sentry's endpoint. Give the exact URL so that the signed assertion only ever goes to Sentry.");
    expect(finding.fix).toBe(`Set ${place} to exactly "${ACS}".`);
    expect(patch).toEqual([{ op: "add", path: "/attributes/saml_assertion_consumer_url_post", value: ACS }]);
  });

  it("a logout URL Sentry does not use: cleared", () => {
    const { finding, patch } = securityOutcome(withAttributes({ saml_single_logout_service_url_soap: "https://sentry.example.com/*" }), "security.endpoint-wildcard");
    expect(finding.expected).toBe("");
    expect(finding.fix).toBe(`Clear ${FINE_GRAIN} › Logout Service SOAP Binding URL.`);
    expect(patch).toEqual([{ op: "add", path: "/attributes/saml_single_logout_service_url_soap", value: "" }]);
  });
});

describe("security.http-url: what the user reads", () => {
  it("Valid redirect URIs: names every http URI to another host, not those to this machine, and fixes to the exact ACS URL", () => {
    const local = ["http://localhost:9000/acs", "http://127.0.0.1/acs", "http://[::1]:9000/acs"];
    const uris = [ACS, "http://sentry.example.com/saml/acs/acme/", ...local, "http://example.com/acs"];
    const { finding, patch } = securityOutcome(withRedirectUris(...uris), "security.http-url");
    expect(finding).toMatchObject({ severity: "warning", expected: [ACS], actual: uris, source: OWASP });
    expect(finding.message).toContain('Valid redirect URIs allows plain http to another host ("http://sentry.example.com/saml/acs/acme/", "http://example.com/acs"): Keycloak would post the');
    expect(finding.message).toContain("user's signed assertion there unencrypted, and anyone on the path can replay it to Sentry until it expires.");
    expect(finding.fix).toBe(`Set ${REDIRECT_URIS} to exactly "${ACS}".`);
    expect(patch).toEqual([{ op: "add", path: "/redirectUris", value: [ACS, ...local] }]);
  });

  it("http only to this machine: no finding", () => {
    expect(withRedirectUris(ACS, "http://localhost/acs", "http://127.0.0.1/acs", "http://[::1]/acs").securityFindings.map((finding) => finding.id)).not.toContain("security.http-url");
  });

  it("an http ACS URL: says it travels unencrypted and sets the https one", () => {
    const { finding, patch } = securityOutcome(withAttributes({ saml_assertion_consumer_url_post: "http://sentry.example.com/saml/acs/acme/" }), "security.http-url");
    const place = `${FINE_GRAIN} › Assertion Consumer Service POST Binding URL`;
    expect(finding).toMatchObject({ severity: "warning", expected: ACS, actual: "http://sentry.example.com/saml/acs/acme/", source: OWASP });
    expect(finding.message).toBe(`${place} is "http://sentry.example.com/saml/acs/acme/", plain http to another host: the SAML message Keycloak posts there travels unencrypted.`);
    expect(finding.fix).toBe(`Set ${place} to "${ACS}".`);
    expect(patch).toEqual([{ op: "add", path: "/attributes/saml_assertion_consumer_url_post", value: ACS }]);
  });

  it("an http logout URL Sentry does not use: cleared", () => {
    const { finding, patch } = securityOutcome(withAttributes({ saml_single_logout_service_url_soap: "http://sentry.example.com/soap" }), "security.http-url");
    expect(finding.fix).toBe(`Clear ${FINE_GRAIN} › Logout Service SOAP Binding URL.`);
    expect(patch).toEqual([{ op: "add", path: "/attributes/saml_single_logout_service_url_soap", value: "" }]);
  });

  it("when Sentry itself is served over http: no URL to set, the fix is to serve Sentry over TLS, and no patch", () => {
    const httpAcs = "http://sentry.example.com/saml/acs/acme/";
    const result = check(
      secureRealm((client) => {
        client.redirectUris = [httpAcs];
        attributesOf(client)["saml_assertion_consumer_url_post"] = httpAcs;
      }),
      httpSentry(),
    );
    const outcomes = result.securityOutcomes.filter((outcome) => outcome.finding.id === "security.http-url");
    expect(outcomes.map((outcome) => [outcome.finding.attributeKey, outcome.finding.expected, outcome.patch])).toEqual([
      ["redirectUris", [httpAcs], []],
      ["saml_assertion_consumer_url_post", httpAcs, []],
    ]);
    for (const { finding } of outcomes) {
      expect(finding.fix).toBe(
        "Sentry's own URL prefix is http://, so every assertion crosses the network readable and replayable: serve Sentry over TLS and set system.url-prefix to its https:// URL (self-hosted: config.yml), then re-run this check.",
      );
    }
  });
});
