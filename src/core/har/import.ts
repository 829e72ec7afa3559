/** SAML messages out of a HAR 1.2 capture: query strings (Redirect) and form bodies (POST), in capture order. */
import * as z from "zod/mini";
import type { CapturedMessage, HttpAnswer } from "../input/captured.js";
import { messagesFromForm, messagesFromQuery } from "../input/parameters.js";
import { harImportSchema, type HarImport } from "./schema.js";

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
  return { ok: true, messages: messagesFromHar(parsed.data), entryCount: parsed.data.log.entries.length };
}

function messagesFromHar(har: HarImport): CapturedMessage[] {
  const out: CapturedMessage[] = [];
  har.log.entries.forEach((entry, index) => {
    const { request } = entry;
    const context = {
      url: request.url,
      startedAt: entry.startedDateTime,
      origin: `HAR entry ${index + 1} (${request.method} ${shorten(request.url)})`,
      answer: answerOf(entry.response),
    };
    const queryStart = request.url.indexOf("?");
    if (queryStart >= 0) out.push(...messagesFromQuery(request.url.slice(queryStart + 1).split("#")[0] ?? "", context));
    const post = request.postData;
    if (post !== undefined && request.method.toUpperCase() === "POST") {
      if (post.text !== undefined && post.text !== "") out.push(...messagesFromForm(post.text, context));
      else if (post.params !== undefined) {
        const body = post.params.map((param) => `${encodeURIComponent(param.name)}=${encodeURIComponent(param.value ?? "")}`).join("&");
        out.push(...messagesFromForm(body, context));
      }
    }
  });
  return out;
}

function answerOf(response: HarImport["log"]["entries"][number]["response"]): HttpAnswer | undefined {
  if (response === undefined) return undefined;
  const content = response.content;
  const text = content?.text !== undefined && content.encoding !== "base64" ? content.text : undefined;
  return { status: response.status, mimeType: content?.mimeType, text };
}

function shorten(url: string): string {
  const noQuery = url.split("?")[0] ?? url;
  return noQuery.length > 80 ? `${noQuery.slice(0, 77)}...` : noQuery;
}
