/**
 * XML-DSig verification of the signatures in a SAML message, each reported check by check (see types.ts), so the
 * rules can say exactly what the SP will object to. Runs on WebCrypto only: browsers and Node alike.
 */
import { decodeBase64 } from "../../crypto/base64";
import { sha256Text } from "../../crypto/sha256";
import { utf8Bytes } from "../../crypto/utf8";
import { readCertificate, type Certificate } from "../../crypto/x509";
import { NS, attribute, type XmlElement } from "../xml";
import { CANONICALIZATIONS, DIGESTS, ENVELOPED_SIGNATURE, NOT_IN_XMLSEC_1_2, SIGNATURES, type CanonicalizationAlgorithm } from "./algorithms";
import { canonicalize } from "./canonicalize";
import { readSignature, type SignatureParts, type SignatureReference } from "./read-signature";
import { MASKED_SIGNATURE, isMaskedValue, verifySignatureValue } from "./signature-value";
import { verifyQuerySignature } from "./query-signature";
import type { RedirectQuery, SignatureCheck, SignatureReport, SignedElementKind, TrustedCertificate } from "./types";
import { elementPath, indexDocument, resolveReference, wrappingProblems, type DocumentIndex } from "./wrapping";

export { certificatesFromMetadata, certificatesFromPem, describeCertificate } from "./trusted-certificates";
export { elementPath } from "./wrapping";

export interface VerifyOptions {
  /** The IdP certificates the SP trusts; empty to check each signature with the certificate it carries. */
  readonly trusted: readonly TrustedCertificate[];
  readonly now: Date;
  /** The signed query of an HTTP-Redirect message, checked along with any signature in the XML. */
  readonly query?: RedirectQuery;
}

/**
 * Signatures verified per message. python3-saml verifies at most two (the Response's and its Assertion's) and refuses
 * a message with more before verifying any, so a few cover every message it could accept; beyond them, a hostile
 * message with thousands of signatures over its whole body would cost time quadratic in its size.
 */
const MAX_VERIFIED_SIGNATURES = 4;

/**
 * Checks every ds:Signature in the message (the ones on the Response or request and its Assertions, and any placed
 * elsewhere, which is itself a wrapping sign), verifying the first MAX_VERIFIED_SIGNATURES. Never throws.
 */
