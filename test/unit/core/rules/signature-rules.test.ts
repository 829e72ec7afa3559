/**
 * The signature rules consume a SignatureReport. Here the reports are built by hand, one per failure, to pin each
 * rule's reading of the report; the agreement test covers the same rules end to end with the real verifier.
 */
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import type { VerifySignatures } from "../../../../src/core/analyze/signatures.js";
import type { SignatureCheck } from "../../../../src/core/saml/signature/types.js";
import { NOW, PROFILE, base64, fixtureXml } from "../fixtures.js";

const good: SignatureCheck = {
  signedElement: "Response",
  signedElementId: "ID_resp_7f1c",
  referenceUri: "#ID_resp_7f1c",
  signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  digestValid: true,
  signatureValid: true,
  embeddedCertificate: undefined,
  matchesTrustedCertificate: true,
  certificateExpired: false,
  wrapping: false,
  verifiedElementPath: "/samlp:Response",
  problems: [],
};

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

  it("survives a verifier that throws", async () => {
    const message = await analyse(async () => {
      throw new Error("boom");
    });
    expect(message.verdictComplete).toBe(false);
  });
});
