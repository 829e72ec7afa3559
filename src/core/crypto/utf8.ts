/**
 * UTF-8 bytes of a text that is almost always ASCII (canonical SignedInfo: element names, algorithm URIs, base64).
 * A plain loop writes such a text several times faster than `TextEncoder.encode`, whose call costs ~10 µs for 700
 * characters in Chromium; anything beyond ASCII goes to the encoder, so the bytes are the same either way (lone
 * surrogates become U+FFFD).
 */
const encoder = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  const length = text.length;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(text);
    out[i] = code;
  }
  return out;
}
