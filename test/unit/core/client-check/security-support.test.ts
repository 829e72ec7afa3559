/**
 * The rules the security checks share (security-support.ts), through what a user sees: which URLs count as plain
 * http to another host or as a wildcard in the host, where the endpoint-wildcard fix points each endpoint setting for
 * SPs with either logout binding or none, and the one redirect-URI patch.
 */
import { describe, expect, it } from "vitest";
import { checkClientExport, type ClientCheckResult } from "../../../../src/core/client-check/check-client.js";
import { ENDPOINT_SETTINGS, hasWildcardInHost, isPlainHttpNonLocal } from "../../../../src/core/client-check/security-support.js";
import { CLIENT_SETTINGS } from "../../../../src/core/keycloak/attributes.js";
import { BINDING } from "../../../../src/core/presets/saml-constants.js";
import type { Preset } from "../../../../src/core/presets/schema.js";
import { sentrySelfHostedPreset } from "../../../../src/core/presets/sentry-self-hosted.js";
import { attributesOf, fixture, sentryClientOf, sentryPreset, sentryPresetWithLogout, type Json } from "./support.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const SLS = "https://sentry.example.com/saml/sls/acme/";

function check(change: (client: Json) => void, preset: Preset = sentryPreset()): ClientCheckResult {
  const realm = fixture("realm-role-list-single.realm.json");
  change(sentryClientOf(realm));
  const response = checkClientExport(JSON.stringify(realm), preset);
  if (!response.ok) throw new Error(response.error.message);
  return response.result;
}

describe("which URLs the security checks object to", () => {
  it("plain http only to another host: not this machine, in any case, whatever surrounds it", () => {
    const flagged = ["http://sentry.example.com/saml/acs/acme/", " http://sentry.example.com/", "HTTP://Sentry.Example.com/", "http://[2001:db8::1]/acs"];
    const local = [
      "http://localhost:9000/acs",
      "http://LOCALHOST/acs",
      "http://127.0.0.1:8080/acs",
      "http://[::1]:9000/acs",
      "http://sentry.localhost/acs",
      "https://sentry.example.com/callback?next=http://other.example/",
      ACS,
    ];
    expect(flagged.filter((uri) => !isPlainHttpNonLocal(uri))).toEqual([]);
    expect(local.filter(isPlainHttpNonLocal)).toEqual([]);
  });

  it("a wildcard in the host, for http as for https, but not in the path, a lone host wildcard, or another scheme", () => {
    expect(["https://sentry.example.com*", "http://sentry.example.com*", "HTTPS://sentry.*"].filter((uri) => !hasWildcardInHost(uri))).toEqual([]);
    expect(["https://sentry.example.com", "https://sentry.example.com/*", "https://sentry.*/saml", "https://*", "*", "app+https://sentry.example.com*"].filter(hasWildcardInHost)).toEqual([]);
  });
});

describe("where the endpoint-wildcard fix points each setting", () => {
  function targets(preset?: Preset): Record<string, unknown> {
    const result = check((client) => {
      for (const setting of ENDPOINT_SETTINGS) {
        const entry = CLIENT_SETTINGS[setting];
        if (entry.where === "attribute") attributesOf(client)[entry.key] = "https://sentry.example.com/*";
        else client[entry.key] = "https://sentry.example.com/*";
      }
    }, preset);
    const found = result.securityFindings.filter((finding) => finding.id === "security.endpoint-wildcard");
    return Object.fromEntries(found.map((finding) => [finding.attributeKey, finding.expected]));
  }

  it("ACS URLs to Sentry's ACS, the logout URL of the binding the SP reads to its SLS, every other one cleared", () => {
    expect(targets()).toEqual({
      adminUrl: ACS,
      saml_assertion_consumer_url_post: ACS,
      saml_assertion_consumer_url_redirect: "",
      saml_single_logout_service_url_post: "",
      saml_single_logout_service_url_redirect: SLS,
      saml_single_logout_service_url_soap: "",
      saml_single_logout_service_url_artifact: "",
    });
  });

  it("the POST logout URL for an SP that logs out by POST, and no logout URL for one without logout", () => {
    expect(targets(sentryPresetWithLogout([{ url: SLS, binding: BINDING.post }]))).toMatchObject({
      saml_single_logout_service_url_post: SLS,
      saml_single_logout_service_url_redirect: "",
    });
    expect(targets(sentryPresetWithLogout([]))).toMatchObject({
      saml_single_logout_service_url_post: "",
      saml_single_logout_service_url_redirect: "",
    });
  });
});

describe("the redirect URI patch", () => {
  it("keeps the exact URIs, drops the unsafe ones and adds Sentry's ACS", () => {
    const result = check((client) => (client.redirectUris = ["https://other.example/saml/acs", "*", "http://sentry.example.com/saml/acs/acme/"]));
    const outcome = result.securityOutcomes.find((candidate) => candidate.finding.id === "security.redirect-wildcard");
    expect(outcome?.patch).toEqual([{ op: "add", path: "/redirectUris", value: ["https://other.example/saml/acs", ACS] }]);
  });

  it("offers none when Sentry's own ACS is plain http (it would be dropped again)", () => {
    const preset = sentrySelfHostedPreset({ urlPrefix: "http://sentry.example.com", orgSlug: "acme" });
    if (!preset.ok) throw new Error(preset.error.message);
    const result = check((client) => (client.redirectUris = ["*"]), preset.preset);
    const outcome = result.securityOutcomes.find((candidate) => candidate.finding.id === "security.redirect-wildcard");
    expect(outcome?.finding.severity).toBe("error");
    expect(outcome?.patch).toEqual([]);
  });
});
