/**
 * The message-level security rules: each is marked security, and none changes the predicted verdict. Messages signed
 * for real (test/fixtures/signature, verified by the project's own verifier with the signing certificate trusted) show
 * that a message Sentry accepts stays accepted with a security finding; the SAML fixtures, edited, show each rule's
 * edge on a message whose signature a stand-in verifier reports as good (as signature-rules.test.ts does).
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import type { AnalyzedMessage } from "../../../../src/core/analyze/result.js";
import type { VerifySignatures } from "../../../../src/core/analyze/signatures.js";
import { verifyMessageSignatures } from "../../../../src/core/saml/signature/verify.js";
import { GOOD_SIGNATURE, NOW, PROFILE, base64, fixtureXml } from "../fixtures.js";
import { NOW as SIGNED_NOW, fixtureXml as signedXml, trusted } from "../saml/signature/fixtures.js";
import { edit, findingsOf } from "./support.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const SECURITY_IDS = ["security.sha1", "security.certificate-expiring", "security.unsigned-assertion", "security.no-audience", "security.long-lifetime"];

async function analyse(xml: string, options: { now?: Date; verify?: VerifySignatures; trustedKey?: "idp-rsa" | "expired-rsa" } = {}): Promise<AnalyzedMessage> {
  // The signed fixtures come from their own test IdP: trust its certificate and take its Issuer.
  const profile = options.trustedKey === undefined ? PROFILE : { ...PROFILE, trustedCertificates: trusted(options.trustedKey), idpEntityId: issuerOf(xml) };
  const result = await analyzeInput(`SAMLResponse=${encodeURIComponent(base64(xml))}`, { profile, now: options.now ?? NOW, verify: options.verify ?? verifyMessageSignatures });
  if (!result.ok) throw new Error(result.error.message);
  const message = result.analysis.messages[0];
  if (message === undefined) throw new Error("no message");
  return message;
}

function issuerOf(xml: string): string | undefined {
  return /<saml:Issuer>([^<]*)</.exec(xml)?.[1];
}

/** A stand-in verifier: every signature in the message checks out (the edits below would break a real one). */
const allGood: VerifySignatures = async () => ({
  signatures: [GOOD_SIGNATURE],
});

const security = (message: AnalyzedMessage) => message.findings.filter((finding) => finding.kind === "security").map((finding) => finding.id);

describe("security.sha1", () => {
  it("flags a Response really signed with RSA-SHA1, which Sentry still accepts", async () => {
    const sha1 = await analyse(signedXml("xmlsec-response-rsa-sha1"), { now: SIGNED_NOW, trustedKey: "idp-rsa" });
    const sha256 = await analyse(signedXml("xmlsec-response-rsa-sha256"), { now: SIGNED_NOW, trustedKey: "idp-rsa" });
    expect(sha256.verdict).toBe("accept");
    expect(sha1.verdict).toBe("accept");
    expect(sha1.verdictComplete).toBe(true);
    expect(findingsOf(sha1, "security.sha1")).toMatchObject([{ severity: "warning", kind: "security", actual: expect.stringContaining("rsa-sha1") }]);
    expect(findingsOf(sha256, "security.sha1")).toEqual([]);
  });

  it("flags an assertion signed with SHA-1 by another implementation", async () => {
    const message = await analyse(signedXml("xmlcrypto-assertion-rsa-sha1"), { now: SIGNED_NOW, trustedKey: "idp-rsa" });
    expect(findingsOf(message, "security.sha1")[0]?.actual).toContain("Assertion");
  });
});

describe("security.certificate-expiring", () => {
  const xml = signedXml("xmlsec-response-expired-cert");
  it("warns when the signing certificate expires within 30 days of the analysis clock", async () => {
    const message = await analyse(xml, { now: new Date("2019-12-20T00:00:00Z"), trustedKey: "expired-rsa" });
    expect(findingsOf(message, "security.certificate-expiring")).toMatchObject([{ severity: "warning", kind: "security" }]);
    expect(findingsOf(message, "security.certificate-expiring")[0]?.message).toContain("expires in 12 days");
  });

  it("counts exactly 30 days as within them, and 30 days and a millisecond as not", async () => {
    // The certificate the fixture was signed with (its KeyInfo), read by Node.
    const notAfter = new Date(new X509Certificate(readFileSync(new URL("../../../fixtures/signature/keys/expired-rsa.crt.pem", import.meta.url))).validTo).getTime();
    const at = (ms: number) => analyse(xml, { now: new Date(notAfter - ms), trustedKey: "expired-rsa" });
    expect(findingsOf(await at(30 * DAY_MS), "security.certificate-expiring")[0]?.message).toContain("expires in 30 days");
    expect(findingsOf(await at(30 * DAY_MS + 1), "security.certificate-expiring")).toEqual([]);
  });

  it("is silent more than 30 days ahead, and once expired (signature.certificate-expired says that)", async () => {
    expect(findingsOf(await analyse(xml, { now: new Date("2019-11-01T00:00:00Z"), trustedKey: "expired-rsa" }), "security.certificate-expiring")).toEqual([]);
    const expired = await analyse(xml, { now: SIGNED_NOW, trustedKey: "expired-rsa" });
    expect(findingsOf(expired, "security.certificate-expiring")).toEqual([]);
    expect(findingsOf(expired, "signature.certificate-expired")).toHaveLength(1);
  });
});

