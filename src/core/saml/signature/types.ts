/**
 * The contract between signature verification (src/core/saml/signature/) and the diagnostics (src/core/rules/).
 * Each signature found in a message is reported separately: what it signs, and each check on its own.
 */

/** A certificate the user supplied (PEM, or from IdP metadata), already decoded. */
export interface TrustedCertificate {
  /** DER bytes of the X.509 certificate. */
  readonly der: Uint8Array;
  /** Where it came from, for messages ("IdP metadata https://…/descriptor", "pasted PEM"). */
  readonly source: string;
}

export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string; // ISO-8601
  readonly notAfter: string; // ISO-8601
  /** SHA-256 fingerprint, upper-case hex with colons. */
  readonly sha256Fingerprint: string;
  readonly publicKeyAlgorithm: "RSA" | "EC" | "unknown";
}

export type SignedElementKind = "Response" | "Assertion" | "AuthnRequest" | "LogoutRequest" | "LogoutResponse" | "EntityDescriptor" | "other";

export interface SignatureCheck {
  /** Which element carries the signature, e.g. "Response" or "Assertion". */
  readonly signedElement: SignedElementKind;
  /** The ID attribute of the element the signature belongs to (its parent). */
  readonly signedElementId: string | undefined;
  /** The Reference URI as written (e.g. "#_abc"). */
  readonly referenceUri: string | undefined;
  readonly signatureAlgorithm: string | undefined; // URI
  readonly digestAlgorithm: string | undefined; // URI
  readonly canonicalizationAlgorithm: string | undefined; // URI
  /** Digest of the referenced element matches DigestValue. `undefined` when it could not be computed. */
  readonly digestValid: boolean | undefined;
  /** SignatureValue verifies over canonical SignedInfo with the key used. `undefined` when no key was available. */
  readonly signatureValid: boolean | undefined;
  /** Certificate embedded in KeyInfo, if any. */
  readonly embeddedCertificate: CertificateInfo | undefined;
  /** The key that verified matched a supplied certificate; `undefined` when none was supplied. */
  readonly matchesTrustedCertificate: boolean | undefined;
  /** Certificate used is past notAfter (or before notBefore) at `now`. */
  readonly certificateExpired: boolean | undefined;
  /**
   * The Reference does not point at the signature's own parent element, or the ID is not unique, or the element the
   * consumer would read is not the one that was verified (XML signature wrapping).
   */
  readonly wrapping: boolean;
  /**
   * Where the element the digest covers is, as `elementPath()` writes it (e.g. `/samlp:Response/saml:Assertion`);
   * `undefined` when the Reference resolves to nothing. The rules compare it with the element they read.
   */
  readonly verifiedElementPath: string | undefined;
  /** Human-readable problems found while checking (unsupported algorithm, malformed KeyInfo, ...). */
  readonly problems: readonly string[];
  /**
   * SignatureValue and every DigestValue are zero bytes: masked by a redacted export (SAML Lens writes them so for
   * sharing). No real signature or digest is all zeros, so the signature was not checked rather than called invalid.
   */
  readonly masked?: boolean;
}

export interface SignatureReport {
  readonly signatures: readonly SignatureCheck[];
  /** The query-string signature of an HTTP-Redirect message, when it carries one and it was checked. */
  readonly query?: QuerySignatureCheck;
}

/** An HTTP-Redirect message's signed parameters, as captured. */
export interface RedirectQuery {
  readonly parameter: "SAMLRequest" | "SAMLResponse";
  /** The message parameter's value, URL-decoded. */
  readonly value: string;
  readonly relayState: string | undefined;
  readonly sigAlg: string | undefined;
  /** The Signature parameter, URL-decoded (base64). */
  readonly signature: string;
  /** The query string exactly as sent, when the URL was captured. */
  readonly rawQuery: string | undefined;
}

export interface QuerySignatureCheck {
  /** The SigAlg parameter (a URI); `undefined` when absent. */
  readonly sigAlg: string | undefined;
  /** Whether it verifies the way python3-saml checks it (the rebuilt string): what Sentry decides by. */
  readonly valid: boolean | undefined;
  /** Whether it verifies over the query exactly as sent: what the sender signed and Keycloak checks. */
  readonly validAsSent: boolean | undefined;
  /** The string python3-saml rebuilds differs from the one sent (another URL encoding of the same values). */
  readonly encodingDiffers: boolean;
  /** The signed string as sent (or as rebuilt when the URL was not captured). */
  readonly signedQuery: string;
  /** The signed string as python3-saml rebuilds it. */
  readonly rebuiltQuery: string;
  readonly problems: readonly string[];
  /** The Signature parameter is zero bytes: masked by a redacted export, so it was not checked. */
  readonly masked?: boolean;
}
