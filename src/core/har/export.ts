/**
 * Export of captured SAML traffic as HAR 1.2, which browsers' network panels and other SAML tools open. Redacted by
 * default (redact-entry.ts), so the file can go into a support ticket; the entries are normalised to the spec, with
 * the fields a capture left out filled in as "unknown".
 */
import type { CapturedMessage } from "../input/captured.js";
import type { Binding } from "../saml/decode.js";
import { encodeBase64 } from "../saml/base64.js";
import { Pseudonyms } from "./pseudonyms.js";
import { EntryRedactor } from "./redact-entry.js";
import type { Har, HarEntry, HarImportEntry } from "./schema.js";

export interface HarExportOptions {
  /** Mask personal data and secrets (default true). */
  readonly redact?: boolean;
  readonly creator?: { readonly name: string; readonly version: string };
}

export interface HarExport {
  readonly har: Har;
  /**
   * The file's text in pieces (one per entry), for writers that stream or build a Blob: a recorded session can be
   * large, and one giant string is what makes other recorders' exports fail.
   */
  readonly parts: readonly string[];
}

const DEFAULT_CREATOR = { name: "SAML Lens for Keycloak", version: "0.1.0" };
const UNKNOWN_TIME = "1970-01-01T00:00:00.000Z";

/** Builds the HAR; never throws. */
export function exportHar(entries: readonly HarImportEntry[], options: HarExportOptions = {}): HarExport {
  const redact = options.redact ?? true;
  let source = entries;
  let notes: readonly string[][] = entries.map(() => []);
  if (redact) {
    const redactor = new EntryRedactor(new Pseudonyms());
    // Every SAML message first: a NameID found in the last login must also be masked in the first page.
    for (const entry of entries) redactor.learn(entry);
    const redacted = entries.map((entry) => ({ entry: redactor.redact(entry), notes: redactor.takeNotes() }));
    source = redacted.map((item) => item.entry);
    notes = redacted.map((item) => item.notes);
  }
  const normalized = source.map((entry, index) => normalize(entry, redact ? redactionComment(notes[index] ?? []) : undefined));
  const har: Har = {
    log: {
      version: "1.2",
      creator: { ...(options.creator ?? DEFAULT_CREATOR) },
      ...(redact ? { comment: "Redacted by SAML Lens: NameID, attribute values, e-mail addresses, certificates, signature values, cookies and credentials are masked." } : {}),
      // Last, so that the pieces below can be cut around it.
      entries: normalized,
    },
  };
  const { entries: list, ...rest } = har.log;
  const head = JSON.stringify({ log: { ...rest, entries: [] } }, null, 2);
  const cut = head.lastIndexOf("[]");
  const parts = [head.slice(0, cut + 1), ...list.map((entry, index) => `${index === 0 ? "\n" : ",\n"}${indent(JSON.stringify(entry, null, 2))}`), `\n    ${head.slice(cut + 1)}\n`];
  return { har, parts };
}

/** The whole file as one string (fine for the handful of entries a SAML login has). */
export function exportHarText(entries: readonly HarImportEntry[], options: HarExportOptions = {}): string {
  return exportHar(entries, options).parts.join("");
}

/**
 * Entries for messages that did not come from a HAR (a pasted form body, URL, base64 value or XML): a GET for the
 * Redirect binding, a form POST otherwise. `bindings` overrides a binding the analysis corrected.
 */
