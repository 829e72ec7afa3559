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
import { utf8Bytes } from "../../crypto/utf8";
import type { Certificate } from "../../crypto/x509";
import { SIGNATURES, type SignatureScheme } from "./algorithms";
import { verifySignatureValue } from "./signature-value";
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
  if (trusted.length === 0) {
    problems.push("No IdP certificate was supplied, so the query signature could not be checked.");
    return { ...base, valid: undefined, validAsSent: undefined, problems };
  }
  const scheme: SignatureScheme | undefined = SIGNATURES[assumedSigAlg];
  // What python3-saml verifies with: its own transform for the four RSA algorithms, RSA-SHA1 for anything else.
  const pythonScheme: SignatureScheme = PYTHON3_SAML_SIGALGS.has(assumedSigAlg) && scheme !== undefined ? scheme : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" };
  if (!PYTHON3_SAML_SIGALGS.has(assumedSigAlg)) {
    problems.push(`python3-saml has no transform for the SigAlg ${assumedSigAlg} and checks the signature as RSA-SHA1, so it cannot verify.`);
  }

  const attempts: string[] = [];
  const verifiesWithAny = async (text: string, using: SignatureScheme): Promise<boolean | undefined> => {
    let checked = false;
    for (const certificate of trusted) {
      const result = await verifySignatureValue(certificate, using, utf8Bytes(text), signature);
      if ("problem" in result) {
        attempts.push(result.problem);
        continue;
      }
      checked = true;
      if (result.valid) return true;
    }
    return checked ? false : undefined;
  };

  const valid = PYTHON3_SAML_SIGALGS.has(assumedSigAlg) ? await verifiesWithAny(rebuilt, pythonScheme) : false;
  let validAsSent: boolean | undefined;
  if (asSent === undefined) validAsSent = undefined;
  else if (asSent === rebuilt && PYTHON3_SAML_SIGALGS.has(assumedSigAlg)) validAsSent = valid;
  else validAsSent = scheme === undefined ? undefined : await verifiesWithAny(asSent, scheme);
  if (scheme === undefined) problems.push(`The SigAlg ${assumedSigAlg} is not a signature algorithm this check knows.`);
  if (valid !== true && validAsSent !== true) problems.push(...new Set(attempts));
  return { ...base, valid, validAsSent, problems };
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
export function signedPartOf(rawQuery: string, parameter: "SAMLRequest" | "SAMLResponse"): string | undefined {
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
