/**
 * The client checks against an SP that is not Sentry, from its own metadata (test/fixtures/keycloak/sentry-sp-metadata
 * generic-signed-sp.xml): it signs its AuthnRequests and wants signed assertions, so the checks ask for the opposite
 * of Sentry's settings. The new client built for that preset is the starting point; each test changes one switch.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkClient } from "../../../../src/core/client-check/check-client.js";
import { applyJsonPatch } from "../../../../src/core/client-check/json-patch.js";
import { readKeycloakExport } from "../../../../src/core/client-check/input.js";
import { newClientForPreset } from "../../../../src/core/client-check/new-client.js";
import { presetFromSpMetadata } from "../../../../src/core/presets/from-sp-metadata.js";
import { FIXTURES } from "./support.js";

const result = presetFromSpMetadata(readFileSync(join(FIXTURES, "sentry-sp-metadata", "generic-signed-sp.xml"), "utf8"));
if (!result.ok) throw new Error(result.error.message);
const preset = result.preset;

function checked(client: Record<string, unknown>) {
  const input = readKeycloakExport(JSON.stringify(client));
  if (!input.ok) throw new Error(input.error.message);
  return checkClient(input.input, preset);
}

function withAttributes(attributes: Record<string, string>): Record<string, unknown> {
  const client = newClientForPreset(preset);
  return { ...client, attributes: { ...(client.attributes as Record<string, string>), ...attributes } };
}

/** The one outcome of `id`, and the client checked again after its patch. */
function outcome(client: Record<string, unknown>, id: string) {
  const found = checked(client).outcomes.filter((candidate) => candidate.finding.id === id);
  expect(found).toHaveLength(1);
  const [first] = found;
  if (first === undefined) throw new Error(id);
  const applied = applyJsonPatch(client, first.patch);
  if (!applied.ok) throw new Error(applied.message);
  return { finding: first.finding, after: checked(applied.value as Record<string, unknown>) };
}

describe("an SP that signs its requests and wants signed assertions", () => {
  it("its new client carries the SP's signing certificate and requires signed requests", () => {
    const client = newClientForPreset(preset);
    const attributes = client.attributes as Record<string, string>;
    expect(attributes["saml.client.signature"]).toBe("true");
    expect(attributes["saml.signing.certificate"]).toBe(preset.sp.certificates.find((certificate) => certificate.use !== "encryption")?.base64);
    expect(client.name).toBe("https://sp.example.org/metadata");
    expect(checked(client).findings.filter((finding) => finding.severity === "error")).toEqual([]);
  });

  it("documents signed but not the assertion: the assertion must be signed", () => {
    const { finding, after } = outcome(withAttributes({ "saml.assertion.signature": "false", "saml.server.signature": "true" }), "client.signing");
    expect(finding).toMatchObject({ attributeKey: "saml.assertion.signature", expected: "Sign assertions On", actual: "Sign documents On, Sign assertions Off" });
    expect(finding.message).toContain("The assertion is not signed (Sign documents On, Sign assertions Off).");
    expect(finding.fix).toContain("Sign assertions On");
    expect(after.findings.map((other) => other.id)).not.toContain("client.signing");
  });

  it("Client signature required Off: turned On, with the SP's certificate", () => {
    const { finding, after } = outcome(withAttributes({ "saml.client.signature": "false" }), "client.client-signature-required");
    expect(finding).toMatchObject({ expected: "true", actual: "false" });
    expect(finding.message).toContain("Client signature required is Off.");
    expect(finding.fix).toContain("On and paste the SP's signing certificate");
    expect(after.findings.map((other) => other.id)).not.toContain("client.client-signature-required");
  });
});
