/**
 * What the user handed us — a HAR file, a form body, a URL, a bare base64 value, or XML — recognised from the text
 * itself, so the CLI and the panel's "paste" box need no format switch.
 */
import { importHar } from "../har/import.js";
import { harEntriesFromSamlTracer, looksLikeSamlTracer } from "../har/saml-tracer.js";
import type { CapturedMessage, SamlParameter } from "./captured.js";
import { messagesFromForm, messagesFromQuery } from "./parameters.js";
import { decodeSamlValue } from "../saml/decode.js";
import { CLIENT_EXPORT_TO_ANALYZE, describeJsonFailure, describeOtherXml, isSamlMessageRoot, jsonKind, OTHER_JSON_TO_ANALYZE, xmlRootName } from "./what-it-is.js";

export type InputKind = "har" | "form" | "url" | "base64" | "xml";

export type InputErrorCode = "input.empty" | "input.invalid-json" | "input.invalid-har" | "input.no-saml" | "input.client-export" | "input.unrecognized";

export type InputResult =
  | { readonly ok: true; readonly kind: InputKind; readonly messages: readonly CapturedMessage[] }
  | { readonly ok: false; readonly code: InputErrorCode; readonly message: string };

const BASE64_TEXT = /^[A-Za-z0-9+/=_\-\s%]+$/;

/** Recognises the input and extracts its SAML messages. Never throws. */
export function readInput(input: string): InputResult {
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).trim();
  if (text === "") return { ok: false, code: "input.empty", message: "The input is empty." };
  const context = { url: undefined, startedAt: undefined, origin: "input", answer: undefined };
  if (text.startsWith("{") || text.startsWith("[")) return readJson(text);
  if (text.startsWith("<")) {
    const root = xmlRootName(text);
    if (!isSamlMessageRoot(root)) return { ok: false, code: "input.no-saml", message: describeOtherXml(root) };
    return found("xml", [single(rootParameter(text), text, "xml")]);
  }
  if (/^https?:\/\//i.test(text)) {
    const query = text.indexOf("?");
    const messages = query < 0 ? [] : messagesFromQuery(text.slice(query + 1).split("#")[0] ?? "", { ...context, url: text.split("#")[0] });
    return messages.length > 0
      ? found("url", messages)
      : { ok: false, code: "input.no-saml", message: "The URL has no SAMLRequest or SAMLResponse parameter in its query string." };
  }
  if (/(^|&)SAML(Request|Response)=/.test(text)) return found("form", messagesFromForm(text, context));
  if (BASE64_TEXT.test(text)) {
    const refused = notABareMessage(text);
    return refused === undefined ? found("base64", [single("SAMLResponse", text, "base64")]) : { ok: false, code: "input.no-saml", message: refused };
  }
  return {
    ok: false,
    code: "input.unrecognized",
    message: "The input is neither a HAR file, a form body (SAMLResponse=…), a URL with a SAML parameter, a base64 value nor XML.",
  };
}

function readJson(text: string): InputResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: "input.invalid-json", message: describeJsonFailure(text, error) };
  }
  const kind = jsonKind(json);
  if (kind === "client-export" || kind === "realm-export") return { ok: false, code: "input.client-export", message: CLIENT_EXPORT_TO_ANALYZE };
  if (kind === "other") return { ok: false, code: "input.no-saml", message: OTHER_JSON_TO_ANALYZE };
  if (looksLikeSamlTracer(json)) {
    const tracer = harEntriesFromSamlTracer(json);
    if (!tracer.ok) return { ok: false, code: "input.invalid-har", message: tracer.message };
    json = { log: { entries: tracer.entries } };
  }
  const har = importHar(json);
  if (!har.ok) return { ok: false, code: "input.invalid-har", message: har.message };
  if (har.messages.length === 0) {
    return { ok: false, code: "input.no-saml", message: `The HAR file has ${har.entryCount} requests, none of them carries a SAMLRequest or SAMLResponse.` };
  }
  return found("har", har.messages);
}

/** A SAML message in base64 is hundreds of characters long. */
const SHORTEST_MESSAGE = 64;

/**
 * Why a bare value is no SAML message ("hello world"), or `undefined` when it is one, or looks enough like one that
 * the analysis should explain what is wrong with it (a truncated or mangled value).
 */
function notABareMessage(text: string): string | undefined {
  const nothing = "no SAML message found: the text is no SAML message, form body (SAMLResponse=…), URL with a SAML parameter, base64 value nor XML.";
  const decoded = decodeSamlValue(text, "HTTP-POST");
  if (!decoded.ok) return text.replace(/\s+/g, "").length < SHORTEST_MESSAGE ? `${nothing.charAt(0).toUpperCase()}${nothing.slice(1)}` : undefined;
  const xml = decoded.value.xml.trimStart();
  if (!xml.startsWith("<")) return `The text decodes from base64, but not to XML: ${nothing}`;
  const root = xmlRootName(xml);
  return isSamlMessageRoot(root) ? undefined : describeOtherXml(root);
}

function found(kind: InputKind, messages: readonly CapturedMessage[]): InputResult {
  return { ok: true, kind, messages };
}

/**
 * A bare value has no transport around it. Its binding is guessed at decode time: a DEFLATEd value came from a
 * Redirect URL (see analyze), plain base64 or XML from a POST form. Which parameter it was is read from the root
 * element for XML; for base64 it is corrected once the XML is known.
 */
function single(parameter: SamlParameter, value: string, encoding: "base64" | "xml"): CapturedMessage {
  return {
    parameter,
    binding: "HTTP-POST",
    bindingInferred: true,
    value,
    encoding,
    relayState: undefined,
    sigAlg: undefined,
    signature: undefined,
    url: undefined,
    startedAt: undefined,
    origin: "input",
    answer: undefined,
  };
}

function rootParameter(xml: string): SamlParameter {
  const root = /<(?:[A-Za-z_][\w.-]*:)?(Response|LogoutResponse|AuthnRequest|LogoutRequest)[\s>/]/.exec(xml);
  return root?.[1] === "Response" || root?.[1] === "LogoutResponse" ? "SAMLResponse" : "SAMLRequest";
}
