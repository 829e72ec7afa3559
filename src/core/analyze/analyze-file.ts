/**
 * Analysis of a file the user opened (CLI argument, file picker, dropped file) as bytes or a stream: a HAR is
 * imported as it streams in, without ever becoming one string; anything else is small and read as text. The result
 * also carries the entries an export writes back out.
 */
import { entriesFromMessages } from "../har/export.js";
import type { HarImportEntry } from "../har/schema.js";
import { createHarImporter, type HarStreamResult } from "../har/stream-import.js";
import type { CapturedMessage } from "../input/captured.js";
import { readInput, type InputKind } from "../input/detect.js";
import { binaryKind, isText } from "../input/what-it-is.js";
import { formatBytes } from "../saml/inflate.js";
import { analyzeCaptured, type AnalyzeOptions } from "./analyze.js";
import type { Analysis } from "./result.js";

export type FileAnalysisResult =
  | {
      readonly ok: true;
      readonly kind: InputKind;
      readonly analysis: Analysis;
      /** HAR entries carrying the analysed messages (synthesised for non-HAR input), for export. */
      readonly entries: readonly HarImportEntry[];
    }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/**
 * Input other than a HAR is read as one text. Past this size it is no SAML message, form body or URL (a message over
 * 16 MB is not decoded anyway), and not much further on it could not even be one JavaScript string.
 */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

/**
 * JSON that the HAR importer refuses is read again as text when it is this small or smaller: a SAML-tracer export holds
 * only the traced requests. A stream's bytes are kept up to this size for that second reading (standard input cannot
 * be read twice).
 */
const MAX_REREAD_BYTES = 32 * 1024 * 1024;

const HAR_ERRORS: Readonly<Record<string, string>> = {
  "har.invalid-json": "input.invalid-json",
  "har.invalid": "input.invalid-har",
  "har.not-utf8": "input.not-utf8",
  "har.unreadable": "input.unreadable",
};

/** Never throws. */
export async function analyzeFile(source: Uint8Array | ReadableStream<Uint8Array>, options: AnalyzeOptions): Promise<FileAnalysisResult> {
  try {
    const read = source instanceof Uint8Array ? readBytes(source) : await readStream(source);
    // JSON that is not a HAR may be a SAML-tracer export: those are small, and readInput knows them.
    if (read.kind === "har" && !read.result.ok && read.result.code === "har.invalid" && read.whole !== undefined) {
      return await fromText(read.whole(), options);
    }
    if (read.kind === "har") return await fromHar(read.result, options);
    return await fromText(read.bytes, options, read.tooLarge);
  } catch (error) {
    return { ok: false, error: { code: "internal", message: `The analysis failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

type Read =
  /** `whole`: the input's bytes, when it is small enough to be read again as text. */
  | { readonly kind: "har"; readonly result: HarStreamResult; readonly whole?: () => Uint8Array }
  /** `tooLarge`: the stream passed MAX_TEXT_BYTES and was not read further; `bytes` is only its start. */
  | { readonly kind: "text"; readonly bytes: Uint8Array; readonly tooLarge?: number };

const SLICE = 1 << 16;

function readBytes(bytes: Uint8Array): Read {
  if (!startsLikeJson(bytes)) return { kind: "text", bytes };
  const importer = createHarImporter();
  for (let start = 0; start < bytes.length; start += SLICE) importer.push(bytes.subarray(start, start + SLICE));
  return { kind: "har", result: importer.finish(), ...(bytes.length <= MAX_REREAD_BYTES ? { whole: () => bytes } : {}) };
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<Read> {
  const reader = stream.getReader();
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let importer: ReturnType<typeof createHarImporter> | undefined;
  /** What the importer was given, while it is small enough to be read again as text; `undefined` once it is not. */
  let imported: Uint8Array[] | undefined;
  let importedBytes = 0;
  const keep = (chunk: Uint8Array): void => {
    importedBytes += chunk.length;
    if (importedBytes > MAX_REREAD_BYTES) imported = undefined;
    else imported?.push(chunk);
  };
  let decided = false;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (importer !== undefined) {
        importer.push(read.value);
        keep(read.value);
        continue;
      }
      held.push(read.value);
      heldBytes += read.value.length;
      if (heldBytes > MAX_TEXT_BYTES) {
        // Not a HAR, and too large to be anything else: the rest need not be read.
        await reader.cancel().catch(() => undefined);
        return { kind: "text", bytes: held[0] ?? new Uint8Array(), tooLarge: heldBytes };
      }
      if (decided) continue;
      const head = concat(held);
      // Decide once something other than whitespace has arrived.
      if (head.some((byte, index) => !isBlank(byte) && !(index < 3 && isBom(head, index)))) {
        decided = true;
        if (startsLikeJson(head)) {
          importer = createHarImporter();
          importer.push(head);
          imported = [];
          keep(head);
          held.length = 0;
        }
      }
    }
  } catch (error) {
    return { kind: "har", result: { ok: false, code: "har.unreadable", message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}` } };
  }
  if (importer === undefined) return { kind: "text", bytes: concat(held) };
  const kept = imported;
  return { kind: "har", result: importer.finish(), ...(kept === undefined ? {} : { whole: () => concat(kept) }) };
}

async function fromHar(result: HarStreamResult, options: AnalyzeOptions): Promise<FileAnalysisResult> {
  if (!result.ok) return { ok: false, error: { code: HAR_ERRORS[result.code] ?? "input.invalid-har", message: result.message } };
  if (result.messages.length === 0) {
    return { ok: false, error: { code: "input.no-saml", message: `The HAR file has ${result.entryCount} requests, none of them carries a SAMLRequest or SAMLResponse.` } };
  }
  const analysis = await analyzeCaptured(result.messages, options);
  return { ok: true, kind: "har", analysis, entries: result.entries.map((kept) => kept.entry) };
}

async function fromText(bytes: Uint8Array, options: AnalyzeOptions, streamedBytes?: number): Promise<FileAnalysisResult> {
  const size = streamedBytes ?? bytes.length;
  if (size > MAX_TEXT_BYTES) {
    const read = streamedBytes === undefined ? formatBytes(size) : `over ${formatBytes(MAX_TEXT_BYTES)}`;
    return {
      ok: false,
      error: {
        code: "input.too-large",
        message: `The input is ${read} and not a HAR file: too large for a SAML message, a form body or a URL (a message over 16 MB is not decoded). Only a HAR file, which is read as it streams, may be this large.`,
      },
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: { code: "input.not-utf8", message: isText(bytes) ? "The input is not UTF-8 text." : `This is ${binaryKind(bytes)}, not text: no SAML message found.` } };
  }
  const input = readInput(text);
  if (!input.ok) return { ok: false, error: { code: input.code, message: input.message } };
  const captured: readonly CapturedMessage[] = input.messages;
  const analysis = await analyzeCaptured(captured, options);
  return {
    ok: true,
    kind: input.kind,
    analysis,
    entries: entriesFromMessages(
      captured,
      analysis.messages.map((message) => message.binding),
    ),
  };
}

function startsLikeJson(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (isBlank(byte) || (i < 3 && isBom(bytes, i))) continue;
    return byte === 0x7b || byte === 0x5b;
  }
  return false;
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** Part of a UTF-8 byte-order mark at the start. */
function isBom(bytes: Uint8Array, index: number): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && index < 3;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
