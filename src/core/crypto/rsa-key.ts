/** The size of an RSA public key, read from its DER SubjectPublicKeyInfo (RFC 3279: a BIT STRING holding n and e). */
import { DerError, TAG, expectTag, readChildren, readNode } from "./der";

/** Bits in the RSA modulus, or `undefined` when the bytes are not an RSA SubjectPublicKeyInfo. Never throws. */
export function rsaModulusBits(spki: Uint8Array): number | undefined {
  try {
    const [, keyNode] = readChildren(expectTag(readNode(spki), TAG.sequence, "SubjectPublicKeyInfo"));
    const bits = expectTag(keyNode, TAG.bitString, "subjectPublicKey").content;
    // The first octet of a BIT STRING counts its unused bits; an RSA key uses them all.
    const [modulusNode] = readChildren(expectTag(readNode(bits.subarray(1)), TAG.sequence, "RSAPublicKey"));
    const modulus = expectTag(modulusNode, TAG.integer, "modulus").content;
    let start = 0;
    while (start < modulus.length && modulus[start] === 0) start++;
    const top = modulus[start];
    if (top === undefined) return undefined;
    return (modulus.length - start - 1) * 8 + (32 - Math.clz32(top));
  } catch (error) {
    if (error instanceof DerError) return undefined;
    throw error;
  }
}
