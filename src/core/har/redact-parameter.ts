/**
 * Redacts a SAMLRequest/SAMLResponse parameter value: decoded, redacted inside (redact-xml.ts), and encoded again the
 * way it came, DEFLATE and base64 quirks included, so the redacted capture shows the same decoding findings.
 */
import { deflateSync, zlibSync } from "fflate";
import { encodeBase64 } from "../saml/base64.js";
import { decodeSamlValue, type Binding, type DecodeQuirk } from "../saml/decode.js";
import type { Pseudonyms } from "./pseudonyms.js";
import { redactSamlXml } from "./redact-xml.js";

/**
 * What a value that cannot be decoded becomes: whatever it holds cannot be told apart from what is safe to keep. Not
 * base64 either, so the redacted capture still says "cannot be decoded" (as decode.invalid-base64).
 */
const UNDECODABLE = "(redacted: undecodable value)";

export interface RedactedParameter {
  readonly value: string;
  /** How it went, for the entry's comment: "redacted", "redacted by pattern (the XML does not parse)", "replaced". */
  readonly outcome: "redacted" | "redacted-by-pattern" | "replaced";
}

export function redactSamlParameter(value: string, binding: Binding, pseudonyms: Pseudonyms): RedactedParameter {
  const decoded = decodeSamlValue(value, binding);
  if (!decoded.ok) return { value: UNDECODABLE, outcome: "replaced" };
  const { quirks } = decoded.value;
  const redacted = redactSamlXml(decoded.value.xml, pseudonyms);
  return { value: encode(redacted.xml, binding, quirks), outcome: redacted.parsed ? "redacted" : "redacted-by-pattern" };
}

/**
 * A base64 run found in a page or header, redacted when it is a SAML message (POST or DEFLATEd); `undefined` for any
 * other base64 (images, hashes), which is left alone.
 */
export function redactEmbeddedSaml(run: string, pseudonyms: Pseudonyms): string | undefined {
  const decoded = decodeSamlValue(run, "HTTP-POST");
  if (!decoded.ok || !decoded.value.xml.includes("urn:oasis:names:tc:SAML")) return undefined;
  return encode(redactSamlXml(decoded.value.xml, pseudonyms).xml, "HTTP-POST", decoded.value.quirks);
}

const BOM = [0xef, 0xbb, 0xbf];

function encode(xml: string, binding: Binding, quirks: readonly DecodeQuirk[]): string {
  const text = new TextEncoder().encode(xml);
  let bytes: Uint8Array = quirks.includes("byte-order-mark") ? Uint8Array.from([...BOM, ...text]) : text;
  const deflated = binding === "HTTP-Redirect" ? !quirks.includes("not-deflated") : quirks.includes("deflated-post");
  if (deflated) bytes = quirks.includes("zlib-header") ? zlibSync(bytes) : deflateSync(bytes);
  let out = encodeBase64(bytes);
  if (quirks.includes("url-safe")) out = out.replace(/\+/g, "-").replace(/\//g, "_");
  if (quirks.includes("missing-padding")) out = out.replace(/=+$/, "");
  if (quirks.includes("whitespace")) out = out.replace(/.{76}(?=.)/g, "$&\n");
  if (quirks.includes("plus-as-space")) out = out.replace(/\+/g, " ");
  if (quirks.includes("percent-encoded")) out = encodeURIComponent(out);
  return out;
}
