/**
 * Base64 to bytes, for the values inside XML-DSig and PEM (SignatureValue, DigestValue, X509Certificate).
 * Kept here rather than using `atob` so the core never routes bytes through a string.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes standard base64. XML-DSig allows whitespace anywhere in base64 content (line-wrapped certificates), so it is
 * skipped; padding is optional. Returns `undefined` for any other character or an impossible length.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let buffer = 0;
  let bits = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) continue;
    if (code === 0x3d) {
      padding++;
      continue;
    }
    const value = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (value < 0 || padding > 0) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  // Six leftover bits cannot encode a byte: the input was truncated mid-quantum.
  if (bits >= 6 || padding > 2) return undefined;
  return out.subarray(0, length);
}
