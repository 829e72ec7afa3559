// Loads the signed fixtures of test/fixtures/signature (see generate.mjs there) and the certificates that signed them.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { certificatesFromPem } from "../../../../../src/core/saml/signature/verify";
import type { TrustedCertificate } from "../../../../../src/core/saml/signature/types";
import { parseXmlOrThrow, type XmlElement } from "../../../../../src/core/saml/xml";

export const FIXTURES = join(__dirname, "../../../../fixtures/signature");
/** Inside every certificate's validity except the expired one's, and when the fixture messages were issued. */
export const NOW = new Date("2025-06-01T10:00:30Z");

export const signedFixtureNames = (): string[] =>
  readdirSync(join(FIXTURES, "signed"))
    .filter((file) => file.endsWith(".xml"))
    .map((file) => file.slice(0, -4))
    .sort();

export const fixturePath = (name: string): string => join(FIXTURES, "signed", `${name}.xml`);
export const fixtureXml = (name: string): string => readFileSync(fixturePath(name), "utf8");
export const fixtureRoot = (name: string): XmlElement => parseXmlOrThrow(fixtureXml(name));

export type KeyName = "idp-rsa" | "other-rsa" | "expired-rsa" | "idp-ec";
export const certificatePath = (key: KeyName): string => join(FIXTURES, "keys", `${key}.crt.pem`);

export function trusted(key: KeyName): TrustedCertificate[] {
  const result = certificatesFromPem(readFileSync(certificatePath(key), "utf8"), `${key}.crt.pem`);
  if (!result.ok) throw new Error(result.error.message);
  return [...result.certificates];
}

/** The certificate the IdP configured in the SP would hold for each fixture. */
export function signerOf(name: string): KeyName {
  if (name.includes("ecdsa")) return "idp-ec";
  if (name.includes("expired")) return "expired-rsa";
  return "idp-rsa";
}
