/**
 * Messages between the panel and its import worker, checked with zod on arrival on both sides. The worker answers
 * with the SAML-carrying HAR entries only (a few per login), never the file, as they are read: the list shows its first
 * rows while the rest of the file is still being read. A file that turns out broken ends with an error, and the panel
 * then takes back the rows it showed.
 */
import * as z from "zod/mini";
import { harImportEntrySchema } from "../../../core/har/schema.js";
import type { KeptEntry } from "../../../core/har/stream-import.js";

export const toImportWorkerSchema = z.object({ type: z.literal("import"), file: z.instanceof(Blob) });

const count = z.number().check(z.int(), z.nonnegative());

export const fromImportWorkerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), bytesRead: count, totalBytes: count }),
  z.object({ type: z.literal("entries"), entries: z.array(z.object({ index: count, entry: harImportEntrySchema })) }),
  z.object({
    type: z.literal("done"),
    read: z.discriminatedUnion("ok", [
      z.object({ ok: z.literal(true), requestCount: count, messageCount: count }),
      z.object({ ok: z.literal(false), message: z.string(), cancelled: z.boolean() }),
    ]),
  }),
]);

export type ToImportWorker = z.infer<typeof toImportWorkerSchema>;
/** What the worker posts (`fromImportWorkerSchema` is how the panel reads it). */
export type FromImportWorker =
  | { readonly type: "progress"; readonly bytesRead: number; readonly totalBytes: number }
  | { readonly type: "entries"; readonly entries: readonly KeptEntry[] }
  | { readonly type: "done"; readonly read: CaptureCounts };

/** How the import ended; the entries went ahead in batches. */
export type CaptureCounts = { readonly ok: true; readonly requestCount: number; readonly messageCount: number } | { readonly ok: false; readonly message: string; readonly cancelled: boolean };

/** The page reads each message in one task: a few dozen entries keep that task well inside a frame. */
export const ENTRIES_PER_MESSAGE = 50;

/** The first message carries fewer: the first rows show after reading a handful of entries, not fifty. */
export const FIRST_MESSAGE_ENTRIES = 8;

/** Progress is posted at most once per this many bytes (and at the end): enough for a smooth bar, few messages. */
export const PROGRESS_STEP_BYTES = 1 << 20;
