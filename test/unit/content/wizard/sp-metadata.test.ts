/**
 * Step 1 from Sentry's SP metadata: the XML python3-saml generates for Sentry (fixtures from
 * test/fixtures/keycloak/sentry-sp-metadata/generate.py) or its URL give the same client as Sentry's URL and slug.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareWizardClient } from "../../../../src/background/wizard-client.js";

const fixtures = resolve(import.meta.dirname, "../../../fixtures/keycloak/sentry-sp-metadata");
const metadata = (name: string) => readFileSync(join(fixtures, name), "utf8");
const KEYCLOAK = { keycloakUrl: "https://id.example.com", realm: "acme" };
/** What the form would send besides the metadata; the metadata wins. */
const UNRELATED = { kind: "sentry-self-hosted", urlPrefix: "https://other.example.com", orgSlug: "other" } as const;

const fromMetadata = (spMetadata: string) => prepareWizardClient({ preset: UNRELATED, spMetadata, ...KEYCLOAK });

describe("wizard.prepare with Sentry's SP metadata", () => {
  it("builds the same client from the metadata XML as from Sentry's URL and slug", async () => {
    for (const [file, preset] of [
      ["self-hosted-subpath-port.xml", { kind: "sentry-self-hosted", urlPrefix: "https://tools.example.org:8443/sentry", orgSlug: "platform-team" }],
      ["saas-acme.xml", { kind: "sentry-saas", orgSlug: "acme" }],
    ] as const) {
      const response = await fromMetadata(metadata(file));
      expect(response.errors).toEqual([]);
      expect(response.preset).toEqual(preset);
      const byHand = await prepareWizardClient({ preset, ...KEYCLOAK });
      expect(response.clientJson).toBe(byHand.clientJson);
      expect(response.clientId).toBe(byHand.clientId);
    }
  });

  it("takes the metadata URL, which is Sentry's entity ID, without fetching it", async () => {
    const response = await fromMetadata("  https://sentry.example.com/saml/metadata/acme/ ");
    expect(response.preset).toEqual({ kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "acme" });
    expect(response.clientId).toBe("https://sentry.example.com/saml/metadata/acme/");
    expect((await fromMetadata("https://sentry.io/saml/metadata/acme/")).preset).toEqual({ kind: "sentry-saas", orgSlug: "acme" });
  });

  it("puts every problem on the metadata field", async () => {
    const cases: Array<[string, RegExp]> = [
      ["", /Paste/],
      ["https://sentry.example.com/organizations/acme/", /not Sentry's SP metadata URL/],
      ["sentry.example.com/saml/metadata/acme/", /https:\/\//],
      [metadata("generic-signed-sp.xml"), /https:\/\/sp\.example\.org\/metadata.*not a Sentry organization/],
      ["<md:EntityDescriptor", /not readable XML/],
    ];
    for (const [input, message] of cases) {
      const response = await fromMetadata(input);
      expect(response.ok, input).toBe(false);
      expect(response.errors.map((error) => error.field)).toEqual(["spMetadata"]);
      expect(response.errors[0]?.message).toMatch(message);
      expect(response.clientJson).toBe("");
    }
  });

  it("refuses Keycloak's own IdP descriptor with a hint at what to paste", async () => {
    const idp = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://id.example.com/realms/acme"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>`;
    const response = await fromMetadata(idp);
    expect(response.errors[0]).toMatchObject({ field: "spMetadata", message: expect.stringContaining("identity provider metadata") });
  });
});
