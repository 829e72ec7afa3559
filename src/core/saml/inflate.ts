/**
 * DEFLATE for the HTTP-Redirect binding, with a cap on the output: a few kilobytes of hostile input can inflate to
 * gigabytes, so decompression stops as soon as the output passes the cap instead of exhausting memory.
 */
import { Inflate } from "fflate";

/** Larger than any real SAML message (Keycloak responses with many roles stay well under 1 MB). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export type InflateResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: "invalid" | "too-large"; readonly message: string };

class OutputTooLarge extends Error {}

/** Input bytes per push: ~1 MB of output at most, and few enough pushes for a real message (usually one). */
const INPUT_SLICE = 1024;

/** Inflates raw DEFLATE data (no zlib header), as the Redirect binding specifies. Never throws. */
export function inflateRaw(data: Uint8Array, maxBytes: number = MAX_MESSAGE_BYTES): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new OutputTooLarge();
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    // fflate hands over the output of each push only when that push is done, so the input goes in slices: DEFLATE
    // expands at most ~1,032 times, so no push can produce much more than a megabyte past the cap.
    if (data.length === 0) inflater.push(data, true);
    for (let offset = 0; offset < data.length; offset += INPUT_SLICE) {
      inflater.push(data.subarray(offset, offset + INPUT_SLICE), offset + INPUT_SLICE >= data.length);
    }
  } catch (error) {
    if (error instanceof OutputTooLarge) {
      return {
        ok: false,
        reason: "too-large",
        message: `The DEFLATE data expands to more than ${formatBytes(maxBytes)}; decompression was stopped (a decompression bomb or not a SAML message).`,
      };
    }
    return { ok: false, reason: "invalid", message: `The data is not valid DEFLATE: ${error instanceof Error ? error.message : String(error)}.` };
  }
  if (!finished) return { ok: false, reason: "invalid", message: "The DEFLATE data is truncated." };
  return { ok: true, bytes: concat(chunks, total) };
}

/** Whether the bytes start with a zlib header (RFC 1950), which the Redirect binding does not allow but some senders add. */
export function hasZlibHeader(data: Uint8Array): boolean {
  const first = data[0];
  const second = data[1];
  if (first === undefined || second === undefined) return false;
  return (first & 0x0f) === 8 && (first >> 4) <= 7 && ((first << 8) | second) % 31 === 0;
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
