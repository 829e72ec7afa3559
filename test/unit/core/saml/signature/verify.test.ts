import { describe, expect, test } from "vitest";
import { zeroedBase64 } from "../../../../../src/core/har/pseudonyms";
import { verifyMessageSignatures } from "../../../../../src/core/saml/signature/verify";
import type { SignatureCheck } from "../../../../../src/core/saml/signature/types";
import { parseXmlOrThrow } from "../../../../../src/core/saml/xml";
import { NOW, fixtureRoot, fixtureXml, signerOf, trusted, type KeyName } from "./fixtures";

async function verify(name: string, key: KeyName | "none" = signerOf(name), now = NOW): Promise<readonly SignatureCheck[]> {
  const report = await verifyMessageSignatures(fixtureRoot(name), { trusted: key === "none" ? [] : trusted(key), now });
  return report.signatures;
}

const VALID = [
  ["xmlsec-response-rsa-sha256", ["Response"]],
  ["xmlsec-assertion-rsa-sha256", ["Assertion"]],
  ["xmlsec-both-rsa-sha256", ["Response", "Assertion"]],
  ["xmlsec-response-rsa-sha1", ["Response"]],
  ["xmlsec-assertion-rsa-sha512", ["Assertion"]],
  ["xmlsec-both-ecdsa-sha256", ["Response", "Assertion"]],
  ["xmlsec-both-inclusive-c14n", ["Response", "Assertion"]],
  ["xmlsec-assertion-prefixlist", ["Assertion"]],
  ["xmlsec-assertion-comments", ["Assertion"]],
  ["xmlcrypto-response-rsa-sha256", ["Response"]],
  ["xmlcrypto-assertion-rsa-sha256", ["Assertion"]],
  ["xmlcrypto-both-rsa-sha256", ["Response", "Assertion"]],
  ["xmlcrypto-assertion-rsa-sha1", ["Assertion"]],
  ["xmlcrypto-response-rsa-sha512", ["Response"]],
  ["xmlcrypto-both-inclusive-c14n", ["Response", "Assertion"]],
] as const;

