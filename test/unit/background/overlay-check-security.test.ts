/**
 * What the background answers the overlay: fit outcomes as before, and the security outcomes apart (grouped by
 * `kind`, accepted ones marked), with the realm's signing certificates when the overlay sends them (read from the realm's IdP descriptor).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOverlayClient } from "../../../src/background/overlay-check.js";
import { FIXTURES, fixture } from "../core/client-check/support.js";

type Certificates = Array<{ kid?: string; certificate: string }>;

const request = (client: Record<string, unknown>, realmCertificates?: Certificates) => ({
  client,
  defaultClientScopes: [],
  clientScopes: [],
  preset: { kind: "sentry-self-hosted" as const, urlPrefix: "https://sentry.example.com", orgSlug: "acme" },
  keycloakUrl: "https://kc.example.com",
  realm: "acme",
  ...(realmCertificates === undefined ? {} : { realmCertificates }),
});

describe("overlay.check: security outcomes", () => {
  it("answers them apart from the fit outcomes, each kind security, with the wildcard fix", async () => {
    const response = await checkOverlayClient(request({ ...fixture("sentry-working.client.json"), redirectUris: ["*"] }));
    expect(response.outcomes.every((outcome) => outcome.finding.kind === undefined)).toBe(true);
    const security = response.securityOutcomes ?? [];
    expect(security.every((outcome) => outcome.finding.kind === "security")).toBe(true);
    expect(security.find((outcome) => outcome.finding.id === "security.redirect-wildcard")?.patch).toEqual([
      { op: "add", path: "/redirectUris", value: ["https://sentry.example.com/saml/acs/acme/"] },
    ]);
    expect(security.filter((outcome) => outcome.finding.accepted !== undefined).map((outcome) => outcome.finding.id)).toEqual(
      expect.arrayContaining(["security.encryption", "security.one-time-use"]),
    );
  });

  it("runs the realm-key checks on the descriptor's certificates, and skips one that is not a certificate", async () => {
    const keys = JSON.parse(readFileSync(join(FIXTURES, "realm-keys.json"), "utf8")) as { keys: Array<{ kid: string; use: string; certificate?: string }> };
    const certificates = keys.keys.flatMap(({ kid, use, certificate }) => (use === "SIG" && certificate !== undefined ? [{ kid, certificate }] : []));
    const withKeys = await checkOverlayClient(request(fixture("sentry-working.client.json"), certificates));
    const realmFindings = (withKeys.securityOutcomes ?? []).filter((outcome) => outcome.finding.id.startsWith("security.realm-"));
    expect(realmFindings.map((outcome) => [outcome.finding.id, outcome.finding.actual])).toEqual(
      expect.arrayContaining([
        ["security.realm-key-size", "weak-1024: 1024 bits"],
        ["security.realm-certificate-expiry", expect.stringContaining("expiring-2020")],
      ]),
    );
    const wrong = await checkOverlayClient(request(fixture("sentry-working.client.json"), [{ kid: "x", certificate: "not base64 DER" }]));
    expect(wrong.ok).toBe(true);
    expect(wrong.securityOutcomes?.some((outcome) => outcome.finding.id.startsWith("security.realm-"))).toBe(false);
  });
});
