/**
 * The signature of an HTTP-Redirect message, which is not in the XML but in the query string (SAML Bindings §3.4.4.1):
 * over `SAMLRequest=…&RelayState=…&SigAlg=…` (or `SAMLResponse=…`), URL-encoded as sent.
 *
 * python3-saml, as Sentry calls it (no `query_string` in the request data), does not check the query as received: it
 * rebuilds that string from the decoded values with Python's `quote_plus`, and for a SigAlg it has no transform for it
 * uses RSA-SHA1. So the check is made twice: over the query as sent (what the sender signed, and what Keycloak checks)
 * and over the string python3-saml rebuilds (what Sentry decides by).
 */
import { decodeBase64 } from "../../crypto/base64";
import { DerError, TAG, expectTag, readChildren, readNode } from "../../crypto/der";
import { utf8Bytes } from "../../crypto/utf8";
import type { Certificate, EcCurve } from "../../crypto/x509";
import { SIGNATURES, type SignatureScheme } from "./algorithms";
import { CURVE_BYTES, MASKED_QUERY_SIGNATURE, isMaskedValue, verifySignatureValue } from "./signature-value";
import type { QuerySignatureCheck, RedirectQuery } from "./types";

const RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

/** The SigAlg values python3-saml 1.12 maps to an xmlsec transform (`validate_binary_sign`); any other means RSA-SHA1. */
const PYTHON3_SAML_SIGALGS: ReadonlySet<string> = new Set([
  RSA_SHA1,
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
]);

/** Never throws. */
export async function verifyQuerySignature(query: RedirectQuery, trusted: readonly Certificate[]): Promise<QuerySignatureCheck> {
  const problems: string[] = [];
  const sigAlg = query.sigAlg;
  // python3-saml: `data.get('SigAlg', RSA_SHA1)`, and the default is also what goes into the string it rebuilds.
  const assumedSigAlg = sigAlg ?? RSA_SHA1;
  if (sigAlg === undefined) problems.push("The query carries a Signature but no SigAlg; python3-saml then assumes RSA-SHA1.");
  const rebuilt = rebuiltQuery(query, assumedSigAlg);
  const asSent = query.rawQuery === undefined ? undefined : signedPartOf(query.rawQuery, query.parameter);
  const encodingDiffers = asSent !== undefined && asSent !== rebuilt;
  const base = { sigAlg, encodingDiffers, signedQuery: asSent ?? rebuilt, rebuiltQuery: rebuilt };

  const signature = decodeBase64(query.signature);
  if (signature === undefined || signature.length === 0) {
    problems.push("The Signature parameter is not base64.");
    return { ...base, valid: false, validAsSent: false, problems };
  }
  if (isMaskedValue(query.signature)) {
    problems.push(MASKED_QUERY_SIGNATURE);
    return { ...base, valid: undefined, validAsSent: undefined, masked: true, problems };
  }
  if (trusted.length === 0) {
    problems.push("No IdP certificate was supplied, so the query signature could not be checked.");
    return { ...base, valid: undefined, validAsSent: undefined, problems };
  }
  const scheme: SignatureScheme | undefined = SIGNATURES[assumedSigAlg];
  // python3-saml has a transform for the four RSA algorithms only; any other SigAlg it checks as RSA-SHA1, which fails.
  const pythonChecks = PYTHON3_SAML_SIGALGS.has(assumedSigAlg) ? scheme : undefined;
  if (pythonChecks === undefined) {
    problems.push(`python3-saml has no transform for the SigAlg ${assumedSigAlg} and checks the signature as RSA-SHA1, so it cannot verify.`);
  }

  const attempts: string[] = [];
  const verifiesWithAny = async (text: string, using: SignatureScheme): Promise<boolean | undefined> => {
    let checked = false;
    for (const certificate of trusted) {
      const key = certificate.publicKey;
      // A query signature is the algorithm's own output: for ECDSA from Java or OpenSSL that is DER.
      const value = using.name === "ECDSA" && key.kind === "EC" ? (rawEcdsa(signature, key.curve) ?? signature) : signature;
      const result = await verifySignatureValue(certificate, using, utf8Bytes(text), value);
      if ("problem" in result) {
        attempts.push(result.problem);
        continue;
      }
      checked = true;
      if (result.valid) return true;
    }
    return checked ? false : undefined;
  };

  const valid = pythonChecks === undefined ? false : await verifiesWithAny(rebuilt, pythonChecks);
  let validAsSent: boolean | undefined;
  if (asSent === undefined) validAsSent = undefined;
  else if (asSent === rebuilt && pythonChecks !== undefined) validAsSent = valid;
  else validAsSent = scheme === undefined ? undefined : await verifiesWithAny(asSent, scheme);
  if (scheme === undefined) problems.push(`The SigAlg ${assumedSigAlg} is not a signature algorithm this check knows.`);
  if (valid !== true && validAsSent !== true) problems.push(...new Set(attempts));
  return { ...base, valid, validAsSent, problems };
}

