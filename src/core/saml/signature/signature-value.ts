/** Checks a SignatureValue against canonical SignedInfo with one certificate's public key, through WebCrypto. */
import type { Certificate, EcCurve } from "../../crypto/x509";
import { HASH_LENGTH, type SignatureScheme } from "./algorithms";

export type SignatureValueResult = { readonly valid: boolean } | { readonly problem: string };

/** r and s each take this many bytes in the r||s form of XML-DSig 1.1 and WebCrypto. */
export const CURVE_BYTES: Readonly<Record<EcCurve, number>> = { "P-256": 32, "P-384": 48, "P-521": 66 };

/**
 * A base64 value SAML Lens's redaction wrote in place of a signature or digest (zeroedBase64, as long as the
 * original): zero bytes throughout, i.e. nothing but "A" before the padding, which no RSA or ECDSA signature and no
 * digest ever is. Shorter than the shortest real value (a SHA-1 digest, 20 bytes) it is just a broken value. Read from
 * the text, so that a real value is told apart at its first characters without being decoded.
 */
export function isMaskedValue(base64: string): boolean {
  return /^\s*(?:A\s*){27,}(?:=\s*){0,2}$/.test(base64);
}

const REDACTED_CAPTURE = "this capture was redacted for sharing, so the signature cannot be checked. Check the original capture.";
export const MASKED_SIGNATURE = `The SignatureValue and DigestValue are masked (zero bytes): ${REDACTED_CAPTURE}`;
export const MASKED_QUERY_SIGNATURE = `The Signature parameter is masked (zero bytes): ${REDACTED_CAPTURE}`;

/** Imported keys, per certificate and scheme: the same trusted certificate verifies message after message. */
const keyCache = new WeakMap<Certificate, Map<string, Promise<CryptoKey>>>();
/** The same keys once imported. */
const importedKeys = new WeakMap<Certificate, Map<string, CryptoKey>>();

function keyName(scheme: SignatureScheme): string {
  return `${scheme.name}/${scheme.hash}`;
}

export async function verifySignatureValue(
  certificate: Certificate,
  scheme: SignatureScheme,
  signedInfo: Uint8Array<ArrayBuffer>,
  signatureValue: Uint8Array,
): Promise<SignatureValueResult> {
  const key = certificate.publicKey;
  const wantsEc = scheme.name === "ECDSA";
  if (key.kind === "unknown" || (key.kind === "EC") !== wantsEc) {
    const has = key.kind === "unknown" ? `a key of type ${key.algorithm}` : `an ${key.kind} key`;
    return { problem: `The certificate "${certificate.info.subject}" has ${has}, which cannot check an ${wantsEc ? "ECDSA" : "RSA"} signature.` };
  }
  // A key imported before is used without an await, so that the check is handed to WebCrypto in the same turn as
  // the digest and runs alongside it (and alongside the rules), instead of one event-loop turn later.
  let cryptoKey = importedKeys.get(certificate)?.get(keyName(scheme));
  if (cryptoKey === undefined) {
    try {
      cryptoKey = await importKey(certificate, scheme);
    } catch (error) {
      return { problem: `The public key of "${certificate.info.subject}" could not be imported: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  let signature = copy(signatureValue);
  // A bare name is the cheapest form to normalize, and the check's cost on the calling thread is what the user waits for.
  let parameters: AlgorithmIdentifier | RsaPssParams | EcdsaParams = scheme.name;
  if (scheme.name === "RSA-PSS") parameters = { name: "RSA-PSS", saltLength: HASH_LENGTH[scheme.hash] };
  if (key.kind === "EC") {
    parameters = { name: "ECDSA", hash: scheme.hash };
    // XML-DSig 1.1 specifies r||s of fixed width (WebCrypto's format too); any other length cannot be a valid value.
    if (signature.length !== 2 * CURVE_BYTES[key.curve]) return { valid: false };
  }
  try {
    return { valid: await globalThis.crypto.subtle.verify(parameters, cryptoKey, signature, signedInfo) };
  } catch (error) {
    return { problem: `The signature could not be checked: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function importKey(certificate: Certificate, scheme: SignatureScheme): Promise<CryptoKey> {
  let perScheme = keyCache.get(certificate);
  if (perScheme === undefined) {
    perScheme = new Map();
    keyCache.set(certificate, perScheme);
  }
  const cacheKey = keyName(scheme);
  let key = perScheme.get(cacheKey);
  if (key === undefined) {
    const algorithm: RsaHashedImportParams | EcKeyImportParams =
      certificate.publicKey.kind === "EC"
        ? { name: "ECDSA", namedCurve: certificate.publicKey.curve }
        : { name: scheme.name, hash: scheme.hash };
    key = globalThis.crypto.subtle.importKey("spki", copy(certificate.spki), algorithm, false, ["verify"]);
    // A failed import must not poison the cache for the next message.
    key.then(
      (imported) => {
        let ready = importedKeys.get(certificate);
        if (ready === undefined) {
          ready = new Map();
          importedKeys.set(certificate, ready);
        }
        ready.set(cacheKey, imported);
      },
      () => perScheme.delete(cacheKey),
    );
    perScheme.set(cacheKey, key);
  }
  return key;
}

/** WebCrypto wants bytes backed by a plain ArrayBuffer; subarrays of a larger buffer are copied out. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return new Uint8Array(buffer);
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}
