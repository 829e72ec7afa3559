/**
 * Agreement with the real validator: for every fixture and every transport mistake, our predicted verdict must be
 * python3-saml's (plus Sentry's attribute mapping), and the first error we list must be the one it reports, word for
 * word. The rule → message table in the report of issue 4 is this test's data.
 */
import { deflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import type { AnalyzedMessage } from "../../../../src/core/analyze/result.js";
import type { VerifySignatures } from "../../../../src/core/analyze/signatures.js";
import { NOW, PROFILE, base64, fixtureIndex, fixtureXml } from "../fixtures.js";
import { sentryAcs, type SentryResult } from "../sentry-agreement.js";
import { rules } from "../../../../src/core/rules/registry.js";
import { loadRealVerifier } from "./real-verifier.js";

const valid = fixtureXml("valid-signed-document");
const unsignedDoctype = `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "x">]>\n${fixtureXml("unsigned")}`;
let padded = `${valid}\n`;
while (Buffer.byteLength(padded) % 3 === 0) padded += "\n";

/** Transport mistakes, built from the signed fixtures: name → [form value, expected first rule]. */
const transport: Record<string, [string, string]> = {
  "deflated-post": [base64(deflateRawSync(Buffer.from(valid))), "decode.deflated-post"],
  "missing-padding": [base64(padded).replace(/=+$/, ""), "decode.nonstandard-base64"],
  "plus-as-space": [base64(padded).replace(/\+/g, " "), "decode.nonstandard-base64"],
  truncated: [base64(valid).slice(0, 401), "decode.invalid-base64"],
  doctype: [base64(unsignedDoctype), "xml.doctype"],
  "not-xml": [base64("hello, this is not XML"), "xml.malformed"],
};

const cases = [
  ...Object.entries(fixtureIndex.cases).map(([name, rule]) => ({ name, value: base64(fixtureXml(name)), rule })),
  ...Object.entries(transport).map(([name, [value, rule]]) => ({ name, value, rule })),
];

const SIGNATURE_RULES = new Set(["signature.invalid", "signature.cert-mismatch"]);

/** The registered rules no Response posted to Sentry's ACS can show python3-saml's side of, and where each is tested. */
const NOT_AT_SENTRYS_ACS: Record<string, string> = {
  "logout.binding": "logout, at Sentry's SLS (query-signature.test.ts, the real-Keycloak ground truth)",
  "logout.expired": "logout, at Sentry's SLS (query-signature.test.ts)",
  "logout.destination-mismatch": "logout, at Sentry's SLS (query-signature.test.ts)",
  "logout.issuer-mismatch": "logout, at Sentry's SLS (query-signature.test.ts)",
  "logout.status": "logout, at Sentry's SLS (query-signature.test.ts)",
  "signature.query-invalid": "Redirect-binding signatures: Keycloak and Sentry's SLS judge them (query-signature.test.ts)",
  "decode.invalid-deflate": "only the Redirect binding deflates; a POSTed value is not inflated by python3-saml",
  "decode.too-large": "our own limit before decoding, not python3-saml's",
  "signature.not-checked": "says that we could not verify, not what the SP does",
  "signature.certificate-expired": "python3-saml does not check the certificate's dates (a warning, not a refusal)",
  "request.issuer-mismatch": "an AuthnRequest, judged by Keycloak (real-Keycloak ground truth)",
  "request.acs-mismatch": "an AuthnRequest, judged by Keycloak (real-Keycloak ground truth)",
  "request.binding": "an AuthnRequest, judged by Keycloak",
  "idp.error-page": "Keycloak's answer to a request, not a Response",
  "security.sha1": "security: never changes the verdict (security-rules.test.ts; xmlsec-response-rsa-sha1 is accepted there)",
  "security.certificate-expiring": "security: never changes the verdict (security-rules.test.ts)",
  "security.unsigned-assertion": "security: never changes the verdict (security-rules.test.ts)",
  "security.no-audience": "security: never changes the verdict (security-rules.test.ts)",
  "security.long-lifetime": "security: never changes the verdict (security-rules.test.ts)",
};

let python: Map<string, SentryResult>;
let verify: VerifySignatures | undefined;
const ours = new Map<string, AnalyzedMessage>();

beforeAll(async () => {
  python = sentryAcs(cases.map((entry) => ({ name: entry.name, SAMLResponse: entry.value })));
  verify = await loadRealVerifier();
  for (const entry of cases) {
    const result = await analyzeInput(`SAMLResponse=${encodeURIComponent(entry.value)}`, { profile: PROFILE, now: NOW, verify });
    if (!result.ok) throw new Error(`${entry.name}: ${result.error.message}`);
    const message = result.analysis.messages[0];
    if (message === undefined) throw new Error(`${entry.name}: no message`);
    ours.set(entry.name, message);
  }
}, 60_000);

describe("agreement with python3-saml as Sentry runs it", () => {
  it.each(cases)("$name", ({ name, rule }) => {
    const theirs = python.get(name);
    const mine = ours.get(name);
    if (theirs === undefined || mine === undefined) throw new Error(`missing result for ${name}`);
    if (rule !== null && SIGNATURE_RULES.has(rule) && verify === undefined) {
      // Without the verifier we cannot judge the signature, and must say so instead of predicting "accept" as certain.
      expect(mine.verdictComplete).toBe(false);
      expect(theirs.valid).toBe(false);
      return;
    }
    expect(mine.verdict).toBe(theirs.valid ? "accept" : "reject");
    if (theirs.valid) {
      expect(mine.findings.filter((finding) => finding.severity === "error")).toEqual([]);
      return;
    }
    const firstError = mine.findings.find((finding) => finding.severity === "error");
    expect(firstError?.id).toBe(rule);
    if (theirs.stage === "exception") {
      // python3-saml raised: Sentry shows a 500 page; the exception text is ours to quote where we know it.
      if (firstError?.receiverMessage !== undefined) expect(firstError.receiverMessage).toBe(theirs.error);
      expect(firstError?.message).toMatch(/HTTP 500/);
    } else {
      expect(mine.receiverMessage).toBe(theirs.error);
    }
  });

  it("verifies signatures when the verifier is present", () => {
    if (verify === undefined) return;
    for (const name of ["valid-signed-document", "tampered-after-signing", "signed-with-other-key"]) {
      expect(ours.get(name)?.verdictComplete, name).toBe(true);
    }
  });

  it("predicts Sentry's attribute-mapping failure for the e-mail attribute alone", async () => {
    const mapping = { identifier: "urn:oid:1.2.840.113549.1.9.1", user_email: "user_email" };
    const value = base64(fixtureXml("x500-email-name"));
    const theirs = sentryAcs([{ name: "x500", SAMLResponse: value }], mapping).get("x500");
    const profile = { ...PROFILE, identifierAttribute: mapping.identifier, emailAttribute: mapping.user_email };
    const result = await analyzeInput(value, { profile, now: NOW, verify });
    if (!result.ok) throw new Error(result.error.message);
    const message = result.analysis.messages[0];
    expect(theirs?.stage).toBe("mapping");
    expect(message?.verdict).toBe("reject");
    expect(message?.findings.find((finding) => finding.severity === "error")?.id).toBe("attribute.missing-email");
    expect(message?.receiverMessage).toBe(theirs?.error);
  });

  it("predicts python3-saml's refusal of a Response sent with the HTTP-Redirect binding (Force POST binding off)", async () => {
    const value = base64(deflateRawSync(Buffer.from(valid)));
    const theirs = sentryAcs([{ name: "redirect", SAMLResponse: value, binding: "HTTP-Redirect" }]).get("redirect");
    const result = await analyzeInput(`${PROFILE.acsUrl}?SAMLResponse=${encodeURIComponent(value)}`, { profile: PROFILE, now: NOW, verify });
    if (!result.ok) throw new Error(result.error.message);
    const message = result.analysis.messages[0];
    expect(theirs?.valid).toBe(false);
    expect(message?.verdict).toBe("reject");
    const firstError = message?.findings.find((finding) => finding.severity === "error");
    expect(firstError?.id).toBe("response.binding");
    expect(firstError?.receiverMessage).toBe(theirs?.error);
  });

  it("names, as information only, what Sentry accepts but a user should know: no NameID, an e-mail as IdP User ID", async () => {
    const findings = async (name: string, profile = PROFILE) => {
      const result = await analyzeInput(`SAMLResponse=${encodeURIComponent(base64(fixtureXml(name)))}`, { profile, now: NOW, verify });
      if (!result.ok) throw new Error(result.error.message);
      return result.analysis.messages[0]?.findings ?? [];
    };
    const info = (list: readonly { id: string; severity: string }[]) => list.filter((finding) => finding.severity === "info").map((finding) => finding.id);
    expect(python.get("no-nameid")?.valid).toBe(true);
    expect(info(await findings("no-nameid"))).toContain("nameid.missing");
    expect(info(await findings("valid-signed-document"))).not.toContain("nameid.missing");
    // PROFILE maps IdP User ID to user_email; mapped to the user's id, no such note.
    expect(info(await findings("valid-signed-document"))).toContain("attribute.identifier-is-email");
    const byId = { ...PROFILE, identifierAttribute: "user_id" };
    expect(sentryAcs([{ name: "id", SAMLResponse: base64(fixtureXml("user-id-identifier")) }], { identifier: "user_id", user_email: "user_email" }).get("id")?.valid).toBe(true);
    expect(info(await findings("user-id-identifier", byId))).not.toContain("attribute.identifier-is-email");
  });

  it("covers every registered rule Sentry's ACS can observe with at least one real message", () => {
    const covered = new Set<string>([...cases.map((entry) => entry.rule ?? ""), "response.binding", "attribute.missing-email", "nameid.missing", "attribute.identifier-is-email"]);
    const missing = rules.map((rule) => rule.id).filter((id) => !covered.has(id) && !(id in NOT_AT_SENTRYS_ACS));
    expect(missing).toEqual([]);
    // An exclusion names a registered rule.
    for (const id of Object.keys(NOT_AT_SENTRYS_ACS)) expect(rules.map((rule) => rule.id)).toContain(id);
  });
});
