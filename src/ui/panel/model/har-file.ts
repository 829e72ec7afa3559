/**
 * A HAR file the user dropped or picked, read by the core's streaming importer: only the entries that carry SAML are
 * parsed and kept, so a 100 MB capture never becomes one giant string or object tree.
 */
import { importHarStream, type HarStreamResult } from "../../../core/har/stream-import.js";
import { fromHarEntry, type CapturedEntry } from "./entry.js";

export type HarFileResult =
  | { readonly ok: true; readonly entries: readonly CapturedEntry[]; readonly requestCount: number; readonly messageCount: number }
  | { readonly ok: false; readonly message: string };

export function entriesOfImport(result: HarStreamResult): HarFileResult {
  if (!result.ok) return { ok: false, message: result.message };
  const entries = result.entries.map((kept) => fromHarEntry(kept.entry, kept.index));
  return { ok: true, entries, requestCount: result.entryCount, messageCount: result.messages.length };
}

export async function readHarFile(stream: ReadableStream<Uint8Array>): Promise<HarFileResult> {
  return entriesOfImport(await importHarStream(stream));
}
