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
  return decodeStandardBase64(text) ?? decodeSpaced(text);
}

/**
 * Base64 with nothing but the standard alphabet and its padding, in one pass, four characters at a time: what
 * Keycloak writes, and the common case for every decoder here. `undefined` for anything else (whitespace, the URL-safe
 * alphabet, missing padding, any other character), which the callers handle their own way.
 */
export function decodeStandardBase64(input: string): Uint8Array | undefined {
  const length = input.length;
  if (length === 0 || length % 4 !== 0) return undefined;
  let padding = 0;
  if (input.charCodeAt(length - 1) === EQUALS) padding = input.charCodeAt(length - 2) === EQUALS ? 2 : 1;
  const body = length - padding;
  const out = new Uint8Array((body * 3) >> 2);
  let o = 0;
  let i = 0;
  for (; i + 4 <= body; i += 4) {
    const a = sextet(input.charCodeAt(i));
    const b = sextet(input.charCodeAt(i + 1));
    const c = sextet(input.charCodeAt(i + 2));
    const d = sextet(input.charCodeAt(i + 3));
    if ((a | b | c | d) < 0) return undefined;
    const word = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = word >> 16;
    out[o++] = (word >> 8) & 0xff;
    out[o++] = word & 0xff;
  }
  if (body - i >= 2) {
    const a = sextet(input.charCodeAt(i));
    const b = sextet(input.charCodeAt(i + 1));
    const c = body - i === 3 ? sextet(input.charCodeAt(i + 2)) : 0;
    if ((a | b | c) < 0) return undefined;
    out[o++] = (a << 2) | (b >> 4);
    if (body - i === 3) out[o++] = ((b & 0x0f) << 4) | (c >> 2);
  }
  return out;
}

const EQUALS = 0x3d;

function sextet(code: number): number {
  return code < 128 ? (VALUES[code] ?? -1) : -1;
}

function decodeSpaced(text: string): Uint8Array | undefined {
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