describe("messages signed by xmlsec1 and xml-crypto", () => {
  test.each(VALID)("%s verifies with the IdP certificate", async (name, elements) => {
    const checks = await verify(name);
    expect(checks.map((c) => c.signedElement)).toEqual(elements);
    for (const check of checks) {
      expect(check).toMatchObject({
        digestValid: true,
        signatureValid: true,
        matchesTrustedCertificate: true,
        certificateExpired: false,
        wrapping: false,
        problems: [],
      });
      expect(check.verifiedElementPath).toBe(check.signedElement === "Response" ? "/samlp:Response" : "/samlp:Response/saml:Assertion");
      expect(check.referenceUri).toBe(`#${check.signedElementId}`);
    }
  });

  test.each(VALID)("%s verifies with its KeyInfo certificate when none is supplied", async (name) => {
    for (const check of await verify(name, "none")) {
      expect(check).toMatchObject({ digestValid: true, signatureValid: true, matchesTrustedCertificate: undefined, wrapping: false });
    }
  });

  test("RSA-PSS (xml-crypto's sha256-rsa-MGF1) verifies, with a warning that xmlsec 1.2 lacks it", async () => {
    const [check] = await verify("xmlcrypto-response-rsa-pss");
    expect(check).toMatchObject({ digestValid: true, signatureValid: true, matchesTrustedCertificate: true, wrapping: false });
    expect(check?.problems.join(" ")).toContain("not implemented by xmlsec 1.2");
  });

  test("reports the algorithms and the embedded certificate", async () => {
    const [check] = await verify("xmlsec-both-ecdsa-sha256");
    expect(check?.signatureAlgorithm).toBe("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
    expect(check?.digestAlgorithm).toBe("http://www.w3.org/2001/04/xmlenc#sha256");
    expect(check?.canonicalizationAlgorithm).toBe("http://www.w3.org/2001/10/xml-exc-c14n#");
    expect(check?.embeddedCertificate).toMatchObject({ subject: "CN=saml-lens-test-ec", publicKeyAlgorithm: "EC", notAfter: "2120-01-01T00:00:00.000Z" });
  });
});

describe("tampered messages", () => {
  test("a changed attribute value breaks the digest but not the signature", async () => {
    const [check] = await verify("tampered-attribute-value");
    expect(check).toMatchObject({ signedElement: "Assertion", digestValid: false, signatureValid: true, matchesTrustedCertificate: true, wrapping: false });
  });

  test("values zeroed as a redacted export writes them are masked, not invalid; zeroing only one of them is tampering", async () => {
    const xml = fixtureXml("xmlsec-both-rsa-sha256");
    const zeroed = (element: string, text: string) => text.replace(new RegExp(`(<(?:\\w+:)?${element}[^>]*>)([^<]*)<`, "g"), (_match, open: string, value: string) => `${open}${zeroedBase64(value)}<`);
    const check = async (text: string) => (await verifyMessageSignatures(parseXmlOrThrow(text), { trusted: trusted("idp-rsa"), now: NOW })).signatures;
    for (const masked of await check(zeroed("DigestValue", zeroed("SignatureValue", xml)))) {
      expect(masked).toMatchObject({ masked: true, digestValid: undefined, signatureValid: undefined, matchesTrustedCertificate: undefined, wrapping: false, certificateExpired: false });
      expect(masked.problems.join(" ")).toContain("redacted for sharing");
    }
    // (The Response's digest covers the Assertion's signature too, so only the Assertion's digest stays valid.)
    for (const tampered of await check(zeroed("SignatureValue", xml))) expect(tampered).toMatchObject({ signatureValid: false, digestValid: tampered.signedElement === "Assertion" });
    for (const tampered of await check(zeroed("DigestValue", xml))) expect(tampered).toMatchObject({ digestValid: false });
    for (const tampered of [...(await check(zeroed("SignatureValue", xml))), ...(await check(zeroed("DigestValue", xml)))]) expect(tampered.masked).toBeUndefined();
  });

  test("a changed SignedInfo breaks the signature, and the certificate is still the right one", async () => {
    const [check] = await verify("tampered-signedinfo");
    expect(check).toMatchObject({ digestValid: true, signatureValid: false, matchesTrustedCertificate: true });
  });

  test("any byte of the signed assertion matters, also in a pretty-printing newline", async () => {
    const xml = fixtureXml("xmlsec-assertion-rsa-sha256").replace("\n  <saml:Subject>", "\n <saml:Subject>");
    const report = await verifyMessageSignatures(parseXmlOrThrow(xml), { trusted: trusted("idp-rsa"), now: NOW });
    expect(report.signatures[0]?.digestValid).toBe(false);
  });

  test("a message signed by another key is a certificate mismatch, not an invalid signature", async () => {
    const [check] = await verify("xmlsec-response-other-key", "idp-rsa");
    expect(check).toMatchObject({ digestValid: true, signatureValid: true, matchesTrustedCertificate: false });
    expect(check?.embeddedCertificate?.subject).toBe("CN=another-realm");
    expect(check?.problems.join(" ")).toContain("another-realm");
  });

  test("supplying the wrong certificate for a genuine message is a certificate mismatch", async () => {
    const [check] = await verify("xmlsec-response-rsa-sha256", "other-rsa");
    expect(check).toMatchObject({ signatureValid: true, matchesTrustedCertificate: false });
  });

  test("a trusted EC certificate cannot check an RSA signature, and says so", async () => {
    const [check] = await verify("xmlsec-response-rsa-sha256", "idp-ec");
    expect(check?.matchesTrustedCertificate).toBe(false);
    expect(check?.problems.join(" ")).toMatch(/EC key, which cannot check an RSA signature/);
  });

  test("an expired certificate is reported, and still verifies", async () => {
    const [check] = await verify("xmlsec-response-expired-cert", "expired-rsa");
    expect(check).toMatchObject({ digestValid: true, signatureValid: true, matchesTrustedCertificate: true, certificateExpired: true });
    const [before] = await verify("xmlsec-response-expired-cert", "expired-rsa", new Date("2019-12-31T23:59:59Z"));
    expect(before?.certificateExpired).toBe(false);
  });

  test("a certificate before its notBefore counts as not valid", async () => {
    const [check] = await verify("xmlsec-response-rsa-sha256", "idp-rsa", new Date("2019-06-01T00:00:00Z"));
    expect(check?.certificateExpired).toBe(true);
  });

  test("a SignatureValue that is not base64 is reported, not thrown", async () => {
    const xml = fixtureXml("xmlsec-response-rsa-sha256").replace(/<dsig:SignatureValue>[^<]*/, "<dsig:SignatureValue>%%%");
    const [check] = (await verifyMessageSignatures(parseXmlOrThrow(xml), { trusted: trusted("idp-rsa"), now: NOW })).signatures;
    expect(check).toMatchObject({ digestValid: true, signatureValid: undefined });
    expect(check?.problems.join(" ")).toContain("SignatureValue");
  });

  test("an unsupported algorithm is a problem, not a verdict", async () => {
    const xml = fixtureXml("xmlsec-response-rsa-sha256").replace("xmldsig-more#rsa-sha256", "xmldsig-more#hmac-sha256");
    const [check] = (await verifyMessageSignatures(parseXmlOrThrow(xml), { trusted: trusted("idp-rsa"), now: NOW })).signatures;
    expect(check?.signatureValid).toBeUndefined();
    expect(check?.problems.join(" ")).toContain("hmac-sha256");
  });

  test("without KeyInfo and without a supplied certificate nothing can be checked", async () => {
    const xml = fixtureXml("xmlsec-response-rsa-sha256").replace(/<dsig:KeyInfo>[\s\S]*<\/dsig:KeyInfo>/, "");
    const [check] = (await verifyMessageSignatures(parseXmlOrThrow(xml), { trusted: [], now: NOW })).signatures;
    expect(check).toMatchObject({ digestValid: true, signatureValid: undefined, embeddedCertificate: undefined, certificateExpired: undefined });
    const [withCert] = (await verifyMessageSignatures(parseXmlOrThrow(xml), { trusted: trusted("idp-rsa"), now: NOW })).signatures;
    expect(withCert).toMatchObject({ signatureValid: true, matchesTrustedCertificate: true });
  });

  test("a signature without SignedInfo, with an empty SignatureValue, or with two References says what is wrong", async () => {
    const checkOf = async (text: string) => (await verifyMessageSignatures(parseXmlOrThrow(text), { trusted: trusted("idp-rsa"), now: NOW })).signatures[0];
    const xml = fixtureXml("xmlsec-response-rsa-sha256");
    const noSignedInfo = await checkOf(xml.replace(/<dsig:SignedInfo>[\s\S]*<\/dsig:SignedInfo>/, ""));
    expect(noSignedInfo?.signatureValid).toBeUndefined();
    expect(noSignedInfo?.problems).toContain("The signature has no SignedInfo.");
    const empty = await checkOf(xml.replace(/<dsig:SignatureValue>[^<]*/, "<dsig:SignatureValue>"));
    expect(empty?.signatureValid).toBeUndefined();
    expect(empty?.problems).toContain("The SignatureValue is missing or not base64.");
    const reference = /<dsig:Reference[\s\S]*<\/dsig:Reference>/.exec(xml)?.[0] ?? "";
    const twice = await checkOf(xml.replace(reference, reference + reference));
    expect(twice?.problems).toContain("SignedInfo has 2 References; a SAML signature has exactly one.");
  });

  test("a Reference to no element, or without a URI, says so and checks no digest", async () => {
    const xml = fixtureXml("xmlsec-response-rsa-sha256");
    const checkOf = async (text: string) => (await verifyMessageSignatures(parseXmlOrThrow(text), { trusted: trusted("idp-rsa"), now: NOW })).signatures[0];
    const elsewhere = await checkOf(xml.replace(/(<dsig:Reference URI=")#[^"]*"/, '$1#nowhere"'));
    expect(elsewhere?.digestValid).toBeUndefined();
    expect(elsewhere?.problems).toContain('The Reference URI "#nowhere" points at no element in this message, so its digest cannot be checked.');
    const none = await checkOf(xml.replace(/(<dsig:Reference) URI="[^"]*"/, "$1"));
    expect(none?.problems.join(" ")).toContain('The Reference URI "(none)" points at no element');
  });

  test("a Reference whose digest algorithm or transform is missing names it as unsupported", async () => {
    const xml = fixtureXml("xmlsec-response-rsa-sha256");
    const checkOf = async (text: string) => (await verifyMessageSignatures(parseXmlOrThrow(text), { trusted: trusted("idp-rsa"), now: NOW })).signatures[0];
    const noDigest = await checkOf(xml.replace(/<dsig:DigestMethod Algorithm="[^"]*"/, "<dsig:DigestMethod"));
    expect(noDigest?.digestValid).toBeUndefined();
    expect(noDigest?.problems).toContain('The digest algorithm "(none)" is not supported.');
    const noTransform = await checkOf(xml.replace(/<dsig:Transform Algorithm="[^"]*"/, "<dsig:Transform"));
    expect(noTransform?.digestValid).toBeUndefined();
    expect(noTransform?.problems).toContain('The Reference uses the transform "(none)", which is not supported.');
  });

  test("an unsigned message has no signatures", async () => {
    const xml = fixtureXml("xmlsec-response-rsa-sha256").replace(/<dsig:Signature[\s\S]*<\/dsig:Signature>/, "");
    const report = await verifyMessageSignatures(parseXmlOrThrow(xml), { trusted: trusted("idp-rsa"), now: NOW });
    expect(report.signatures).toEqual([]);
  });
});

describe("signature wrapping", () => {
  test("a second assertion with the signed one's ID", async () => {
    const [check] = await verify("wrapping-duplicate-id");
    expect(check?.wrapping).toBe(true);
    // The first holder of the ID (the evil one, which the SP would read) is what the reference resolves to.
    expect(check?.verifiedElementPath).toBe("/samlp:Response/saml:Assertion[1]");
    expect(check?.digestValid).toBe(false);
    expect(check?.problems.join(" ")).toMatch(/is on 2 elements/);
  });

  test("the signed assertion moved into Extensions while an unsigned one is read", async () => {
    const [check] = await verify("wrapping-assertion-in-extensions");
    expect(check).toMatchObject({ digestValid: true, signatureValid: true, matchesTrustedCertificate: true, wrapping: true });
    expect(check?.verifiedElementPath).toBe("/samlp:Response/samlp:Extensions/saml:Assertion");
  });

  test("the original Response inside ds:Object of an evil Response's signature", async () => {
    const [check] = await verify("wrapping-response-in-object");
    expect(check).toMatchObject({ signedElement: "Response", signedElementId: "ID_evil", digestValid: true, signatureValid: true, wrapping: true });
    expect(check?.verifiedElementPath).toBe("/samlp:Response/dsig:Signature/dsig:Object/samlp:Response");
    expect(check?.problems.join(" ")).toContain("Found an invalid Signed Element");
  });

  test("a genuine signature over the Assertion placed on the Response", async () => {
    const [check] = await verify("wrapping-reference-elsewhere");
    expect(check).toMatchObject({ signedElement: "Response", digestValid: true, signatureValid: true, wrapping: true });
    expect(check?.verifiedElementPath).toBe("/samlp:Response/saml:Assertion");
  });

  test("a signed element without an ID", async () => {
    const xml = fixtureXml("xmlsec-assertion-rsa-sha256").replace(/(<saml:Assertion[^>]*) ID="[^"]*"/, "$1");
    const [check] = (await verifyMessageSignatures(parseXmlOrThrow(xml), { trusted: trusted("idp-rsa"), now: NOW })).signatures;
    expect(check).toMatchObject({ wrapping: true, digestValid: undefined, verifiedElementPath: undefined });
    expect(check?.problems.join(" ")).toContain("Signed Element must contain an ID");
  });
});