export function entriesFromMessages(messages: readonly CapturedMessage[], bindings: readonly (Binding | undefined)[] = []): HarImportEntry[] {
  return messages.map((message, index) => {
    const binding = bindings[index] ?? message.binding;
    const value = message.encoding === "xml" ? encodeBase64(new TextEncoder().encode(message.value)) : message.value;
    const params = new URLSearchParams({ [message.parameter]: value });
    if (message.relayState !== undefined) params.set("RelayState", message.relayState);
    if (message.sigAlg !== undefined) params.set("SigAlg", message.sigAlg);
    if (message.signature !== undefined) params.set("Signature", message.signature);
    const questionMark = message.url?.indexOf("?") ?? -1;
    const target = message.url === undefined ? "https://unknown.invalid/" : questionMark < 0 ? message.url : message.url.slice(0, questionMark);
    const query = message.url === undefined || questionMark < 0 ? undefined : message.url.slice(questionMark + 1);
    const answer = message.answer;
    const response = answer === undefined ? undefined : { status: answer.status, content: { mimeType: answer.mimeType, text: answer.text } };
    // A pasted URL keeps its query as sent: a Redirect signature covers those exact bytes.
    const url = `${target}?${binding === "HTTP-Redirect" && query !== undefined && query !== "" ? query : params.toString()}`;
    return binding === "HTTP-Redirect"
      ? { startedDateTime: message.startedAt, request: { method: "GET", url }, response }
      : {
          startedDateTime: message.startedAt,
          request: { method: "POST", url: message.url ?? target, postData: { mimeType: "application/x-www-form-urlencoded", text: params.toString() } },
          response,
        };
  });
}

function normalize(entry: HarImportEntry, comment: string | undefined): HarEntry {
  const { request, response } = entry;
  const post = request.postData;
  const started = entry.startedDateTime !== undefined && !Number.isNaN(Date.parse(entry.startedDateTime)) ? new Date(entry.startedDateTime).toISOString() : UNKNOWN_TIME;
  const content = response?.content;
  const timings = entry.timings ?? { send: 0, wait: 0, receive: 0 };
  const comments = [entry.comment, comment].filter((text): text is string => text !== undefined && text !== "");
  return {
    startedDateTime: started,
    time: entry.time !== undefined && entry.time >= 0 ? entry.time : timings.send + timings.wait + timings.receive,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: request.httpVersion ?? "HTTP/1.1",
      cookies: request.cookies ?? [],
      headers: request.headers ?? [],
      queryString: queryOf(request.url),
      ...(post === undefined
        ? {}
        : {
            postData: {
              mimeType: post.mimeType,
              ...(post.text === undefined ? {} : { text: post.text }),
              ...(post.params === undefined ? {} : { params: post.params.map((param) => (param.value === undefined ? { name: param.name } : { name: param.name, value: param.value })) }),
            },
          }),
      headersSize: -1,
      bodySize: post?.text === undefined ? (post === undefined ? 0 : -1) : utf8Length(post.text),
    },
    response: {
      status: response?.status ?? 0,
      statusText: response?.statusText ?? "",
      httpVersion: response?.httpVersion ?? "HTTP/1.1",
      cookies: response?.cookies ?? [],
      headers: response?.headers ?? [],
      content: {
        size: content?.text === undefined ? 0 : utf8Length(content.text),
        mimeType: content?.mimeType ?? "",
        ...(content?.text === undefined ? {} : { text: content.text }),
        ...(content?.encoding === undefined || content.text === undefined ? {} : { encoding: content.encoding }),
      },
      redirectURL: response?.redirectURL ?? "",
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: nonNegative(timings.send), wait: nonNegative(timings.wait), receive: nonNegative(timings.receive) },
    ...(entry.serverIPAddress === undefined ? {} : { serverIPAddress: entry.serverIPAddress }),
    ...(comments.length === 0 ? {} : { comment: comments.join(" ") }),
  };
}

function redactionComment(notes: readonly string[]): string {
  return notes.length === 0 ? "Redacted by SAML Lens." : `Redacted by SAML Lens: ${notes.join("; ")}.`;
}

function queryOf(url: string): { name: string; value: string }[] {
  const question = url.indexOf("?");
  if (question < 0) return [];
  return [...new URLSearchParams(url.slice(question + 1).split("#")[0] ?? "")].map(([name, value]) => ({ name, value }));
}

function nonNegative(value: number): number {
  return value >= 0 ? value : 0;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function indent(text: string): string {
  return text.replace(/^/gm, "      ");
}
