/**
 * Bytes → text for decoded SAML messages. UTF-8 is decoded strictly (names with accents must survive, and a broken
 * byte sequence is reported rather than silently replaced); a UTF-8 or UTF-16 byte-order mark is honoured, and a
 * declared legacy encoding (`<?xml … encoding="ISO-8859-1"?>`) is used when the bytes say so.
 */

export type TextResult =
  | { readonly ok: true; readonly text: string; readonly encoding: string; readonly bom: boolean }
  | { readonly ok: false; readonly message: string };

export function decodeMessageText(bytes: Uint8Array): TextResult {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decodeWith("utf-8", bytes.subarray(3), true);
  if (b0 === 0xff && b1 === 0xfe) return decodeWith("utf-16le", bytes.subarray(2), true);
  if (b0 === 0xfe && b1 === 0xff) return decodeWith("utf-16be", bytes.subarray(2), true);
  const declared = declaredEncoding(bytes);
  if (declared !== undefined && declared !== "utf-8" && declared !== "utf8") return decodeWith(declared, bytes, false);
  return decodeWith("utf-8", bytes, false);
}

function decodeWith(encoding: string, bytes: Uint8Array, bom: boolean): TextResult {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, encoding, bom };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, message: `The message declares the encoding "${encoding}", which is not supported.` };
    return { ok: false, message: `The decoded bytes are not valid ${encoding.toUpperCase()} text.` };
  }
}

/** The encoding named in the XML declaration, read as ASCII (every encoding SAML uses is ASCII-compatible there). */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  let start = 0;
  while (start < bytes.length && start < 64 && isBlank(bytes[start])) start++;
  // "<?xml": without a declaration at the start there is nothing to read (most messages have none).
  if (bytes[start] !== 0x3c || bytes[start + 1] !== 0x3f || bytes[start + 2] !== 0x78 || bytes[start + 3] !== 0x6d || bytes[start + 4] !== 0x6c) return undefined;
  let head = "";
  for (let i = start; i < bytes.length && i < start + 200; i++) head += String.fromCharCode(bytes[i] ?? 0);
  const match = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase();
}

function isBlank(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
