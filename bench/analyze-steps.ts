/**
 * What the two analyze benches (Node: analyze.bench.ts, Chromium: pages/analyze-page.ts) measure, defined once so the
 * runtimes are compared on the same steps: the SP profile, the baseline (base64 + fast-xml-parser as anyone would call
 * it) and the floor (what no analysis can skip: decode, parse, and one WebCrypto check of the message's signature).
 */
import { XMLParser } from "fast-xml-parser";
import { decodeBase64 as decodeXmlDsigBase64 } from "../src/core/crypto/base64.js";
import { readCertificate } from "../src/core/crypto/x509.js";
import type { SpProfile } from "../src/core/rules/rule.js";
import { decodeBase64 } from "../src/core/saml/base64.js";
import { decodeSamlValue } from "../src/core/saml/decode.js";
import { canonicalize } from "../src/core/saml/signature/canonicalize.js";
import { readSignature } from "../src/core/saml/signature/read-signature.js";
import type { TrustedCertificate } from "../src/core/saml/signature/types.js";
import { NS, child, parseXml } from "../src/core/saml/xml.js";

export const NOW = new Date("2025-06-01T12:00:00Z");

export function benchProfile(trustedCertificates: readonly TrustedCertificate[]): SpProfile {
  return {
    spEntityId: "https://sentry.example.com/saml/metadata/acme/",
    acsUrl: "https://sentry.example.com/saml/acs/acme/",
    slsUrl: "https://sentry.example.com/saml/sls/acme/",
    idpEntityId: "https://keycloak.example.com/realms/demo",
    trustedCertificates,
    identifierAttribute: "user_email",
    emailAttribute: "user_email",
  };
}

/** The plain way to read XML with fast-xml-parser: attributes kept, nothing else configured. */
export function baselineStep(value: string): () => unknown {
  const parser = new XMLParser({ ignoreAttributes: false });
  const decoder = new TextDecoder();
  return () => {
    const bytes = decodeBase64(value);
    if (!bytes.ok) throw new Error(bytes.message);
    return parser.parse(decoder.decode(bytes.bytes));
  };
}

/** decode + parseXml + one awaited `crypto.subtle.verify` of the message's own canonical SignedInfo with the trusted key. */
export async function floorStep(value: string, trusted: TrustedCertificate): Promise<() => Promise<boolean>> {
  const decoded = decodeSamlValue(value, "HTTP-POST");
  const parsed = decoded.ok ? parseXml(decoded.value.xml) : undefined;
  if (parsed === undefined || !parsed.ok) throw new Error("The fixture does not decode and parse.");
  const signature = child(parsed.root, NS.ds, "Signature");
  const parts = signature === undefined ? undefined : readSignature(signature);
  const signatureValue = decodeXmlDsigBase64(parts?.signatureValue ?? "");
  if (parts?.signedInfo === undefined || signatureValue === undefined) throw new Error("The fixture has no document signature.");
  const signedInfo = new TextEncoder().encode(canonicalize(parts.signedInfo, { exclusive: true, withComments: false }));
  const certificate = readCertificate(trusted.der);
  if (!certificate.ok) throw new Error("The trusted certificate is unreadable.");
  const key = await crypto.subtle.importKey("spki", new Uint8Array(certificate.certificate.spki), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
  const signatureBytes = new Uint8Array(signatureValue);
  return async () => {
    const again = decodeSamlValue(value, "HTTP-POST");
    if (!again.ok || !parseXml(again.value.xml).ok) throw new Error("The fixture does not decode and parse.");
    const valid = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signatureBytes, signedInfo);
    if (!valid) throw new Error("The fixture's signature does not verify; the floor would measure an error path.");
    return valid;
  };
}

/**
 * The same step with `crypto.subtle.verify` answering `true` at once: the analysis's own work, without WebCrypto's
 * hand-off to its thread and back. Context for the ratio only (the fixtures are validly signed, so the analysis takes
 * the same path); the real figure is always the one with the real WebCrypto.
 */
export function withInstantVerify(step: () => Promise<unknown>): () => Promise<unknown> {
  const instant = (): Promise<boolean> => Promise.resolve(true);
  const subtle: { verify?: unknown } = globalThis.crypto.subtle;
  return async () => {
    Object.defineProperty(subtle, "verify", { value: instant, configurable: true, writable: true });
    try {
      return await step();
    } finally {
      // The own property goes; SubtleCrypto.prototype.verify shows through again.
      delete subtle.verify;
    }
  };
}
