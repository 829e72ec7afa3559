/**
 * The signature rules consume a SignatureReport. Here the reports are built by hand, one per failure, to pin each
 * rule's reading of the report; the agreement test covers the same rules end to end with the real verifier.
 */
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import type { VerifySignatures } from "../../../../src/core/analyze/signatures.js";
import type { SignatureCheck } from "../../../../src/core/saml/signature/types.js";
import { GOOD_SIGNATURE, NOW, PROFILE, base64, fixtureXml } from "../fixtures.js";

const good: SignatureCheck = GOOD_SIGNATURE;

/** A stand-in verifier that returns a hand-built report (the real one is exercised in agreement.test.ts). */
const reporting =
  (check: Partial<SignatureCheck>): VerifySignatures =>
  async () => ({ signatures: [{ ...good, ...check }] });

async function analyse(verify: VerifySignatures | undefined, xml = fixtureXml("valid-signed-document")) {
  const result = await analyzeInput(base64(xml), { profile: PROFILE, now: NOW, verify });
  if (!result.ok) throw new Error(result.error.message);
  const message = result.analysis.messages[0];
  if (message === undefined) throw new Error("no message");
  return message;
}

const errorIds = (message: Awaited<ReturnType<typeof analyse>>) => message.findings.filter((f) => f.severity === "error").map((f) => f.id);

