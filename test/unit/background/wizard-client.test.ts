/** The wizard's first step as the background answers it: inline errors per field, then the client to import. */
import { describe, expect, it } from "vitest";
import { prepareWizardClient } from "../../../src/background/wizard-client.js";
import { checkClient } from "../../../src/core/client-check/check-client.js";
import { readKeycloakExport } from "../../../src/core/client-check/input.js";
import { sentrySaasPreset } from "../../../src/core/presets/sentry-saas.js";
import { sentrySelfHostedPreset } from "../../../src/core/presets/sentry-self-hosted.js";

const KEYCLOAK = { keycloakUrl: "https://id.example.com", realm: "acme" };

async function prepare(preset: Parameters<typeof prepareWizardClient>[0]["preset"]) {
  return prepareWizardClient({ preset, ...KEYCLOAK });
}

describe("wizard.prepare", () => {
  it("puts each input problem on its own field", async () => {
    const noScheme = await prepare({ kind: "sentry-self-hosted", urlPrefix: "sentry.example.com", orgSlug: "acme" });
    expect(noScheme.ok).toBe(false);
    expect(noScheme.errors).toEqual([{ field: "urlPrefix", message: expect.stringContaining("https://sentry.example.com") }]);
    expect(noScheme.clientJson).toBe("");

    const spaces = await prepare({ kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "Acme Corp" });
    expect(spaces.errors).toEqual([{ field: "orgSlug", message: expect.stringContaining("acme-corp") }]);

    const mismatch = await prepare({ kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com/organizations/other/", orgSlug: "acme" });
    expect(mismatch.errors.map((error) => error.field)).toEqual(["orgSlug"]);
  });

  it("corrects harmless slips, says so, and returns the normalized input", async () => {
    const response = await prepare({ kind: "sentry-self-hosted", urlPrefix: " https://Sentry.Example.com/ ", orgSlug: "Acme" });
    expect(response.ok).toBe(true);
    expect(response.preset).toEqual({ kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "acme" });
    expect(response.clientId).toBe("https://sentry.example.com/saml/metadata/acme/");
    expect(response.warnings.join(" ")).toMatch(/slash/);
    expect(response.warnings.join(" ")).toMatch(/lower-case/);
  });

  it("builds an importable client that passes check-client with the same preset", async () => {
    for (const [input, preset] of [
      [{ kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "acme" }, sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "acme" })],
      [{ kind: "sentry-saas", orgSlug: "acme" }, sentrySaasPreset({ orgSlug: "acme" })],
    ] as const) {
      const response = await prepare(input);
      if (!preset.ok) throw new Error(preset.error.message);
      const exported = readKeycloakExport(response.clientJson);
      if (!exported.ok) throw new Error(exported.error.message);
      expect(exported.input.client.clientId).toBe(response.clientId);
      expect(checkClient(exported.input, preset.preset).findings).toEqual([]);
    }
  });

  it("gives the values to type into Sentry for this Keycloak and realm", async () => {
    const response = await prepare({ kind: "sentry-saas", orgSlug: "acme" });
    expect(response.sentrySide).toMatchObject({
      metadataUrl: "https://id.example.com/realms/acme/protocol/saml/descriptor",
      entityId: "https://id.example.com/realms/acme",
      ssoUrl: "https://id.example.com/realms/acme/protocol/saml",
    });
    expect(response.sentrySide?.attributeMapping.map((row) => row.sentryField)).toEqual(["IdP User ID", "User Email"]);
  });
});
