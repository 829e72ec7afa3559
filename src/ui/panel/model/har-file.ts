/**
 * A HAR file the user dropped or picked, read by the core's streaming importer: only the entries that carry SAML are
 * parsed and kept, so a 100 MB capture never becomes one giant string or object tree. The panel runs this in a
 * worker (src/workers/import-worker.ts) with progress and cancel; where no worker can run (tests in node), the same
 * function runs on the calling thread.
 */
import { harEntriesFromSamlTracer, looksLikeSamlTracer } from "../../../core/har/saml-tracer.js";
import { createHarImporter, type HarStreamResult, type KeptEntry } from "../../../core/har/stream-import.js";
import { messagesOfEntry } from "../../../core/har/entry-messages.js";
import { fromHarEntry, type CapturedEntry } from "./entry.js";

export type HarFileResult =
  | { readonly ok: true; readonly entries: readonly CapturedEntry[]; readonly requestCount: number; readonly messageCount: number }
  | { readonly ok: false; readonly message: string; readonly cancelled?: boolean };

/** The file's SAML-carrying entries as read, before they become panel entries: what a worker hands back. */
export type CaptureRead =
  | { readonly ok: true; readonly entries: readonly KeptEntry[]; readonly requestCount: number; readonly messageCount: number }
  | { readonly ok: false; readonly message: string; readonly cancelled: boolean };

export interface ReadProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface ReadOptions {
  /** Called after each chunk of the file was read and imported. */
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly signal?: AbortSignal;
  /**
   * Called with the SAML-carrying entries of a HAR as they are read, before the rest of the file is checked: a file
   * that turns out broken still ends in an error, and whoever showed these entries takes them back.
   */
  readonly onEntries?: (entries: readonly KeptEntry[]) => void;
}

export interface CaptureFile {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
  text(): Promise<string>;
}

const SLICE_BYTES = 1 << 20;
/** The first slices are small, so that the first entries are handed on at once; each next one doubles. */
const FIRST_SLICE_BYTES = 1 << 15;

export const CANCELLED: CaptureRead = { ok: false, message: "Import cancelled.", cancelled: true };

export function entriesOfImport(result: HarStreamResult): HarFileResult {
  return entriesOfRead(readOfImport(result));
}

export function entriesOfRead(read: CaptureRead): HarFileResult {
  if (!read.ok) return read;
  const entries = read.entries.map((kept) => fromHarEntry(kept.entry, kept.index));
  return { ok: true, entries, requestCount: read.requestCount, messageCount: read.messageCount };
}

function readOfImport(result: HarStreamResult): CaptureRead {
  if (!result.ok) return { ok: false, message: result.message, cancelled: false };
  return { ok: true, entries: result.entries, requestCount: result.entryCount, messageCount: result.messages.length };
}

/** SAML-tracer exports are read whole: they hold only the traced requests, never a 100 MB page dump. */
const SAML_TRACER_MAX_BYTES = 64 * 1024 * 1024;

/** A HAR file, or a SAML-tracer export (recognised when the file is JSON but not a HAR), read chunk by chunk. */
export async function readCaptureEntries(file: CaptureFile, options: ReadOptions = {}): Promise<CaptureRead> {
  let found: KeptEntry[] = [];
  const importer = createHarImporter(options.onEntries === undefined ? {} : { onEntry: (kept) => found.push(kept) });
  const flush = () => {
    if (found.length === 0) return;
    options.onEntries?.(found);
    found = [];
  };
  let bytesRead = 0;
  let sliceBytes = FIRST_SLICE_BYTES;
  const reader = file.stream().getReader();
  const cancelled = () => options.signal?.aborted === true;
  try {
    for (;;) {
      if (cancelled()) {
        await reader.cancel().catch(() => undefined);
        return CANCELLED;
      }
      const chunk = await reader.read();
      if (chunk.done) break;
      // Some streams hand over a whole file at once: slices keep the progress moving.
      for (let start = 0; start < chunk.value.length && !cancelled(); start += sliceBytes, sliceBytes = Math.min(SLICE_BYTES, sliceBytes * 2)) {
        const slice = chunk.value.subarray(start, start + sliceBytes);
        importer.push(slice);
        flush();
        bytesRead += slice.length;
        options.onProgress?.({ bytesRead, totalBytes: file.size });
      }
    }
  } catch (error) {
    return { ok: false, message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}`, cancelled: false };
  }
  const har = importer.finish();
  flush();
  if (har.ok || har.code !== "har.invalid" || file.size > SAML_TRACER_MAX_BYTES) return readOfImport(har);
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return readOfImport(har);
  }
  if (!looksLikeSamlTracer(json)) return readOfImport(har);
  const tracer = harEntriesFromSamlTracer(json);
  if (!tracer.ok) return { ok: false, message: tracer.message, cancelled: false };
  const kept = tracer.entries.map((entry, index) => ({ index, entry, messageCount: messagesOfEntry(entry, index).length })).filter((item) => item.messageCount > 0);
  const entries = kept.map(({ index, entry }) => ({ index, entry }));
  options.onEntries?.(entries);
  return {
    ok: true,
    entries,
    requestCount: tracer.requestCount,
    messageCount: kept.reduce((sum, item) => sum + item.messageCount, 0),
  };
}

/** Reads the file on this thread (the fallback where no worker runs). */
export async function readCaptureFile(file: CaptureFile, options: ReadOptions = {}): Promise<HarFileResult> {
  return entriesOfRead(await readCaptureEntries(file, options));
}
