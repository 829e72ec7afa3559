/**
 * One SAML protocol parameter (`SAMLRequest` / `SAMLResponse`) from its transport form to XML text.
 * HTTP-POST carries plain base64; HTTP-Redirect carries raw DEFLATE + base64 (URL decoding happened when the query
 * string was split). Senders get this wrong in predictable ways; each deviation we repair is recorded as a quirk so
 * the diagnostics can say whether the receiver would have repaired it too.
 */
import { decodeBase64, type Base64Quirk } from "./base64.js";
import { hasZlibHeader, inflateRaw, formatBytes, MAX_MESSAGE_BYTES } from "./inflate.js";
import { decodeMessageText } from "./text.js";

export type Binding = "HTTP-POST" | "HTTP-Redirect";

export type DecodeQuirk =
  | Base64Quirk
  /** A DEFLATEd message in a POST form: the SP does not inflate POSTed messages. */
  | "deflated-post"
  /** A zlib header in front of the DEFLATE data. */
  | "zlib-header"
  /** A Redirect-binding message that was not DEFLATEd. */
  | "not-deflated"
  | "byte-order-mark"
  | "legacy-encoding";

export type DecodeErrorCode = "decode.invalid-base64" | "decode.too-large" | "decode.invalid-deflate" | "decode.not-text";

export interface DecodeError {
  readonly code: DecodeErrorCode;
  readonly message: string;
  readonly quirks: readonly DecodeQuirk[];
}

export interface DecodedText {
  readonly xml: string;
  readonly quirks: readonly DecodeQuirk[];
  /** Size of the decoded message in bytes. */
  readonly byteLength: number;
}

export type DecodeResult = { readonly ok: true; readonly value: DecodedText } | { readonly ok: false; readonly error: DecodeError };

/** Base64 is 4/3 of the bytes; the slack allows for line breaks. */
const MAX_ENCODED_CHARS = Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 1024 * 1024;

/** Decodes one protocol parameter value. Never throws. */
export function decodeSamlValue(value: string, binding: Binding): DecodeResult {
  if (value.length > MAX_ENCODED_CHARS) {
    return fail("decode.too-large", `The value is ${formatBytes(value.length)} long; messages over ${formatBytes(MAX_MESSAGE_BYTES)} are not decoded.`, []);
  }
  const decoded = decodeBase64(value);
  if (!decoded.ok) return fail("decode.invalid-base64", decoded.message, []);
  const quirks: DecodeQuirk[] = [...decoded.quirks];
  let bytes = decoded.bytes;
  if (looksLikeXml(bytes)) {
    if (binding === "HTTP-Redirect") quirks.push("not-deflated");
  } else {
    const zlib = hasZlibHeader(bytes);
    const inflated = inflateRaw(zlib ? bytes.subarray(2) : bytes);
    if (inflated.ok && (binding === "HTTP-Redirect" || looksLikeXml(inflated.bytes))) {
      bytes = inflated.bytes;
      if (zlib) quirks.push("zlib-header");
      if (binding === "HTTP-POST") quirks.push("deflated-post");
    } else if (!inflated.ok && inflated.reason === "too-large") {
      return fail("decode.too-large", inflated.message, quirks);
    } else if (binding === "HTTP-Redirect" && !inflated.ok) {
      return fail("decode.invalid-deflate", `The HTTP-Redirect value must be DEFLATE-compressed, but: ${inflated.message}`, quirks);
    }
  }
  if (bytes.length > MAX_MESSAGE_BYTES) {
    return fail("decode.too-large", `The message is ${formatBytes(bytes.length)}; messages over ${formatBytes(MAX_MESSAGE_BYTES)} are not analysed.`, quirks);
  }
  const text = decodeMessageText(bytes);
  if (!text.ok) return fail("decode.not-text", `The value decodes to bytes that are not a SAML message: ${text.message}`, quirks);
  if (text.bom) quirks.push("byte-order-mark");
  if (text.encoding !== "utf-8") quirks.push("legacy-encoding");
  return { ok: true, value: { xml: text.text, quirks, byteLength: bytes.length } };
}

function fail(code: DecodeErrorCode, message: string, quirks: readonly DecodeQuirk[]): DecodeResult {
  return { ok: false, error: { code, message, quirks } };
}

/** First non-blank character (after a byte-order mark) is `<`, in UTF-8 or UTF-16. */
function looksLikeXml(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  for (; i < bytes.length && i < 4096; i++) {
    const byte = bytes[i];
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x3c;
  }
  return false;
}
