/**
 * The standalone recorder's state, in storage.session: an MV3 service worker may be stopped at any moment, so nothing
 * captured lives only in its memory. Session storage is cleared when the browser closes, and is not readable by
 * content scripts. The background is the only writer; pages read and listen.
 */
import * as z from "zod/mini";
import { browser } from "./browser.js";

/** The SAML-relevant parts of one captured request; everything else of the request is dropped at capture time. */
const recordSchema = z.object({
  id: z.string(),
  time: z.string(),
  tabId: z.number(),
  method: z.string(),
  url: z.string(),
  /** Form fields of a POST (SAMLRequest/SAMLResponse/RelayState/SigAlg/Signature only), already form-decoded. */
  form: z.optional(z.record(z.string(), z.string())),
  /**
   * The request headers as sent, Cookie included (Chrome needs `extraHeaders` for it): whether the IdP's session
   * cookie travelled with a SAML request is a common cause of failed logins. Masked at export unless the user opts out.
   */
  headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
  /** The HTTP status of the answer (webRequest's statusCode); absent when the request got none (failed, cancelled). */
  status: z.optional(z.number()),
  /** Where a redirect answer sent the browser next. */
  location: z.optional(z.string()),
});
export type RecorderRecord = z.infer<typeof recordSchema>;

const count = z.number().check(z.int(), z.nonnegative());

/**
 * Everything but the records, under one small key; each record has its own key (`recordKey(seq)`), numbered in
 * capture order, so that one capture writes one record and this summary however many are kept, and a page that
 * listens receives only what changed.
 */
const recorderMetaSchema = z.object({
  recording: z.boolean(),
  /** Host patterns the user granted for the recording (`scheme://host/*`). */
  origins: z.array(z.string()),
  /** Ring buffer size, set by the user. */
  cap: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
  /** Records dropped because the buffer was full, since the last clear. */
  dropped: z.number(),
  /**
   * What went wrong since the recording started, in the user's words (storage full, access to a site removed); the
   * recorder page shows it until the next start or clear.
   */
  problem: z.optional(z.string()),
  /** The records kept are numbered [first, next), oldest first; numbers are never reused. */
  first: count,
  next: count,
  /** Their size as MAX_BYTES counts it (JSON characters), kept as records come and go. */
  bytes: count,
});
export type RecorderMeta = z.infer<typeof recorderMetaSchema>;
/** What the user controls and sees of the recorder (the numbering is the store's business). */
export type RecorderSettings = Omit<RecorderMeta, "first" | "next" | "bytes">;

const DEFAULT_CAP = 500;
/** storage.session holds 10 MB in Chrome; stay well inside it whatever the count cap says. */
export const MAX_BYTES = 8 * 1024 * 1024;
export const META_KEY = "recorder";
const RECORD_PREFIX = "recorder:";

export const EMPTY_META: RecorderMeta = { recording: false, origins: [], cap: DEFAULT_CAP, dropped: 0, first: 0, next: 0, bytes: 0 };

export const recordKey = (seq: number) => `${RECORD_PREFIX}${seq}`;
export const keptCount = (meta: RecorderMeta) => meta.next - meta.first;
/** The keys of records [from, to). */
export const recordKeys = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, offset) => recordKey(from + offset));
/** A record's size as MAX_BYTES counts it. */
export const recordBytes = (record: RecorderRecord) => JSON.stringify(record).length;

export function readMeta(value: unknown): RecorderMeta {
  const parsed = z.safeParse(recorderMetaSchema, value);
  return parsed.success ? parsed.data : EMPTY_META;
}

/** The user's cap outlives the browser session (storage.local); the recording itself does not. */
export const CAP_KEY = "recorderCap";
const capSchema = recorderMetaSchema.shape.cap;

export async function readRecorderMeta(): Promise<RecorderMeta> {
  const stored: unknown = (await browser.storage.session.get(META_KEY))[META_KEY];
  if (stored !== undefined) return readMeta(stored);
  // A new browser session: nothing recorded yet, with the cap the user chose last.
  const cap = z.safeParse(capSchema, (await browser.storage.local.get(CAP_KEY))[CAP_KEY]);
  return cap.success ? { ...EMPTY_META, cap: cap.data } : EMPTY_META;
}

/** Checks what is written, as every reader checks it. */
export const checkedMeta = (meta: RecorderMeta) => z.parse(recorderMetaSchema, meta);
export const checkedRecord = (record: RecorderRecord) => z.parse(recordSchema, record);

function readRecord(value: unknown): RecorderRecord | undefined {
  const parsed = z.safeParse(recordSchema, value);
  return parsed.success ? parsed.data : undefined;
}

/** The records kept, oldest first (a record that does not read as one is left out). */
export async function readRecorderRecords(meta: RecorderMeta): Promise<RecorderRecord[]> {
  const keys = recordKeys(meta.first, meta.next);
  if (keys.length === 0) return [];
  const stored = await browser.storage.session.get(keys);
  return keys.flatMap((key) => {
    const record = readRecord(stored[key]);
    return record === undefined ? [] : [record];
  });
}

export interface RecorderChange {
  /** The new summary, when it changed. */
  readonly meta: RecorderMeta | undefined;
  /** Records written by this change, in capture order. */
  readonly added: readonly RecorderRecord[];
}

/** Calls `listener` with what each storage change did to the recorder: the summary, and the records added. */
export function onRecorderChanged(listener: (change: RecorderChange) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== "session") return;
    const added: { seq: number; record: RecorderRecord }[] = [];
    for (const [key, change] of Object.entries(changes)) {
      if (!key.startsWith(RECORD_PREFIX) || change.newValue === undefined) continue;
      const record = readRecord(change.newValue);
      if (record !== undefined) added.push({ seq: Number(key.slice(RECORD_PREFIX.length)), record });
    }
    const meta = META_KEY in changes ? readMeta(changes[META_KEY]?.newValue) : undefined;
    if (meta === undefined && added.length === 0) return;
    listener({ meta, added: added.sort((a, b) => a.seq - b.seq).map((item) => item.record) });
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/** Opens the recorder page in a new tab (from the popup, or from the panel when DevTools delivers nothing). */
export async function openRecorderTab(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL("recorder.html") });
}
