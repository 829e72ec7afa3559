/**
 * HAR import for files of any size, from bytes as they arrive (a browser `File.stream()`, a Node read stream, or one
 * buffer handed over in slices). Only the entries that carry a SAML message are parsed and kept; every byte is still
 * checked, so a truncated, broken or foreign file gets a clear error instead of a partial result.
 */
import * as z from "zod/mini";
import type { CapturedMessage } from "../input/captured.js";
import { messagesOfEntry } from "./entry-messages.js";
import { HarEntrySplitter, HarTextError, type SplitEntry } from "./entry-splitter.js";
import { harImportEntrySchema, type HarImportEntry } from "./schema.js";

export type HarStreamErrorCode = "har.not-utf8" | "har.invalid-json" | "har.invalid" | "har.unreadable";

/** An entry that carries SAML, as read from the file: what export writes back out. */
export interface KeptEntry {
  /** Position in the file's `log.entries`, from 0. */
  readonly index: number;
  readonly entry: HarImportEntry;
}

export type HarStreamResult =
  | {
      readonly ok: true;
      readonly messages: readonly CapturedMessage[];
      /** Entries in the file, SAML or not. */
      readonly entryCount: number;
      readonly entries: readonly KeptEntry[];
    }
  | { readonly ok: false; readonly code: HarStreamErrorCode; readonly message: string };

export interface HarImporter {
  /** Feeds the next bytes (or already decoded text). Never throws; after an error, further input is ignored. */
  push(chunk: Uint8Array | string): void;
  /** Ends the input and returns the result. Never throws. */
  finish(): HarStreamResult;
}

export interface HarImporterOptions {
  /** Called with each SAML-carrying entry as soon as it is read (the file may still turn out broken further on). */
  readonly onEntry?: (kept: KeptEntry) => void;
}

export function createHarImporter(options: HarImporterOptions = {}): HarImporter {
  const messages: CapturedMessage[] = [];
  const entries: KeptEntry[] = [];
  let failure: HarStreamResult | undefined;
  const splitter = new HarEntrySplitter((split) => {
    if (failure === undefined && split.mentionsSaml) keep(split);
  });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytesSeen = 0;
  let first = true;

  function keep(split: SplitEntry): void {
    let json: unknown;
    try {
      json = JSON.parse(split.text());
    } catch (error) {
      // The splitter has checked the syntax already; this is a safety net, not a path users should meet.
      throw new HarTextError("json", `log.entries[${split.index}] is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 0);
    }
    const parsed = z.safeParse(harImportEntrySchema, json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = [`log.entries[${split.index}]`, ...(issue?.path.map(String) ?? [])].join(".");
      failure = { ok: false, code: "har.invalid", message: `This is not a HAR 1.2 file: at ${where}: ${issue?.message ?? "unexpected structure"}.` };
      return;
    }
    const found = messagesOfEntry(parsed.data, split.index);
    if (found.length === 0) return;
    messages.push(...found);
    const kept = { index: split.index, entry: parsed.data };
    entries.push(kept);
    options.onEntry?.(kept);
  }

  function guard(step: () => void): void {
    if (failure !== undefined) return;
    try {
      step();
    } catch (error) {
      failure = toFailure(error);
    }
  }

  return {
    push(chunk) {
      guard(() => {
        if (typeof chunk === "string") {
          // The byte decoder drops a byte-order mark; text handed over as such may still start with one.
          splitter.push(first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
          if (chunk !== "") first = false;
        } else {
          if (chunk.length > 0) first = false;
          bytesSeen += chunk.length;
          splitter.push(decodeOrFail(decoder, chunk, true, bytesSeen));
        }
      });
    },
    finish() {
      guard(() => {
        splitter.push(decodeOrFail(decoder, new Uint8Array(0), false, bytesSeen));
        splitter.end();
      });
      return failure ?? { ok: true, messages, entryCount: splitter.entryCount, entries };
    },
  };
}

/** Imports a whole file already in memory, in slices, so that it is never turned into one string. Never throws. */
export function importHarBytes(bytes: Uint8Array, sliceBytes = 1 << 16): HarStreamResult {
  const importer = createHarImporter();
  for (let start = 0; start < bytes.length; start += sliceBytes) importer.push(bytes.subarray(start, start + sliceBytes));
  return importer.finish();
}

/** Imports from a stream of bytes or text. Never throws: a stream that fails is reported as unreadable. */
export async function importHarStream(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>): Promise<HarStreamResult> {
  const importer = createHarImporter();
  try {
    if ("getReader" in source) {
      const reader = source.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) importer.push(read.value);
    } else {
      for await (const chunk of source) importer.push(chunk);
    }
  } catch (error) {
    return { ok: false, code: "har.unreadable", message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  return importer.finish();
}

class NotUtf8 extends Error {}

function decodeOrFail(decoder: TextDecoder, bytes: Uint8Array, stream: boolean, bytesSeen: number): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new NotUtf8(`The file is not UTF-8 text (an invalid byte sequence within its first ${formatCount(bytesSeen)} bytes); a HAR file is UTF-8 JSON.`);
  }
}

function toFailure(error: unknown): HarStreamResult {
  if (error instanceof NotUtf8) return { ok: false, code: "har.not-utf8", message: error.message };
  if (error instanceof HarTextError) {
    const at = `(at character ${formatCount(error.offset + 1)})`;
    return error.kind === "json"
      ? { ok: false, code: "har.invalid-json", message: `The file is not valid JSON: ${error.message} ${at}` }
      : { ok: false, code: "har.invalid", message: `${error.message} ${at}` };
  }
  return { ok: false, code: "har.invalid", message: `The HAR file could not be read: ${error instanceof Error ? error.message : String(error)}` };
}

function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}
