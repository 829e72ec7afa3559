/** The signed SAML fixtures of test/fixtures/saml (regenerate with `node test/fixtures/saml/generate.mjs`). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod/mini";
import type { SpProfile } from "../../../src/core/rules/rule.js";
import type { SignatureCheck, TrustedCertificate } from "../../../src/core/saml/signature/types.js";
import { decodeBase64 } from "../../../src/core/saml/base64.js";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/saml");

const indexSchema = z.object({
  now: z.string(),
  profile: z.object({ spEntityId: z.string(), acsUrl: z.string(), slsUrl: z.string(), idpEntityId: z.string() }),
  cases: z.record(z.string(), z.nullable(z.string())),
});

export const fixtureIndex = z.parse(indexSchema, JSON.parse(readFileSync(join(FIXTURES, "responses.json"), "utf8")));
export const NOW = new Date(fixtureIndex.now);

export function fixtureXml(name: string): string {
  return readFileSync(join(FIXTURES, "responses", `${name}.xml`), "utf8");
}

export function pem(name: "idp" | "other"): string {
  return readFileSync(join(FIXTURES, "keys", `${name}-cert.pem`), "utf8");
}

export function certificateFromPem(text: string, source: string): TrustedCertificate {
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "");
  const decoded = decodeBase64(body);
  if (!decoded.ok) throw new Error(decoded.message);
  return { der: decoded.bytes, source };
}

export const PROFILE: SpProfile = {
  ...fixtureIndex.profile,
  trustedCertificates: [certificateFromPem(pem("idp"), "test IdP certificate")],
  identifierAttribute: "user_email",
  emailAttribute: "user_email",
};

export function base64(text: string | Uint8Array): string {
  return Buffer.from(typeof text === "string" ? Buffer.from(text, "utf8") : text).toString("base64");
}

/** A report of the fixture Response's signature as the verifier gives it when all is well (for stand-in verifiers). */
export const GOOD_SIGNATURE: SignatureCheck = {
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
