/**
 * SAML-tracer's export (its "Export" button: `{ requests: [...], timestamp }`, simplesamlphp/SAML-tracer
 * src/SAMLTraceIO.js) read as HAR entries, so everything that reads a HAR reads it too. Each request keeps its method,
 * URL, headers, GET/POST parameters as `[name, value]` pairs and, for SAML requests, the decoded XML in `saml`. With
 * SAML-tracer's "hash" or "obfuscate" export profiles the POST values are masked but `saml` is not: the message is then
 * re-encoded from that XML (base64 for POST, raw DEFLATE + base64 for a query string), byte for byte the text it
 * decoded, so signatures still verify.
 */
import { deflateSync as deflateRaw } from "fflate";
import * as z from "zod/mini";
import { encodeBase64 } from "../saml/base64.js";
import type { HarImportEntry } from "./schema.js";

const pairSchema = z.tuple([z.string(), z.string()]);
const headerSchema = z.union([z.object({ name: z.string(), value: z.string() }), pairSchema]);
const requestSchema = z.object({
  method: z.string(),
  url: z.string(),
  requestHeaders: z.optional(z.array(headerSchema)),
  get: z.optional(z.array(pairSchema)),
  post: z.optional(z.array(pairSchema)),
  saml: z.optional(z.nullable(z.string())),
  responseStatus: z.optional(z.union([z.number(), z.string()])),
  responseStatusText: z.optional(z.string()),
  responseHeaders: z.optional(z.array(headerSchema)),
});
const exportSchema = z.object({ requests: z.array(z.unknown()), timestamp: z.optional(z.string()) });

export type SamlTracerResult =
  | { readonly ok: true; readonly entries: readonly HarImportEntry[]; readonly requestCount: number }
  | { readonly ok: false; readonly message: string };

/** Whether parsed JSON has the shape of a SAML-tracer export (checked before reading it as one). */
export function looksLikeSamlTracer(json: unknown): boolean {
  return z.safeParse(exportSchema, json).success;
}

export function harEntriesFromSamlTracer(json: unknown): SamlTracerResult {
  const file = z.safeParse(exportSchema, json);
  if (!file.success) return { ok: false, message: "This is not a SAML-tracer export: it has no `requests` list." };
  const entries: HarImportEntry[] = [];
  for (const [index, raw] of file.data.requests.entries()) {
    const request = z.safeParse(requestSchema, raw);
    if (!request.success) return { ok: false, message: `SAML-tracer request ${index + 1} is malformed: ${request.error.issues[0]?.message ?? "unexpected structure"}.` };
    entries.push(toEntry(request.data, file.data.timestamp));
  }
  return { ok: true, entries, requestCount: file.data.requests.length };
}

type TracerRequest = z.infer<typeof requestSchema>;
type Header = z.infer<typeof headerSchema>;

const headers = (list: readonly Header[] | undefined) =>
  (list ?? []).map((header) => (Array.isArray(header) ? { name: header[0], value: header[1] } : header));

function toEntry(request: TracerRequest, timestamp: string | undefined): HarImportEntry {
  const method = request.method.toUpperCase();
  const samlParameter = (pairs: readonly (readonly [string, string])[] | undefined) => pairs?.find(([name]) => name === "SAMLRequest" || name === "SAMLResponse");
  let url = request.url;
  let post = request.post;
  const xml = request.saml ?? undefined;
  const encoder = new TextEncoder();
  if (xml !== undefined && xml.trim().startsWith("<")) {
    // Re-encode from the decoded XML: it is never masked by SAML-tracer's export profiles.
    const inPost = samlParameter(post);
    const inQuery = new URL(url, "http://x.invalid").searchParams;
    if (method === "POST" && inPost !== undefined) {
      post = post?.map(([name, value]) => [name, name === inPost[0] ? encodeBase64(encoder.encode(xml)) : value] as [string, string]);
    } else if (inQuery.has("SAMLRequest") || inQuery.has("SAMLResponse")) {
      const name = inQuery.has("SAMLRequest") ? "SAMLRequest" : "SAMLResponse";
      const parsed = new URL(url);
      parsed.searchParams.set(name, encodeBase64(deflateRaw(encoder.encode(xml))));
      url = parsed.toString();
    }
  }
  const status = Number(request.responseStatus);
  return {
    startedDateTime: timestamp,
    request: {
      method,
      url,
      headers: headers(request.requestHeaders),
      ...(method === "POST" && post !== undefined
        ? { postData: { mimeType: "application/x-www-form-urlencoded", text: new URLSearchParams(post.map(([name, value]) => [name, value])).toString() } }
        : {}),
    },
    response: { status: Number.isFinite(status) ? status : 0, statusText: request.responseStatusText, headers: headers(request.responseHeaders) },
  };
}
