/**
 * Messages between the panel and its import worker, checked with zod on arrival on both sides. The worker answers
 * with the SAML-carrying HAR entries only (a few per login), never the file.
 */
import * as z from "zod/mini";
import { harImportEntrySchema } from "../../../core/har/schema.js";
import type { CaptureRead } from "./har-file.js";

export const toImportWorkerSchema = z.object({ type: z.literal("import"), file: z.instanceof(Blob) });

const count = z.number().check(z.int(), z.nonnegative());

export const fromImportWorkerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), bytesRead: count, totalBytes: count }),
  z.object({
    type: z.literal("done"),
    read: z.discriminatedUnion("ok", [
      z.object({ ok: z.literal(true), entries: z.array(z.object({ index: count, entry: harImportEntrySchema })), requestCount: count, messageCount: count }),
      z.object({ ok: z.literal(false), message: z.string(), cancelled: z.boolean() }),
    ]),
  }),
]);

export type ToImportWorker = z.infer<typeof toImportWorkerSchema>;
/** What the worker posts (`fromImportWorkerSchema` is how the panel reads it). */
export type FromImportWorker = { readonly type: "progress"; readonly bytesRead: number; readonly totalBytes: number } | { readonly type: "done"; readonly read: CaptureRead };

/** Progress is posted at most once per this many bytes (and at the end): enough for a smooth bar, few messages. */
export const PROGRESS_STEP_BYTES = 1 << 20;
