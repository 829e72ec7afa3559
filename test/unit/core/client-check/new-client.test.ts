import { describe, expect, it } from "vitest";
import { checkClient } from "../../../../src/core/client-check/check-client.js";
import { readKeycloakExport } from "../../../../src/core/client-check/input.js";
import { newClientForPreset } from "../../../../src/core/client-check/new-client.js";
import type { Preset } from "../../../../src/core/presets/schema.js";
import { sentryPreset } from "./support.js";

function recheck(client: Record<string, unknown>, preset: Preset) {
  const input = readKeycloakExport(JSON.stringify(client));
  if (!input.ok) throw new Error(input.error.message);
  return checkClient(input.input, preset);
}

describe("new client from a preset", () => {
  it("passes the checker with no finding at all", () => {
    const preset = sentryPreset();
    const client = newClientForPreset(preset);
    expect(recheck(client, preset).findings).toEqual([]);
    expect(client).toMatchObject({
      clientId: "https://sentry.example.com/saml/metadata/acme/",
      redirectUris: ["https://sentry.example.com/saml/acs/acme/"],
      defaultClientScopes: [],
      attributes: { "saml.client.signature": "false", "saml.encrypt": "false", saml_idp_initiated_sso_url_name: "acme" },
    });
  });

  it("has no security finding but those Sentry forbids fixing, each accepted with its reason", () => {
    const preset = sentryPreset();
    const result = recheck(newClientForPreset(preset), preset);
    expect(result.securityFindings.map((finding) => [finding.id, finding.severity])).toEqual([
      ["security.client-signature", "info"],
      ["security.encryption", "info"],
      ["security.one-time-use", "info"],
      ["security.idp-initiated", "info"],
    ]);
    for (const finding of result.securityFindings) expect(finding.accepted, finding.id).toMatch(/.{40,}/);
    expect(result.securityOutcomes.flatMap((outcome) => outcome.patch)).toEqual([]);
  });

  it("emits one mapper when IdP User ID and User Email share a name, and then only suggests a stable id", () => {
    const preset = sentryPreset({ identifier: "user_email" });
    const client = newClientForPreset(preset);
    expect((client.protocolMappers as unknown[]).length).toBe(1);
    expect(recheck(client, preset).findings.map((finding) => finding.id)).toEqual(["mapper.email-as-identifier"]);
  });
});
