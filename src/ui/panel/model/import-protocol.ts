/**
 * Messages between the panel and its import worker, checked with zod on arrival on both sides. The worker answers
 * with the SAML-carrying HAR entries only (a few per login), never the file: once the whole file is known to be a
 * good capture, in batches that start small, so the list shows its first rows while the rest are still on their way.
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

/** The first batch is small (the first row shows at once); each next one doubles, up to this many entries. */
export const FIRST_BATCH = 25;
export const MAX_BATCH = 1000;

/** The batches of entries the worker posts, in order. */
export function* batchesOf<T>(items: readonly T[]): Generator<T[]> {
  let size = FIRST_BATCH;
  for (let start = 0; start < items.length; start += size, size = Math.min(MAX_BATCH, size * 2)) yield items.slice(start, start + size);
}

/** Progress is posted at most once per this many bytes (and at the end): enough for a smooth bar, few messages. */
export const PROGRESS_STEP_BYTES = 1 << 20;
