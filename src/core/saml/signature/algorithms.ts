/** The XML-DSig algorithm URIs we verify, mapped to what WebCrypto calls them. */

export type HashName = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

export const DIGESTS: Readonly<Record<string, HashName>> = {
  "http://www.w3.org/2000/09/xmldsig#sha1": "SHA-1",
  "http://www.w3.org/2001/04/xmlenc#sha256": "SHA-256",
  "http://www.w3.org/2001/04/xmldsig-more#sha384": "SHA-384",
  "http://www.w3.org/2001/04/xmlenc#sha512": "SHA-512",
};

export type SignatureScheme =
  | { readonly name: "RSASSA-PKCS1-v1_5"; readonly hash: HashName }
  | { readonly name: "RSA-PSS"; readonly hash: HashName }
  | { readonly name: "ECDSA"; readonly hash: HashName };

const MORE = "http://www.w3.org/2001/04/xmldsig-more#";
const MGF1 = "http://www.w3.org/2007/05/xmldsig-more#";

export const SIGNATURES: Readonly<Record<string, SignatureScheme>> = {
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1": { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" },
  [`${MORE}rsa-sha256`]: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
  [`${MORE}rsa-sha384`]: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-384" },
  [`${MORE}rsa-sha512`]: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-512" },
  [`${MORE}ecdsa-sha1`]: { name: "ECDSA", hash: "SHA-1" },
  [`${MORE}ecdsa-sha256`]: { name: "ECDSA", hash: "SHA-256" },
  [`${MORE}ecdsa-sha384`]: { name: "ECDSA", hash: "SHA-384" },
  [`${MORE}ecdsa-sha512`]: { name: "ECDSA", hash: "SHA-512" },
  // RFC 6931 §2.3.10: MGF1 with the same hash, salt as long as the hash, trailer 0xBC — WebCrypto's RSA-PSS.
  [`${MGF1}sha1-rsa-MGF1`]: { name: "RSA-PSS", hash: "SHA-1" },
  [`${MGF1}sha256-rsa-MGF1`]: { name: "RSA-PSS", hash: "SHA-256" },
  [`${MGF1}sha384-rsa-MGF1`]: { name: "RSA-PSS", hash: "SHA-384" },
  [`${MGF1}sha512-rsa-MGF1`]: { name: "RSA-PSS", hash: "SHA-512" },
};

/**
 * Signature algorithms we verify but python3-saml may not: xmlsec 1.2 (Debian/Ubuntu's libxmlsec1, under
 * python3-saml) has no RSA-PSS, so such a signature fails there however valid it is. xmlsec 1.3 (in the PyPI wheels
 * Sentry installs) added it, so the outcome depends on the SP's build; the rules warn rather than predict.
 */
export const NOT_IN_XMLSEC_1_2: ReadonlySet<string> = new Set(Object.keys(SIGNATURES).filter((uri) => uri.includes("rsa-MGF1")));

export const HASH_LENGTH: Readonly<Record<HashName, number>> = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 };

export const ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
export const EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const INCLUSIVE_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

export interface CanonicalizationAlgorithm {
  readonly exclusive: boolean;
  readonly withComments: boolean;
}

export const CANONICALIZATIONS: Readonly<Record<string, CanonicalizationAlgorithm>> = {
  [EXCLUSIVE_C14N]: { exclusive: true, withComments: false },
  [`${EXCLUSIVE_C14N}WithComments`]: { exclusive: true, withComments: true },
  [INCLUSIVE_C14N]: { exclusive: false, withComments: false },
  [`${INCLUSIVE_C14N}#WithComments`]: { exclusive: false, withComments: true },
};

/** The XML-DSig namespace of InclusiveNamespaces (exc-c14n's PrefixList). */
export const EXC_C14N_NS = "http://www.w3.org/2001/10/xml-exc-c14n#";
