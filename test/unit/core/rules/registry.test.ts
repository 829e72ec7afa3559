import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../../../src/core/rules/registry.js";
import { fixOf } from "../../../../src/core/rules/rule.js";

// `npm run mutation` runs this file on Stryker's instrumented copy of src; what a rule file declares is read from the
// project's own sources (SAML_LENS_SOURCE_ROOT), the same text in every other run.
const RULES_DIR = join(process.env.SAML_LENS_SOURCE_ROOT ?? join(import.meta.dirname, "../../../.."), "src/core/rules");
/** Rule files are named after their id, `<area>.<name>.ts`; helpers have no dot before `.ts`. */
const ruleFiles = readdirSync(RULES_DIR).filter((file) => /^[a-z0-9-]+\.[a-z0-9-]+\.ts$/.test(file));

describe("rule registry", () => {
  it("registers every rule file exactly once, under the file's name", () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ruleFiles.map((file) => file.replace(/\.ts$/, "")).sort());
  });

  it("gives every rule a fix and a source, and declares the id in its own file", () => {
    for (const rule of rules) {
      for (const audience of ["cli", "browser"] as const) expect(fixOf(rule, audience).length, rule.id).toBeGreaterThan(10);
      expect(rule.source.length, rule.id).toBeGreaterThan(5);
      expect(readFileSync(join(RULES_DIR, `${rule.id}.ts`), "utf8")).toContain(`id: "${rule.id}"`);
    }
  });

  it("cites public sources a user can open, never the project's own notes, and speaks the CLI's options only to the CLI", () => {
    for (const rule of rules) {
      expect(rule.source, rule.id).toMatch(/https:\/\/(github\.com\/(SAML-Toolkits\/python3-saml\/blob\/v\d|getsentry\/sentry\/|keycloak\/keycloak\/blob\/\d)|docs\.sentry\.io|www\.keycloak\.org|docs\.oasis-open\.org|cheatsheetseries\.owasp\.org|csrc\.nist\.gov)|SAML 2\.0 |saml-lens size cap/);
      expect(rule.source, rule.id).not.toMatch(/docs:|\.md\b|python3-saml 1\.12/);
      expect(fixOf(rule, "browser"), rule.id).not.toMatch(/--[a-z]/);
    }
  });

  it("flags exactly the rules that read the signature report, which run after verification", () => {
    for (const rule of rules) {
      const reads = /\bcontext\.signatures\b/.test(readFileSync(join(RULES_DIR, `${rule.id}.ts`), "utf8"));
      expect(rule.readsSignatures === true, rule.id).toBe(reads);
    }
  });

  it("marks exactly the security.* rules as security, and none of them can reject a message", () => {
    for (const rule of rules) {
      expect(rule.kind === "security", rule.id).toBe(rule.id.startsWith("security."));
      if (rule.kind === "security") expect(readFileSync(join(RULES_DIR, `${rule.id}.ts`), "utf8"), rule.id).not.toMatch(/severity: "error"/);
    }
  });

  it("keeps every id the issue names", () => {
    const ids = new Set(rules.map((rule) => rule.id));
    for (const id of [
      "decode.invalid-base64", "decode.deflated-post", "xml.malformed", "xml.doctype", "response.status", "response.no-assertion",
      "response.multiple-assertions", "assertion.encrypted", "response.destination-mismatch", "assertion.audience-mismatch",
      "response.issuer-mismatch", "assertion.issuer-mismatch", "subject.recipient-mismatch", "subject.expired",
      "conditions.not-yet-valid", "conditions.expired", "signature.missing", "signature.invalid", "signature.cert-mismatch",
      "signature.wrapping", "attribute.duplicate-name", "attribute.missing-identifier", "attribute.missing-email", "nameid.missing",
      "assertion.no-authn-statement", "assertion.no-attribute-statement", "session.expired", "request.in-response-to-mismatch",
      "request.issuer-mismatch", "request.acs-mismatch", "request.binding", "idp.error-page",
    ]) {
      expect(ids, id).toContain(id);
    }
  });
});
