/**
 * What a file the user gave us looks like, when it is not what the command reads: said in a person's words, with the
 * command that does read it, instead of a parser's message (or the file's bytes) on the terminal.
 */

/** The start of `text`, printable, for a message: never binary, never long. */
function snippet(text: string): string {
  const start = text.trimStart().slice(0, 40).replace(/\s+/g, " ").trimEnd();
  return /^[\x20-\x7e\u00a0-\u024f]*$/.test(start) ? `"${start}${text.trimStart().length > 40 ? "…" : ""}"` : "";
}

const MAGIC: readonly (readonly [string, readonly number[]])[] = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46]],
  ["a ZIP archive", [0x50, 0x4b, 0x03, 0x04]],
  ["a gzip-compressed file", [0x1f, 0x8b]],
];

/** "a PNG image", or "a binary file" for bytes that are no text. */
export function binaryKind(bytes: Uint8Array): string {
  for (const [name, magic] of MAGIC) if (magic.every((byte, index) => bytes[index] === byte)) return name;
  return "a binary file";
}

/** Whether the bytes are text a person could read (valid UTF-8 without control characters other than whitespace). */
export function isText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, 4096));
  } catch {
    // A multi-byte character cut at 4096 is still text: decide on the whole buffer then.
    if (bytes.length <= 4096) return false;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  }
  return !/[\x00-\x08\x0e-\x1f]/.test(text);
}

/** The root element of an XML text (local name, prefix dropped), or `undefined` when none is found. */
export function xmlRootName(text: string): string | undefined {
  const prolog = text.replace(/<!--[\s\S]*?-->/g, "").replace(/<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>/i, "");
  return /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]/.exec(prolog)?.[1];
}

const SAML_MESSAGES = new Set(["Response", "LogoutResponse", "AuthnRequest", "LogoutRequest"]);

export function isSamlMessageRoot(name: string | undefined): boolean {
  return name !== undefined && SAML_MESSAGES.has(name);
}

/** What an XML document that is no SAML message is, and where it belongs. */
export function describeOtherXml(root: string | undefined): string {
  if (root === "EntityDescriptor" || root === "EntitiesDescriptor") {
    return "This is SAML metadata (EntityDescriptor), not a SAML message: no SAML message found. Give the IdP's metadata to analyze with --idp-metadata FILE, and Sentry's SP metadata to check-client with --sp-metadata FILE.";
  }
  return `This XML is no SAML message (its root element is <${root ?? "?"}>, not a Response, AuthnRequest, LogoutRequest or LogoutResponse): no SAML message found.`;
}

export type JsonKind = "har" | "saml-tracer" | "client-export" | "realm-export" | "other";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a parsed JSON value is, by its top-level shape. */
export function jsonKind(json: unknown): JsonKind {
  if (!isRecord(json)) return "other";
  if ("log" in json) return "har";
  if (Array.isArray(json.requests)) return "saml-tracer";
  if (Array.isArray(json.clients) || typeof json.realm === "string") return "realm-export";
  if (typeof json.clientId === "string") return "client-export";
  return "other";
}

export const CLIENT_EXPORT_TO_ANALYZE =
  "This is a Keycloak client (or realm) export, not a capture of SAML traffic: no SAML message found. To check the client for Sentry, use check-client.";

export const OTHER_JSON_TO_ANALYZE =
  "This JSON is neither a HAR capture (no \"log\" with \"entries\") nor a SAML-tracer export: no SAML message found. Save the capture in DevTools → Network → \"Save all as HAR\".";

/** Why `JSON.parse` refused the text, in words: truncation said as such, the place as line and column. */
export function describeJsonFailure(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(raw)?.[1];
  // V8: "Unterminated string…", "Unexpected end of JSON input", or an error placed at the very end of the text.
  if (/Unexpected end|end of data|unterminated/i.test(raw) || (position !== undefined && Number(position) >= text.trimEnd().length)) {
    return "The file ends before its JSON is complete: it is truncated (an interrupted download or copy?). Export it again.";
  }
  if (text.trimStart().startsWith("<")) return "This is XML, not JSON.";
  if (!/^\s*[[{]/.test(text)) return `This is not JSON: it starts with ${snippet(text) || "something else"}.`;
  if (position === undefined) return "This is not valid JSON.";
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  return `This is not valid JSON: it breaks at line ${line}, column ${column}.`;
}
