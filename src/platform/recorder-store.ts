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

const recorderStateSchema = z.object({
  recording: z.boolean(),
  /** Host patterns the user granted for the recording (`scheme://host/*`). */
  origins: z.array(z.string()),
  /** Most recent last. */
  records: z.array(recordSchema),
  /** Ring buffer size, set by the user. */
  cap: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
  /** Records dropped because the buffer was full, since the last clear. */
  dropped: z.number(),
  /**
   * What went wrong since the recording started, in the user's words (storage full, access to a site removed); the
   * recorder page shows it until the next start or clear.
   */
  problem: z.optional(z.string()),
});
export type RecorderState = z.infer<typeof recorderStateSchema>;

const DEFAULT_CAP = 500;
/** storage.session holds 10 MB in Chrome; stay well inside it whatever the count cap says. */
export const MAX_BYTES = 8 * 1024 * 1024;
const KEY = "recorder";

export const EMPTY_STATE: RecorderState = { recording: false, origins: [], records: [], cap: DEFAULT_CAP, dropped: 0 };

export async function readRecorderState(): Promise<RecorderState> {
  const stored = await browser.storage.session.get(KEY);
  const parsed = z.safeParse(recorderStateSchema, stored[KEY]);
  return parsed.success ? parsed.data : EMPTY_STATE;
}

export async function writeRecorderState(state: RecorderState): Promise<void> {
  await browser.storage.session.set({ [KEY]: z.parse(recorderStateSchema, state) });
}

export function onRecorderStateChanged(listener: (state: RecorderState) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== "session" || !(KEY in changes)) return;
    const parsed = z.safeParse(recorderStateSchema, changes[KEY]?.newValue);
    listener(parsed.success ? parsed.data : EMPTY_STATE);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/** Opens the recorder page in a new tab (from the popup, or from the panel when DevTools delivers nothing). */
export async function openRecorderTab(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL("recorder.html") });
}
