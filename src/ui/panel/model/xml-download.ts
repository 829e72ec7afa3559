/**
 * One message's XML as a file: the decoded text as received ("original") or indented ("pretty"), redacted by default
 * with the same core redaction as the HAR export, so a file attached to a support ticket holds no NameID, attribute
 * value, e-mail address or key material unless the user turned that off.
 */
import { Pseudonyms } from "../../../core/har/pseudonyms.js";
import { redactSamlXml } from "../../../core/har/redact-xml.js";
import { parseXml } from "../../../core/saml/xml.js";
import { prettyXml } from "./xml-text.js";

export type XmlLayout = "original" | "pretty";

export interface XmlDownloadOptions {
  readonly layout: XmlLayout;
  readonly redact: boolean;
}

export interface XmlFile {
  readonly name: string;
  readonly text: string;
}

/** `kind` and `id` name the file (`Response-_abc123.xml`); either may be unknown for a message that did not parse. */
export function xmlFile(xml: string, kind: string | undefined, id: string | undefined, options: XmlDownloadOptions): XmlFile {
  const source = options.redact ? redactSamlXml(xml, new Pseudonyms()).xml : xml;
  return { name: fileName(kind, id, options), text: options.layout === "pretty" ? pretty(source) : source };
}

/** A message that does not parse keeps its text as it is: indenting it would need a tree. */
function pretty(xml: string): string {
  const parsed = parseXml(xml);
  if (!parsed.ok) return xml;
  const declaration = /^\uFEFF?\s*<\?xml/.test(xml) ? '<?xml version="1.0" encoding="UTF-8"?>\n' : "";
  return `${declaration}${prettyXml(parsed.root)}\n`;
}

/** SAML IDs are NCNames, but a broken or hostile message may carry anything: keep a name every file system accepts. */
function fileName(kind: string | undefined, id: string | undefined, options: XmlDownloadOptions): string {
  const parts = [safe(kind) || "saml-message", safe(id), options.layout === "pretty" ? "pretty" : "", options.redact ? "redacted" : ""];
  return `${parts.filter((part) => part !== "").join("-")}.xml`;
}

function safe(text: string | undefined): string {
  return (text ?? "").replace(/[^\w.-]+/g, "_").replace(/^[.]+/, "").slice(0, 100);
}