/** A DER ECDSA-Sig-Value (SEQUENCE of r and s) as the r||s WebCrypto wants; `undefined` when it is not one. */
function rawEcdsa(der: Uint8Array, curve: EcCurve): Uint8Array | undefined {
  const size = CURVE_BYTES[curve];
  try {
    const sequence = expectTag(readNode(der), TAG.sequence, "ECDSA-Sig-Value");
    if (sequence.encoded.length !== der.length) return undefined;
    const parts = readChildren(sequence);
    if (parts.length !== 2) return undefined;
    const out = new Uint8Array(2 * size);
    for (const [index, part] of parts.entries()) {
      const integer = expectTag(part, TAG.integer, "INTEGER").content;
      let start = 0;
      while (start < integer.length - 1 && integer[start] === 0) start++;
      const bytes = integer.subarray(start);
      if (bytes.length > size) return undefined;
      out.set(bytes, index * size + size - bytes.length);
    }
    return out;
  } catch (error) {
    if (error instanceof DerError) return undefined;
    throw error;
  }
}

/** `SAMLRequest=…[&RelayState=…]&SigAlg=…` as python3-saml's `__build_sign_query` writes it. */
function rebuiltQuery(query: RedirectQuery, sigAlg: string): string {
  let out = `${query.parameter}=${quotePlus(query.value)}`;
  if (query.relayState !== undefined) out += `&RelayState=${quotePlus(query.relayState)}`;
  return `${out}&SigAlg=${quotePlus(sigAlg)}`;
}

/**
 * The signed part of a query string as it was sent: the message, RelayState and SigAlg parameters, each exactly as
 * encoded in the URL, in that order. `undefined` when the query lacks the message parameter.
 */
function signedPartOf(rawQuery: string, parameter: "SAMLRequest" | "SAMLResponse"): string | undefined {
  const raw = new Map<string, string>();
  for (const pair of (rawQuery.startsWith("?") ? rawQuery.slice(1) : rawQuery).split("&")) {
    const equals = pair.indexOf("=");
    const name = equals < 0 ? pair : pair.slice(0, equals);
    // The first of a repeated parameter, as URLSearchParams.get reads it.
    if (!raw.has(name)) raw.set(name, pair);
  }
  const message = raw.get(parameter);
  if (message === undefined) return undefined;
  const relayState = raw.get("RelayState");
  const sigAlg = raw.get("SigAlg");
  return [message, relayState, sigAlg].filter((part) => part !== undefined).join("&");
}

/** Python 3's `urllib.parse.quote_plus`: UTF-8, letters, digits and `_.-~` kept, space as "+", the rest %XX. */
export function quotePlus(value: string): string {
  let encoded: string;
  try {
    // encodeURIComponent also keeps !'()*, which quote_plus escapes; a message value of megabytes is one call.
    encoded = encodeURIComponent(value);
  } catch {
    // A lone surrogate: encoded as TextEncoder writes it (U+FFFD).
    encoded = encodeURIComponent(new TextDecoder().decode(new TextEncoder().encode(value)));
  }
  return encoded.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, "+");
}
