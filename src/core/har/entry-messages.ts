/** The SAML messages one HAR entry carries: its query string (Redirect) and its form body (POST). */
import type { CapturedMessage, HttpAnswer } from "../input/captured.js";
import { messagesFromForm, messagesFromQuery } from "../input/parameters.js";
import type { HarImportEntry } from "./schema.js";

export function messagesOfEntry(entry: HarImportEntry, index: number): CapturedMessage[] {
  const { request } = entry;
  const context = {
    url: request.url,
    startedAt: entry.startedDateTime,
    origin: `HAR entry ${index + 1} (${request.method} ${shorten(request.url)})`,
    answer: answerOf(entry.response),
  };
  const out: CapturedMessage[] = [];
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
  return out;
}

function answerOf(response: HarImportEntry["response"]): HttpAnswer | undefined {
  if (response === undefined) return undefined;
  const content = response.content;
  const text = content?.text !== undefined && content.encoding !== "base64" ? content.text : undefined;
  const location = response.headers?.find((header) => header.name.toLowerCase() === "location")?.value ?? (response.redirectURL || undefined);
  return { status: response.status, mimeType: content?.mimeType, text, location };
}

function shorten(url: string): string {
  const noQuery = url.split("?")[0] ?? url;
  return noQuery.length > 80 ? `${noQuery.slice(0, 77)}...` : noQuery;
}