describe("security.unsigned-assertion", () => {
  it("notes an unsigned Assertion inside a signed Response, not when the Assertion is signed", async () => {
    const document = await analyse(fixtureXml("valid-signed-document"));
    expect(document.verdict).toBe("accept");
    expect(findingsOf(document, "security.unsigned-assertion")).toMatchObject([{ severity: "info", kind: "security" }]);
    expect(findingsOf(await analyse(fixtureXml("valid-signed-both")), "security.unsigned-assertion")).toEqual([]);
    expect(findingsOf(await analyse(fixtureXml("valid-signed-assertion")), "security.unsigned-assertion")).toEqual([]);
  });
});

describe("security.no-audience", () => {
  it("warns about an assertion without AudienceRestriction, which Sentry accepts", async () => {
    const xml = edit(fixtureXml("valid-signed-document"), /<saml:AudienceRestriction>.*?<\/saml:AudienceRestriction>/, "");
    const message = await analyse(xml, { verify: allGood });
    expect(message.verdict).toBe("accept");
    expect(findingsOf(message, "security.no-audience")).toMatchObject([{ severity: "warning", kind: "security" }]);
  });

  it("is silent when the audience is there, right or wrong (a wrong one is assertion.audience-mismatch)", async () => {
    expect(findingsOf(await analyse(fixtureXml("valid-signed-document"), { verify: allGood }), "security.no-audience")).toEqual([]);
  });
});

describe("security.long-lifetime", () => {
  const withEnd = (end: string) => edit(fixtureXml("valid-signed-document"), 'NotOnOrAfter="2025-06-01T12:01:00Z"><saml:AudienceRestriction>', `NotOnOrAfter="${end}"><saml:AudienceRestriction>`);

  it("warns when NotOnOrAfter − NotBefore is over 10 minutes, without changing the verdict", async () => {
    const message = await analyse(withEnd("2025-06-01T12:30:00Z"), { verify: allGood });
    expect(message.verdict).toBe("accept");
    expect(findingsOf(message, "security.long-lifetime")).toMatchObject([{ severity: "warning", actual: "30 minutes" }]);
  });

  it("is silent at exactly 10 minutes and for Keycloak's usual minute", async () => {
    expect(findingsOf(await analyse(withEnd("2025-06-01T12:09:50Z"), { verify: allGood }), "security.long-lifetime")).toEqual([]);
    expect(findingsOf(await analyse(withEnd("2025-06-01T12:09:51Z"), { verify: allGood }), "security.long-lifetime")).toHaveLength(1);
    expect(findingsOf(await analyse(fixtureXml("valid-signed-document"), { verify: allGood }), "security.long-lifetime")).toEqual([]);
  });
});

describe("security findings and the verdict", () => {
  it("a message with every security finding at once is still accepted, and its first error stays none", async () => {
    const xml = edit(
      edit(fixtureXml("valid-signed-document"), /<saml:AudienceRestriction>.*?<\/saml:AudienceRestriction>/, ""),
      'NotOnOrAfter="2025-06-01T12:01:00Z"',
      'NotOnOrAfter="2025-06-01T13:00:00Z"',
    );
    const message = await analyse(xml, { verify: allGood });
    expect(message.verdict).toBe("accept");
    expect(message.receiverMessage).toBeNull();
    expect(security(message)).toEqual(expect.arrayContaining(["security.unsigned-assertion", "security.no-audience", "security.long-lifetime"]));
    expect(message.findings.filter((finding) => finding.kind === "security").every((finding) => finding.severity !== "error")).toBe(true);
    for (const id of security(message)) expect(SECURITY_IDS).toContain(id);
  });
});
