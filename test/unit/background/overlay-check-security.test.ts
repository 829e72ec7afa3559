/**
 * What the background answers the overlay: fit outcomes as before, and the security outcomes apart (grouped by
 * `kind`, accepted ones marked), with the realm's keys when the overlay sends them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOverlayClient } from "../../../src/background/overlay-check.js";
import { FIXTURES, fixture } from "../core/client-check/support.js";

const request = (client: Record<string, unknown>, realmKeys?: unknown) => ({
  client,
  defaultClientScopes: [],
  clientScopes: [],
  preset: { kind: "sentry-self-hosted" as const, urlPrefix: "https://sentry.example.com", orgSlug: "acme" },
  keycloakUrl: "https://kc.example.com",
  realm: "acme",
  ...(realmKeys === undefined ? {} : { realmKeys }),
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

  it("runs the realm-key checks on the keys the console loaded, and skips keys of another shape", async () => {
    const keys = JSON.parse(readFileSync(join(FIXTURES, "realm-keys.json"), "utf8")) as unknown;
    const withKeys = await checkOverlayClient(request(fixture("sentry-working.client.json"), keys));
    expect(withKeys.securityOutcomes?.some((outcome) => outcome.finding.id === "security.realm-key-size")).toBe(true);
    const wrong = await checkOverlayClient(request(fixture("sentry-working.client.json"), { keys: "none" }));
    expect(wrong.ok).toBe(true);
    expect(wrong.securityOutcomes?.some((outcome) => outcome.finding.id.startsWith("security.realm-"))).toBe(false);
  });
});
