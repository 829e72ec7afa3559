/**
 * One HTTP request as DevTools, `getHAR()` or a HAR file describe it (a HAR 1.2 entry), read into what the panel keeps:
 * the entry itself (export writes it back out, redacted), the HTTP facts for the HTTP tab, and the SAML messages it
 * carried (query string: Redirect; form body: POST), both read by the core's HAR reader.
 */
import * as z from "zod/mini";
import type { CapturedMessage } from "../../../core/input/captured.js";
import { messagesOfEntry } from "../../../core/har/entry-messages.js";
import { harImportEntrySchema, type HarImportEntry } from "../../../core/har/schema.js";

export interface Header {
  readonly name: string;
  readonly value: string;
}

export interface HttpDetails {
  readonly method: string;
  readonly url: string;
  readonly startedAt: string | undefined;
  /** `undefined` when the request never got an answer (blocked, cancelled). */
  readonly status: number | undefined;
  readonly statusText: string | undefined;
  readonly requestHeaders: readonly Header[];
  readonly responseHeaders: readonly Header[];
  /** Where a redirect sends the browser next (the Location header). */
  readonly location: string | undefined;
  readonly responseMimeType: string | undefined;
}

export interface CapturedEntry {
  readonly source: HarImportEntry;
  readonly http: HttpDetails;
  readonly messages: readonly CapturedMessage[];
}

/**
 * Reads one entry; `undefined` when it is not a HAR entry at all. `index` numbers it for messages ("HAR entry 3").
 * `responseText` is the body DevTools handed over on request (only fetched for IdP error pages).
 */
export function readEntry(raw: unknown, index: number, responseText?: string): CapturedEntry | undefined {
  const parsed = z.safeParse(harImportEntrySchema, raw);
  return parsed.success ? fromHarEntry(parsed.data, index, responseText) : undefined;
}

export function fromHarEntry(entry: HarImportEntry, index: number, responseText?: string): CapturedEntry {
  const source = withResponseText(entry, responseText);
  const { request, response } = source;
  const http: HttpDetails = {
    method: request.method.toUpperCase(),
    url: request.url,
    startedAt: source.startedDateTime,
    status: response !== undefined && response.status > 0 ? response.status : undefined,
    statusText: response?.statusText || undefined,
    requestHeaders: request.headers ?? [],
    responseHeaders: response?.headers ?? [],
    location: response?.headers?.find((header) => header.name.toLowerCase() === "location")?.value ?? (response?.redirectURL || undefined),
    responseMimeType: response?.content?.mimeType || undefined,
  };
  return { source, http, messages: messagesOfEntry(source, index) };
}

function withResponseText(entry: HarImportEntry, text: string | undefined): HarImportEntry {
  const response = entry.response;
  if (text === undefined || response === undefined || response.content?.text !== undefined) return entry;
  return { ...entry, response: { ...response, content: { ...response.content, text } } };
}

/**
 * Keycloak refuses a bad AuthnRequest with an HTML page, and Sentry shows its verdict on a Response in one; a body is
 * worth fetching only for an answer to a SAML message (bodies are large and DevTools hands them over one by one).
 */
export function wantsResponseBody(entry: CapturedEntry): boolean {
  return (
    entry.messages.length > 0 &&
    entry.messages.every((message) => message.answer?.text === undefined) &&
    /html/i.test(entry.http.responseMimeType ?? "")
  );
}
