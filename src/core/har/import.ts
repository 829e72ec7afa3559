/** SAML messages out of a parsed HAR 1.2 capture (pasted text); files go through stream-import.ts. */
import * as z from "zod/mini";
import type { CapturedMessage } from "../input/captured.js";
import { messagesOfEntry } from "./entry-messages.js";
import { harImportSchema } from "./schema.js";

export type HarImportResult =
  | { readonly ok: true; readonly messages: readonly CapturedMessage[]; readonly entryCount: number }
  | { readonly ok: false; readonly code: "har.invalid"; readonly message: string };

/** Reads a parsed JSON value as a HAR. Never throws. */
export function importHar(json: unknown): HarImportResult {
  const parsed = z.safeParse(harImportSchema, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? "" : ` at ${issue.path.map(String).join(".") || "the top level"}`;
    return { ok: false, code: "har.invalid", message: `This is not a HAR 1.2 file${where}: ${issue?.message ?? "unexpected structure"}.` };
  }
  return { ok: true, messages: parsed.data.log.entries.flatMap(messagesOfEntry), entryCount: parsed.data.log.entries.length };
}