export async function verifyMessageSignatures(root: XmlElement, options: VerifyOptions): Promise<SignatureReport> {
  const index = indexDocument(root);
  const trustedProblems: string[] = [];
  const trusted: Certificate[] = [];
  for (const supplied of options.trusted) {
    const read = readTrusted(supplied);
    if (read.ok) trusted.push(read.certificate);
    else trustedProblems.push(`The supplied certificate from ${supplied.source} is unusable: ${read.error.message}`);
  }
  const count = index.signatures.length;
  const query = options.query === undefined ? undefined : verifyQuerySignature(options.query, trusted);
  const signatures = await Promise.all(
    index.signatures.map(async (signature, position) => {
      if (position >= MAX_VERIFIED_SIGNATURES) {
        return failedCheck(
          signature,
          `Not verified: the message carries ${count} signatures, and python3-saml refuses any message with more than two ` +
            `before it verifies one; the first ${MAX_VERIFIED_SIGNATURES} were verified.`,
        );
      }
      try {
        return await checkSignature(signature, index, trusted, options.now, trustedProblems);
      } catch (error) {
        return failedCheck(signature, `The signature could not be checked: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  return query === undefined ? { signatures } : { signatures, query: await query };
}

/** Parsed supplied certificates, kept per object so that analysing many messages parses each certificate once. */
const trustedCache = new WeakMap<TrustedCertificate, ReturnType<typeof readCertificate>>();

function readTrusted(supplied: TrustedCertificate): ReturnType<typeof readCertificate> {
  let read = trustedCache.get(supplied);
  if (read === undefined) {
    read = readCertificate(supplied.der);
    trustedCache.set(supplied, read);
  }
  return read;
}

async function checkSignature(
  signature: XmlElement,
  index: DocumentIndex,
  trusted: readonly Certificate[],
  now: Date,
  trustedProblems: readonly string[],
): Promise<SignatureCheck> {
  const parts = readSignature(signature);
  const problems: string[] = [...trustedProblems];
  const firstReference = parts.references[0];
  const resolved = resolveReference(index, firstReference?.uri);
  const wrapping = wrappingProblems(index, signature, firstReference?.uri, resolved);
  problems.push(...wrapping);
  if (parts.references.length !== 1) {
    problems.push(`SignedInfo has ${parts.references.length} References; a SAML signature has exactly one.`);
  }
  if (firstReference?.uri === "" && signature.parent !== index.root) {
    problems.push('The Reference URI is "" (the whole message), not the ID of the element that carries the signature.');
  }
  if (isMaskedSignature(parts)) {
    // Only the values were replaced: the structure (what is signed, where the reference points) is still the original's.
    return {
      ...failedCheck(signature, MASKED_SIGNATURE),
      referenceUri: firstReference?.uri,
      signatureAlgorithm: parts.signatureAlgorithm,
      digestAlgorithm: firstReference?.digestAlgorithm,
      canonicalizationAlgorithm: parts.canonicalization.algorithm,
      // The certificate the SP would verify with is still known.
      certificateExpired: trusted[0] === undefined ? undefined : isExpired(trusted[0], now),
      wrapping: wrapping.length > 0,
      verifiedElementPath: resolved.element ? elementPath(resolved.element) : undefined,
      problems: [...problems, MASKED_SIGNATURE],
      masked: true,
    };
  }

  // The signature check is a WebCrypto job on another thread: hand it over first, then canonicalize and hash the
  // referenced element here while it runs. Each keeps its own problem list so the report's order is fixed.
  const digestProblems: string[] = [];
  const signatureProblems: string[] = [];
  const signedPending = checkSignatureValue(parts, trusted, signatureProblems);
  const [digestValid, signed] = await Promise.all([checkDigests(parts.references, index, signature, digestProblems), signedPending]);
  problems.push(...digestProblems, ...signatureProblems);
  const used = signed.certificate;
  return {
    signedElement: signedElementKind(signature.parent),
    signedElementId: signature.parent ? attribute(signature.parent, "ID") : undefined,
    referenceUri: firstReference?.uri,
    signatureAlgorithm: parts.signatureAlgorithm,
    digestAlgorithm: firstReference?.digestAlgorithm,
    canonicalizationAlgorithm: parts.canonicalization.algorithm,
    digestValid,
    signatureValid: signed.valid,
    embeddedCertificate: signed.embedded[0]?.info,
    matchesTrustedCertificate: signed.matchesTrusted,
    certificateExpired: used ? isExpired(used, now) : undefined,
    wrapping: wrapping.length > 0,
    verifiedElementPath: resolved.element ? elementPath(resolved.element) : undefined,
    problems,
  };
}

function isExpired(certificate: Certificate, now: Date): boolean {
  return now.getTime() > certificate.notAfter.getTime() || now.getTime() < certificate.notBefore.getTime();
}

/** SignatureValue and every DigestValue zero bytes: what a redacted export writes in place of them. */
function isMaskedSignature(parts: SignatureParts): boolean {
  return (
    isMaskedValue(parts.signatureValue ?? "") && parts.references.length > 0 && parts.references.every((reference) => isMaskedValue(reference.digestValue ?? ""))
  );
}

/** All References must match, as xmlsec requires; `undefined` when one could not be computed and none failed. */
async function checkDigests(
  references: readonly SignatureReference[],
  index: DocumentIndex,
  signature: XmlElement,
  problems: string[],
): Promise<boolean | undefined> {
  if (references.length === 0) {
    problems.push("The signature has no Reference, so it covers nothing.");
    return undefined;
  }
  const results = await Promise.all(references.map((reference) => checkDigest(reference, index, signature, problems)));
  if (results.includes(false)) return false;
  return results.includes(undefined) ? undefined : true;
}

async function checkDigest(
  reference: SignatureReference,
  index: DocumentIndex,
  signature: XmlElement,
  problems: string[],
): Promise<boolean | undefined> {
  const target = resolveReference(index, reference.uri);
  if (target.element === undefined) {
    problems.push(`The Reference URI "${reference.uri ?? "(none)"}" points at no element in this message, so its digest cannot be checked.`);
    return undefined;
  }
  let enveloped = false;
  let method: { algorithm: CanonicalizationAlgorithm; prefixes: readonly string[] } | undefined;
  for (const transform of reference.transforms) {
    const c14n = transform.algorithm === undefined ? undefined : CANONICALIZATIONS[transform.algorithm];
    if (transform.algorithm === ENVELOPED_SIGNATURE) enveloped = true;
    // The first canonicalization turns the node set into octets; re-canonicalizing canonical octets changes nothing.
    else if (c14n !== undefined) method ??= { algorithm: c14n, prefixes: transform.inclusivePrefixes };
    else {
      problems.push(`The Reference uses the transform "${transform.algorithm ?? "(none)"}", which is not supported.`);
      return undefined;
    }
  }
  const hash = reference.digestAlgorithm === undefined ? undefined : DIGESTS[reference.digestAlgorithm];
  if (hash === undefined) {
    problems.push(`The digest algorithm "${reference.digestAlgorithm ?? "(none)"}" is not supported.`);
    return undefined;
  }
  const expected = decodeBase64(reference.digestValue ?? "");
  if (expected === undefined || expected.length === 0) {
    problems.push("The DigestValue is missing or not base64.");
    return false;
  }
  // With no c14n transform, XML-DSig serializes the node set with inclusive c14n 1.0 without comments.
  const algorithm = method?.algorithm ?? { exclusive: false, withComments: false };
  const canonical = canonicalize(target.element, {
    exclusive: algorithm.exclusive,
    withComments: algorithm.withComments && target.keepComments,
    inclusivePrefixes: algorithm.exclusive ? (method?.prefixes ?? []) : [],
    exclude: enveloped ? signature : undefined,
  });
  // SHA-256, what Keycloak uses, is hashed here: a WebCrypto round trip costs more than hashing a message.
  const digest = hash === "SHA-256" ? sha256Text(canonical) : new Uint8Array(await globalThis.crypto.subtle.digest(hash, utf8Bytes(canonical)));
  return equalBytes(digest, expected);
}

interface SignatureValueOutcome {
  readonly valid: boolean | undefined;
  readonly matchesTrusted: boolean | undefined;
  /** The certificate whose key verified, or the one the SP would use when none did. */
  readonly certificate: Certificate | undefined;
  readonly embedded: readonly Certificate[];
}

/**
 * python3-saml verifies with the IdP certificate it is configured with and ignores KeyInfo. So with supplied
 * certificates we verify with those; the embedded certificate only helps to tell "signed by another key" (certificate
 * mismatch) from "signed content altered" (invalid signature).
 */
async function checkSignatureValue(parts: SignatureParts, trusted: readonly Certificate[], problems: string[]): Promise<SignatureValueOutcome> {
  const embedded: Certificate[] = [];
  for (const [position, body] of parts.certificates.entries()) {
    const read = readEmbedded(body);
    if (read?.ok) embedded.push(read.certificate);
    else problems.push(`KeyInfo certificate ${position + 1} is unreadable: ${read ? read.error.message : "not base64"}`);
  }
  const unchecked = (problem: string): SignatureValueOutcome => {
    problems.push(problem);
    return { valid: undefined, matchesTrusted: undefined, certificate: trusted[0] ?? embedded[0], embedded };
  };
  if (parts.signedInfo === undefined) return unchecked("The signature has no SignedInfo.");
  const scheme = parts.signatureAlgorithm === undefined ? undefined : SIGNATURES[parts.signatureAlgorithm];
  if (scheme === undefined) return unchecked(`The signature algorithm "${parts.signatureAlgorithm ?? "(none)"}" is not supported.`);
  if (parts.signatureAlgorithm !== undefined && NOT_IN_XMLSEC_1_2.has(parts.signatureAlgorithm)) {
    problems.push(
      `The signature algorithm ${parts.signatureAlgorithm} (RSA-PSS) needs xmlsec 1.3: Sentry's python3-saml from PyPI ` +
        "checks it, but an SP on Debian's or Ubuntu's python3-saml (xmlsec 1.2, not implemented by xmlsec 1.2) answers " +
        '"Signature validation failed. SAML Response rejected". RSA_SHA256 in the client\'s Signature algorithm setting works everywhere.',
    );
  }
  const c14nUri = parts.canonicalization.algorithm;
  const c14n = c14nUri === undefined ? undefined : CANONICALIZATIONS[c14nUri];
  if (c14n === undefined) return unchecked(`The canonicalization algorithm "${c14nUri ?? "(none)"}" is not supported.`);
  const signatureValue = decodeBase64(parts.signatureValue ?? "");
  if (signatureValue === undefined || signatureValue.length === 0) return unchecked("The SignatureValue is missing or not base64.");

  const signedInfo = utf8Bytes(
    canonicalize(parts.signedInfo, {
      exclusive: c14n.exclusive,
      withComments: c14n.withComments,
      inclusivePrefixes: c14n.exclusive ? parts.canonicalization.inclusivePrefixes : [],
    }),
  );
  let checkedAny = false;
  // Why a key could not be tried (e.g. an EC certificate among RSA ones) matters only when no key verifies.
  const attemptProblems: string[] = [];
  const verifies = async (certificate: Certificate): Promise<boolean> => {
    const result = await verifySignatureValue(certificate, scheme, signedInfo, signatureValue);
    if ("problem" in result) {
      attemptProblems.push(result.problem);
      return false;
    }
    checkedAny = true;
    return result.valid;
  };

  if (trusted.length === 0) {
    if (embedded.length === 0) return unchecked("No certificate was supplied and the signature carries none in KeyInfo, so it could not be checked.");
    for (const certificate of embedded) {
      if (await verifies(certificate)) return { valid: true, matchesTrusted: undefined, certificate, embedded };
    }
    problems.push(...attemptProblems);
    return { valid: checkedAny ? false : undefined, matchesTrusted: undefined, certificate: embedded[0], embedded };
  }

  for (const certificate of trusted) {
    if (await verifies(certificate)) return { valid: true, matchesTrusted: true, certificate, embedded };
  }
  for (const certificate of embedded) {
    if (!trusted.some((t) => equalBytes(t.spki, certificate.spki)) && (await verifies(certificate))) {
      problems.push(...attemptProblems);
      problems.push(
        `Signed with the key of "${certificate.info.subject}" (SHA-256 ${certificate.info.sha256Fingerprint}) from KeyInfo, ` +
          "not with a supplied certificate; the SP verifies only with the certificate it has.",
      );
      return { valid: true, matchesTrusted: false, certificate, embedded };
    }
  }
  problems.push(...attemptProblems);
  const first = embedded[0];
  // Nothing verifies: if the message names the trusted key, its content was altered; if it names another key, that
  // key did not sign it either; with no KeyInfo certificate we cannot tell which is wrong.
  const matchesTrusted = first === undefined ? undefined : trusted.some((t) => equalBytes(t.spki, first.spki));
  if (matchesTrusted === undefined && checkedAny) {
    problems.push("The signature does not verify with the supplied certificate, and the message carries no certificate to tell a wrong key from altered content.");
  }
  return { valid: checkedAny ? false : undefined, matchesTrusted, certificate: trusted[0], embedded };
}

/**
 * An IdP puts the same certificate in every message; remembering the last few parsed ones spares the DER walk and the
 * fingerprint, and keeps their imported keys cached.
 */
const embeddedCache = new Map<string, ReturnType<typeof readCertificate> | undefined>();
const EMBEDDED_CACHE_SIZE = 16;

function readEmbedded(body: string): ReturnType<typeof readCertificate> | undefined {
  if (embeddedCache.has(body)) return embeddedCache.get(body);
  const der = decodeBase64(body);
  const read = der === undefined ? undefined : readCertificate(der);
  if (embeddedCache.size >= EMBEDDED_CACHE_SIZE) {
    const oldest = embeddedCache.keys().next();
    if (!oldest.done) embeddedCache.delete(oldest.value);
  }
  embeddedCache.set(body, read);
  return read;
}

function failedCheck(signature: XmlElement, problem: string): SignatureCheck {
  return {
    signedElement: signedElementKind(signature.parent),
    signedElementId: signature.parent ? attribute(signature.parent, "ID") : undefined,
    referenceUri: undefined,
    signatureAlgorithm: undefined,
    digestAlgorithm: undefined,
    canonicalizationAlgorithm: undefined,
    digestValid: undefined,
    signatureValid: undefined,
    embeddedCertificate: undefined,
    matchesTrustedCertificate: undefined,
    certificateExpired: undefined,
    wrapping: false,
    verifiedElementPath: undefined,
    problems: [problem],
  };
}

function signedElementKind(element: XmlElement | null): SignedElementKind {
  if (element === null) return "other";
  if (element.ns === NS.saml && element.local === "Assertion") return "Assertion";
  if (element.ns === NS.md && element.local === "EntityDescriptor") return "EntityDescriptor";
  if (element.ns === NS.samlp) {
    switch (element.local) {
      case "Response":
      case "AuthnRequest":
      case "LogoutRequest":
      case "LogoutResponse":
        return element.local;
    }
  }
  return "other";
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
