/**
 * Base64 as SAML traffic really carries it: line-wrapped, URL-safe, unpadded, `+` turned into spaces by a form
 * decoder, or URL-encoded once too often. We decode all of these for the user, and record each deviation as a quirk,
 * because python3-saml (`base64.b64decode`, non-strict) silently drops the characters it does not know and then fails
 * on the padding or on garbage bytes.
 */
import { decodeStandardBase64 } from "../crypto/base64.js";

export type Base64Quirk =
  /** Line breaks or tabs between the characters: harmless, every decoder skips them. */
  | "whitespace"
  /** `-` and `_` instead of `+` and `/`. */
  | "url-safe"
  /** Trailing `=` missing. */
  | "missing-padding"
  /** Spaces where `+` was: the value went through a form decoder without having been URL-encoded. */
  | "plus-as-space"
  /** `%2B`, `%2F`, `%3D`: the value was URL-encoded once more than the binding says. */
  | "percent-encoded";

/** Quirks the service provider's own decoder survives. */
export const HARMLESS_BASE64_QUIRKS: ReadonlySet<Base64Quirk> = new Set(["whitespace"]);

export type Base64Result =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly quirks: readonly Base64Quirk[] }
  | { readonly ok: false; readonly message: string };

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  table["-".charCodeAt(0)] = 62;
  table["_".charCodeAt(0)] = 63;
  return table;
})();

/** Decodes base64 leniently. Never throws. */
export function decodeBase64(input: string): Base64Result {
  // The common case first; anything unusual goes through the lenient decoder, which names the quirk.
  const bytes = decodeStandardBase64(input);
  return bytes === undefined ? decodeLenient(input) : { ok: true, bytes, quirks: [] };
}

function decodeLenient(input: string): Base64Result {
  const quirks: Base64Quirk[] = [];
  let text = input.trim();
  if (/%(2B|2F|3D|0A|0D)/i.test(text)) {
    const unescaped = safeDecodeURIComponent(text);
    if (unescaped !== undefined) {
      text = unescaped.trim();
      quirks.push("percent-encoded");
    }
  }
  if (/[ ]/.test(text) && !/\+/.test(text)) {
    // A value that spans lines has line breaks, not lone spaces; lone spaces in an otherwise clean value were `+`.
    const withPlus = text.replace(/ /g, "+");
    if (!/\s/.test(withPlus)) {
      text = withPlus;
      quirks.push("plus-as-space");
    }
  }
  if (/\s/.test(text)) {
    text = text.replace(/\s+/g, "");
    quirks.push("whitespace");
  }
  if (/[-_]/.test(text)) quirks.push("url-safe");
  let body = text;
  while (body.endsWith("=")) body = body.slice(0, -1);
  if (body.length === 0) return { ok: false, message: "The value is empty: there is nothing to decode." };
  if (body.length % 4 === 1) {
    return { ok: false, message: `The base64 value is truncated: ${body.length} characters cannot be a whole number of bytes.` };
  }
  const padded = body.length % 4 === 0 ? 0 : 4 - (body.length % 4);
  if (text.length - body.length !== padded) {
    if (text.length === body.length) quirks.push("missing-padding");
    else return { ok: false, message: "The base64 value has the wrong number of '=' padding characters at its end." };
  }
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const value = code < 128 ? (LOOKUP[code] ?? -1) : -1;
    if (value < 0) {
      return {
        ok: false,
        message: `The value is not base64: character ${JSON.stringify(body[i])} at position ${i + 1} is not in the base64 alphabet.`,
      };
    }
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return { ok: true, bytes: bytes.subarray(0, out), quirks };
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += char(n >> 18) + char(n >> 12) + char(n >> 6) + char(n);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += char(n >> 18) + char(n >> 12) + "==";
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += char(n >> 18) + char(n >> 12) + char(n >> 6) + "=";
  }
  return out;
}

function char(sextet: number): string {
  return ALPHABET.charAt(sextet & 63);
}

function safeDecodeURIComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
