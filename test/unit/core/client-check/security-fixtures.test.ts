/**
 * Security findings on the published configurations in the fixtures (the working client, the seed guide's), after
 * "Fix all" (check-client --fix, buildClientFix), and the README's table that lists them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actionableSecurityFindings, type ClientCheckResult } from "../../../../src/core/client-check/check-client.js";
import type { FindingId } from "../../../../src/core/client-check/finding.js";
import { SECURITY_FINDING_IDS } from "../../../../src/core/client-check/security-ids.js";
import { buildClientFix } from "../../../../src/core/client-check/fix.js";
import { FIXTURES, check as checkExport, fixture, type Json } from "./support.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";

function security(result: ClientCheckResult, id: FindingId) {
  return result.securityFindings.filter((finding) => finding.id === id);
}

describe("the published configurations and the seed guide", () => {
  it("the working configuration: Sign assertions and the IdP-initiated name, nothing else to act on", () => {
    const result = checkExport(fixture("sentry-working.client.json"));
    expect(actionableSecurityFindings(result.securityFindings).map((finding) => finding.id)).toEqual(["security.assertion-not-signed"]);
    expect(result.securityFindings.map((finding) => finding.id).sort()).toEqual(
      ["security.assertion-not-signed", "security.client-signature", "security.encryption", "security.idp-initiated", "security.one-time-use"].sort(),
    );
  });

  it("the seed guide: as exported (no redirect URI) only Sign assertions; with the `*` the issue reports, the assertion can go anywhere", () => {
    const seed = fixture("sentry-seed-guide.client.json");
    const result = checkExport(seed);
    expect(actionableSecurityFindings(result.securityFindings).map((finding) => [finding.id, finding.severity])).toEqual([["security.assertion-not-signed", "suggestion"]]);
    const star = checkExport({ ...seed, redirectUris: ["*"] });
    expect(actionableSecurityFindings(star.securityFindings).map((finding) => [finding.id, finding.severity])).toEqual([
      ["security.redirect-wildcard", "error"],
      ["security.client-signature", "warning"],
      ["security.assertion-not-signed", "suggestion"],
    ]);
  });

  it("the published wildcard `https://sentry.example.com/*` gets the wildcard finding", () => {
    const result = checkExport({ ...fixture("sentry-working.client.json"), redirectUris: ["https://sentry.example.com/*"] });
    expect(security(result, "security.redirect-wildcard")).toHaveLength(1);
    expect(result.findings.map((finding) => finding.id)).toEqual(checkExport(fixture("sentry-working.client.json")).findings.map((finding) => finding.id));
  });
});

describe("Fix all", () => {
  it("leaves every fixture with only the accepted security findings", () => {
    for (const name of ["sentry-seed-guide.client.json", "sentry-working.client.json", "sentry-fresh.client.json"]) {
      const broken: Json = { ...fixture(name), redirectUris: ["*", "https://sentry.example.com*", "http://sentry.example.com/*"] };
      const attributes = { ...(broken.attributes as Record<string, string>), "saml.signature.algorithm": "RSA_SHA1", saml_assertion_consumer_url_post: "https://sentry.example.com/*" };
      const result = checkExport({ ...broken, attributes });
      expect(actionableSecurityFindings(result.securityFindings).length, name).toBeGreaterThan(3);
      const fixed = buildClientFix(result);
      if (!fixed.ok) throw new Error(fixed.message);
      const after = checkExport(fixed.fix.client);
      expect(actionableSecurityFindings(after.securityFindings), name).toEqual([]);
      expect((fixed.fix.client.redirectUris as string[]), name).toEqual([ACS]);
    }
  });

  it("applies no security fix when asked not to", () => {
    const result = checkExport({ ...fixture("sentry-working.client.json"), redirectUris: ["*"] });
    const fixed = buildClientFix(result, { security: false });
    if (!fixed.ok) throw new Error(fixed.message);
    expect(fixed.fix.client.redirectUris).toEqual(["*"]);
  });
});

describe("the README's table", () => {
  const readme = readFileSync(join(FIXTURES, "../../../README.md"), "utf8");
  it("has a row for every kcwarden SAML client auditor and names every security check", () => {
    const table = readme.slice(readme.indexOf("| kcwarden auditor |"), readme.indexOf("The panel and `analyze` list message-level"));
    for (const auditor of ["SAML wildcard redirect URI", "erroneously configured wildcard", "non-local `http://`", "weak signature algorithm", "assertion signature disabled", "client signature disabled", "encryption disabled", "no OneTimeUse", "full scope allowed"]) {
      expect(table, auditor).toContain(`| ${auditor}`);
    }
    for (const id of SECURITY_FINDING_IDS) expect(table, id).toContain(`\`${id}\``);
  });
});
