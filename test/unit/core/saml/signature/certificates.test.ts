import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { certificatesFromMetadata, certificatesFromPem, describeCertificate, verifyMessageSignatures } from "../../../../../src/core/saml/signature/verify";
import { FIXTURES, NOW, certificatePath, fixtureRoot, type KeyName } from "./fixtures";

const pem = (key: KeyName) => readFileSync(certificatePath(key), "utf8");
const base64Body = (key: KeyName) => pem(key).replace(/-----[A-Z ]+-----/g, "").trim();
const metadata = (file: string) => readFileSync(join(FIXTURES, "metadata", file), "utf8");

/** What openssl, an independent X.509 reader, says about the same certificate. */
function openssl(key: KeyName): Record<string, string> {
  const out = execFileSync("openssl", ["x509", "-in", certificatePath(key), "-noout", "-subject", "-issuer", "-startdate", "-enddate", "-fingerprint", "-sha256", "-nameopt", "RFC2253"], { encoding: "utf8" });
  return Object.fromEntries(out.trim().split("\n").map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
}

describe("describeCertificate", () => {
  test.each<KeyName>(["idp-rsa", "other-rsa", "expired-rsa", "idp-ec"])("%s reads as openssl reads it", (key) => {
    const parsed = certificatesFromPem(pem(key));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const der = parsed.certificates[0]?.der ?? new Uint8Array();
    const result = describeCertificate(der);
    if (!result.ok) throw new Error(result.error.message);
    const info = result.certificate.info;
    const reference = openssl(key);
    expect(info.subject).toBe(reference["subject"]);
    expect(info.issuer).toBe(reference["issuer"]);
    expect(new Date(info.notBefore).getTime()).toBe(new Date(reference["notBefore"] ?? "").getTime());
    expect(new Date(info.notAfter).getTime()).toBe(new Date(reference["notAfter"] ?? "").getTime());
    expect(info.sha256Fingerprint).toBe(reference["sha256 Fingerprint"]);
    expect(info.publicKeyAlgorithm).toBe(key === "idp-ec" ? "EC" : "RSA");
  });

  test("garbage is an error result, not an exception", () => {
    for (const bytes of [new Uint8Array(), new Uint8Array([0x30, 0x82, 0xff, 0xff]), new TextEncoder().encode("not a certificate")]) {
      const result = describeCertificate(bytes);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe("certificate.malformed");
    }
  });

  test("a truncated certificate is an error result", () => {
    const parsed = certificatesFromPem(pem("idp-rsa"));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const der = parsed.certificates[0]?.der ?? new Uint8Array();
    for (const length of [1, 10, 100, der.length - 1]) expect(describeCertificate(der.subarray(0, length)).ok).toBe(false);
  });
});

describe("certificatesFromPem", () => {
  test("one PEM block", () => {
    const result = certificatesFromPem(pem("idp-rsa"), "pasted PEM");
    expect(result.ok && result.certificates.map((c) => c.source)).toEqual(["pasted PEM"]);
  });

  test("several blocks, in order, with text around them", () => {
    const result = certificatesFromPem(`current key\n${pem("idp-rsa")}\nnext key:\n${pem("other-rsa")}`);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.certificates).toHaveLength(2);
    const subjects = result.certificates.map((c) => {
      const read = describeCertificate(c.der);
      return read.ok ? read.certificate.info.subject : "";
    });
    expect(subjects).toEqual(["CN=saml-lens-test", "CN=another-realm"]);
  });

  test("bare base64, as Keycloak's Keys tab shows it, with or without line breaks", () => {
    expect(certificatesFromPem(base64Body("idp-rsa")).ok).toBe(true);
    expect(certificatesFromPem(base64Body("idp-rsa").replace(/\s/g, "")).ok).toBe(true);
  });

  test.each([
    ["", "certificate.empty"],
    ["   \n", "certificate.empty"],
    ["not base64!", "certificate.invalid-base64"],
    ["AAAA", "certificate.malformed"],
    ["<md:EntityDescriptor/>", "certificate.is-xml"],
    ["-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----", "certificate.not-a-certificate"],
  ])("%j is refused with %s", (text, code) => {
    const result = certificatesFromPem(text);
    expect(result.ok ? "ok" : result.error.code).toBe(code);
  });

  test("a private key is refused with advice not to share it", () => {
    const result = certificatesFromPem(readFileSync(join(FIXTURES, "keys", "idp-rsa.key.pem"), "utf8"));
    expect(result.ok ? "" : result.error.message).toMatch(/Never share the private key/);
  });
});

describe("certificatesFromMetadata", () => {
  test("Keycloak's realm descriptor: the signing certificates, not the encryption one", () => {
    const result = certificatesFromMetadata(metadata("keycloak-descriptor.xml"));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.entityId).toBe("https://keycloak.example.com/realms/acme");
    const fingerprints = result.certificates.map((c) => {
      const read = describeCertificate(c.der);
      return read.ok ? read.certificate.info.sha256Fingerprint : "";
    });
    expect(fingerprints).toEqual([openssl("idp-rsa")["sha256 Fingerprint"], openssl("other-rsa")["sha256 Fingerprint"]]);
    expect(result.certificates[0]?.source).toContain("https://keycloak.example.com/realms/acme");
  });

  test("the legacy EntitiesDescriptor wrapper", () => {
    const result = certificatesFromMetadata(metadata("keycloak-legacy-entities-descriptor.xml"));
    expect(result.ok && result.certificates.length).toBe(2);
  });

  test("verifies a message signed with either of the descriptor's keys", async () => {
    const result = certificatesFromMetadata(metadata("keycloak-descriptor.xml"));
    if (!result.ok) throw new Error(result.error.message);
    for (const name of ["xmlsec-response-rsa-sha256", "xmlsec-response-other-key"]) {
      const [check] = (await verifyMessageSignatures(fixtureRoot(name), { trusted: result.certificates, now: NOW })).signatures;
      expect(check).toMatchObject({ signatureValid: true, matchesTrustedCertificate: true });
    }
  });

  test.each([
    ["not xml at all", "metadata.unreadable"],
    ["<html><body>Login</body></html>", "metadata.not-metadata"],
    [
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sentry.example.com/saml/metadata/acme/"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>',
      "metadata.no-idp",
    ],
    [
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>',
      "metadata.no-signing-certificate",
    ],
  ])("%j is refused with %s", (xml, code) => {
    const result = certificatesFromMetadata(xml);
    expect(result.ok ? "ok" : result.error.code).toBe(code);
  });

  test("Sentry's own SP metadata is recognised as the wrong side", () => {
    const result = certificatesFromMetadata(
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sentry.example.com/saml/metadata/acme/"><md:SPSSODescriptor/></md:EntityDescriptor>',
    );
    expect(result.ok ? "" : result.error.message).toMatch(/service provider's metadata/);
  });
});