describe("signature rules", () => {
  it("accepts a message whose signature checks out", async () => {
    const message = await analyse(reporting({}));
    expect(message.verdict).toBe("accept");
    expect(message.verdictComplete).toBe(true);
  });

  it("reports a digest or signature value that does not verify as signature.invalid", async () => {
    for (const check of [{ digestValid: false }, { signatureValid: false }]) {
      const message = await analyse(reporting(check));
      expect(errorIds(message)).toEqual(["signature.invalid"]);
      expect(message.receiverMessage).toBe("Signature validation failed. SAML Response rejected");
    }
  });

  it("reports a valid signature by an untrusted key as signature.cert-mismatch", async () => {
    const message = await analyse(reporting({ matchesTrustedCertificate: false }));
    expect(errorIds(message)).toEqual(["signature.cert-mismatch"]);
    expect(message.findings.find((f) => f.id === "signature.cert-mismatch")?.fix).toMatch(/Realm settings → Keys/);
  });

  it("reports a wrapped signature as signature.wrapping only", async () => {
    const message = await analyse(reporting({ wrapping: true, digestValid: true }));
    expect(errorIds(message)).toEqual(["signature.wrapping"]);
  });

  it("warns about an expired certificate without rejecting (python3-saml does not check expiry)", async () => {
    const message = await analyse(reporting({ certificateExpired: true }));
    expect(message.verdict).toBe("accept");
    expect(message.findings.map((f) => f.id)).toContain("signature.certificate-expired");
  });

  it("says the verdict is incomplete when no verifier is connected", async () => {
    const message = await analyse(undefined);
    expect(message.verdictComplete).toBe(false);
    expect(message.findings.map((f) => f.id)).toContain("signature.not-checked");
  });

  it("decides signature.missing from the XML alone", async () => {
    const message = await analyse(undefined, fixtureXml("unsigned"));
    expect(errorIds(message)).toEqual(["signature.missing"]);
    expect(message.findings.find((f) => f.id === "signature.missing")?.fix).toBe("Settings → Signature and Encryption → Sign documents: On (or Sign assertions: On).");
  });

  it("says which signature does not verify, and why, with the verifier's problems", async () => {
    const digest = (await analyse(reporting({ digestValid: false, problems: ["canonical form differs", "one more"] }))).findings.find((f) => f.id === "signature.invalid");
    expect(digest?.message).toContain("signature on the Response");
    expect(digest?.message).toContain("the digest of the signed content does not match");
    expect(digest?.message).toContain("SAML SSO failed, Signature validation failed. SAML Response rejected");
    expect(digest?.actual).toBe("digest false, signature true; canonical form differs; one more");
    const value = (await analyse(reporting({ signedElement: "Assertion", signatureValid: false }))).findings.find((f) => f.id === "signature.invalid");
    expect(value?.message).toContain("signature on the Assertion");
    expect(value?.message).toContain("the signature value does not match SignedInfo");
    expect(value?.actual).toBe("digest true, signature false");
  });

  it("judges only signatures on the Response or the Assertion", async () => {
    const message = await analyse(reporting({ signedElement: "other", digestValid: false, matchesTrustedCertificate: false, wrapping: false }));
    expect(errorIds(message)).toEqual([]);
  });

  it("names the untrusted certificate and the one Sentry has", async () => {
    const embeddedCertificate = { subject: "CN=old-realm-key", issuer: "CN=old-realm-key", notBefore: "2024-01-01T00:00:00Z", notAfter: "2025-01-01T00:00:00Z", sha256Fingerprint: "AB:CD", publicKeyAlgorithm: "RSA" as const };
    const finding = (await analyse(reporting({ signedElement: "Assertion", matchesTrustedCertificate: false, embeddedCertificate }))).findings.find((f) => f.id === "signature.cert-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: "test IdP certificate", actual: "CN=old-realm-key (SHA-256 AB:CD)", receiverMessage: "Signature validation failed. SAML Response rejected" });
    expect(finding?.message).toContain("The Assertion is signed");
    expect(finding?.message).toContain("SAML SSO failed, Signature validation failed. SAML Response rejected");
    const bare = (await analyse(reporting({ matchesTrustedCertificate: false }))).findings.find((f) => f.id === "signature.cert-mismatch");
    expect(bare?.actual).toBe("a different key");
    const twoCertificates = { ...PROFILE, trustedCertificates: [...PROFILE.trustedCertificates, { der: new Uint8Array([1]), source: "metadata" }] };
    const result = await analyzeInput(base64(fixtureXml("valid-signed-document")), { profile: twoCertificates, now: NOW, verify: reporting({ matchesTrustedCertificate: false }) });
    expect(result.ok && result.analysis.messages[0]?.findings.find((f) => f.id === "signature.cert-mismatch")?.expected).toBe("test IdP certificate, metadata");
  });

  it("leaves a signature that does not verify, or a wrapped one, to their own rules", async () => {
    for (const check of [{ digestValid: false }, { signatureValid: false }, { wrapping: true }]) {
      const message = await analyse(reporting({ ...check, matchesTrustedCertificate: false }));
      expect(message.findings.map((f) => f.id), JSON.stringify(check)).not.toContain("signature.cert-mismatch");
    }
  });

  it("says when the expired certificate was valid", async () => {
    const embeddedCertificate = { subject: "CN=k", issuer: "CN=k", notBefore: "2020-01-01T00:00:00Z", notAfter: "2021-01-01T00:00:00Z", sha256Fingerprint: "AB", publicKeyAlgorithm: "RSA" as const };
    const finding = (await analyse(reporting({ signedElement: "Assertion", certificateExpired: true, embeddedCertificate }))).findings.find((f) => f.id === "signature.certificate-expired");
    expect(finding).toMatchObject({ severity: "warning", actual: "valid 2020-01-01T00:00:00Z – 2021-01-01T00:00:00Z" });
    expect(finding?.message).toContain("signs the Assertion");
    expect(finding?.message).toMatch(/Sentry still accepts/);
    expect((await analyse(reporting({ certificateExpired: true }))).findings.find((f) => f.id === "signature.certificate-expired")?.actual).toBe("expired");
    expect((await analyse(reporting({ certificateExpired: undefined }))).findings.map((f) => f.id)).not.toContain("signature.certificate-expired");
  });

  it("names the Reference of a wrapped signature", async () => {
    const finding = (await analyse(reporting({ wrapping: true, referenceUri: "#ID_evil" }))).findings.find((f) => f.id === "signature.wrapping");
    expect(finding?.message).toContain("signature on the Response (Reference #ID_evil)");
    expect(finding?.receiverMessage).toBe("Signature validation failed. SAML Response rejected");
    const none = (await analyse(reporting({ wrapping: true, referenceUri: undefined }))).findings.find((f) => f.id === "signature.wrapping");
    expect(none?.message).toContain("(Reference (none))");
  });

  it("accepts a signature on the Assertion alone", async () => {
    const message = await analyse(undefined, fixtureXml("valid-signed-assertion"));
    expect(message.findings.map((f) => f.id)).not.toContain("signature.missing");
    const missing = (await analyse(undefined, fixtureXml("unsigned"))).findings.find((f) => f.id === "signature.missing");
    expect(missing).toMatchObject({ receiverMessage: "No Signature found. SAML Response rejected", actual: "no signature" });
    expect(missing?.message).toContain("SAML SSO failed, No Signature found. SAML Response rejected");
  });

  it("says the verdict leaves the signature out without a certificate, or when the values were masked for sharing", async () => {
    const noCertificate = await analyzeInput(base64(fixtureXml("valid-signed-document")), { profile: { ...PROFILE, trustedCertificates: [] }, now: NOW, verify: reporting({}) });
    const finding = noCertificate.ok ? noCertificate.analysis.messages[0]?.findings.find((f) => f.id === "signature.not-checked") : undefined;
    expect(finding?.message).toMatch(/No IdP certificate was supplied/);
    expect(finding?.severity).toBe("info");
    // The fix names what the reader can do where they read it: the CLI's options, or the panel's Signature tab.
    expect(finding?.fix).toBe("Give the IdP certificate (--idp-cert) or the realm's metadata (--idp-metadata) to check the signature as Sentry does.");
    const inBrowser = await analyzeInput(base64(fixtureXml("valid-signed-document")), { profile: { ...PROFILE, trustedCertificates: [] }, now: NOW, verify: reporting({}), audience: "browser" });
    const browserFix = inBrowser.ok ? inBrowser.analysis.messages[0]?.findings.find((f) => f.id === "signature.not-checked")?.fix : undefined;
    expect(browserFix).toMatch(/^Remember the IdP certificate in the panel \(Signature tab/);
    expect(browserFix).not.toMatch(/--idp/);
    const masked = (await analyse(reporting({ masked: true }))).findings.find((f) => f.id === "signature.not-checked");
    expect(masked?.message).toMatch(/redacted for sharing/);
    expect((await analyse(reporting({}))).findings.map((f) => f.id)).not.toContain("signature.not-checked");
    expect((await analyse(undefined, fixtureXml("unsigned"))).findings.map((f) => f.id)).not.toContain("signature.not-checked");
    expect((await analyse(undefined)).findings.find((f) => f.id === "signature.not-checked")?.message).toMatch(/no signature verifier/);
  });

  it("survives a verifier that throws", async () => {
    const message = await analyse(async () => {
      throw new Error("boom");
    });
    expect(message.verdictComplete).toBe(false);
  });
});
