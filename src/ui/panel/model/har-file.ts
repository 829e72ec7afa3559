/**
 * A HAR file the user dropped or picked, read by the core's streaming importer: only the entries that carry SAML are
 * parsed and kept, so a 100 MB capture never becomes one giant string or object tree.
 */
import { harEntriesFromSamlTracer, looksLikeSamlTracer } from "../../../core/har/saml-tracer.js";
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

/** SAML-tracer exports are read whole: they hold only the traced requests, never a 100 MB page dump. */
const SAML_TRACER_MAX_BYTES = 64 * 1024 * 1024;

/** A HAR file, or a SAML-tracer export (recognised when the file is JSON but not a HAR). */
export async function readCaptureFile(file: { readonly size: number; stream(): ReadableStream<Uint8Array>; text(): Promise<string> }): Promise<HarFileResult> {
  const har = await importHarStream(file.stream());
  if (har.ok || har.code !== "har.invalid" || file.size > SAML_TRACER_MAX_BYTES) return entriesOfImport(har);
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return entriesOfImport(har);
  }
  if (!looksLikeSamlTracer(json)) return entriesOfImport(har);
  const tracer = harEntriesFromSamlTracer(json);
  if (!tracer.ok) return { ok: false, message: tracer.message };
  const entries = tracer.entries.map((entry, index) => fromHarEntry(entry, index)).filter((entry) => entry.messages.length > 0);
  return { ok: true, entries, requestCount: tracer.requestCount, messageCount: entries.reduce((sum, entry) => sum + entry.messages.length, 0) };
}
