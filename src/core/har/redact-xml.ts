/**
 * Redaction inside a decoded SAML message: the user's identity (NameID, attribute values, session index, address),
 * the IdP's certificates and key material, and the signature and digest values are replaced; the structure, the
 * names, IDs, issuers, destinations, times and algorithms — everything the diagnostics read — stay as they were.
 *
 * The message is parsed with the project's parser and written back from the tree (as inclusive c14n, which is plain
 * well-formed XML), so the result parses and analyses like the original. A message that does not parse is redacted
 * by pattern instead, keeping it as broken as it was.
 */
import { canonicalize } from "../saml/signature/canonicalize.js";
import { NS, parseXml, type XmlAttribute, type XmlElement, type XmlNode } from "../saml/xml.js";
import { REDACTED, zeroedBase64, type Pseudonyms, type SecretKind } from "./pseudonyms.js";

export interface RedactedXml {
  readonly xml: string;
  /** False when the message did not parse and was redacted by pattern. */
  readonly parsed: boolean;
}

type TextRule = { readonly kind: "secret"; readonly secret: SecretKind } | { readonly kind: "zeroed" } | { readonly kind: "removed" };

const SAML_TEXT: Readonly<Record<string, TextRule>> = {
  NameID: { kind: "secret", secret: "nameid" },
  BaseID: { kind: "secret", secret: "nameid" },
  AttributeValue: { kind: "secret", secret: "value" },
};
const SAMLP_TEXT: Readonly<Record<string, TextRule>> = { SessionIndex: { kind: "secret", secret: "session" } };
const DS_TEXT: Readonly<Record<string, TextRule>> = { SignatureValue: { kind: "zeroed" }, DigestValue: { kind: "zeroed" } };
const XENC_TEXT: Readonly<Record<string, TextRule>> = { CipherValue: { kind: "zeroed" } };

/** Attributes that hold the user's session or network address. */
const SECRET_ATTRIBUTES: Readonly<Record<string, SecretKind>> = { SessionIndex: "session", Address: "address", DNSName: "address" };

export function redactSamlXml(xml: string, pseudonyms: Pseudonyms): RedactedXml {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { xml: redactByPattern(xml, pseudonyms), parsed: false };
  const root = copyElement(parsed.root, null, undefined, pseudonyms);
  // A declaration can only stand first (after a byte-order mark): anything before it and the XML would not parse.
  const declaration = /^\uFEFF?<\?xml/.test(xml) ? '<?xml version="1.0" encoding="UTF-8"?>' : "";
  return { xml: declaration + canonicalize(root, { exclusive: false, withComments: false }), parsed: true };
}

function ruleFor(element: XmlElement): TextRule | undefined {
  if (element.ns === NS.saml) return SAML_TEXT[element.local];
  if (element.ns === NS.samlp) return SAMLP_TEXT[element.local];
  if (element.ns === NS.ds) return element.local === "KeyInfo" ? { kind: "removed" } : DS_TEXT[element.local];
  if (element.ns === NS.xenc) return XENC_TEXT[element.local];
  return undefined;
}

/** A copy of the tree with secrets replaced. `inherited` is the rule of the nearest ancestor that has one. */
function copyElement(element: XmlElement, parent: XmlElement | null, inherited: TextRule | undefined, pseudonyms: Pseudonyms): XmlElement {
  // Inside KeyInfo everything is key material or names of the IdP's certificate, whatever the element.
  const rule = inherited?.kind === "removed" ? inherited : (ruleFor(element) ?? inherited);
  const attributes = element.attributes.map((attr): XmlAttribute => {
    const secret = attr.ns === null ? SECRET_ATTRIBUTES[attr.local] : undefined;
    const value = secret === undefined ? pseudonyms.maskEmails(attr.value) : pseudonyms.mask(secret, attr.value);
    return value === attr.value ? attr : { ...attr, value };
  });
  const children: XmlNode[] = [];
  const copy: XmlElement = { ...element, attributes, children, parent };
  for (const node of element.children) {
    if (node.kind === "element") children.push(copyElement(node, copy, rule, pseudonyms));
    else if (node.kind === "text") children.push({ kind: "text", value: redactText(node.value, rule, pseudonyms) });
    // Comments are dropped: they are not part of any signed content and may hold anything.
  }
  return copy;
}

function redactText(value: string, rule: TextRule | undefined, pseudonyms: Pseudonyms): string {
  if (value.trim() === "") return value;
  if (rule === undefined) return pseudonyms.maskEmails(value);
  switch (rule.kind) {
    case "secret":
      return pseudonyms.mask(rule.secret, value);
    case "zeroed":
      return zeroedBase64(value);
    case "removed":
      return REDACTED;
  }
}

const PATTERN_TEXT = /(<(?:[A-Za-z_][\w.-]*:)?(NameID|BaseID|AttributeValue|SessionIndex|SignatureValue|DigestValue|CipherValue|X509Certificate|X509SubjectName|X509IssuerName|X509SerialNumber|KeyName|Modulus|Exponent)\b[^>]*>)([^<]*)/g;
const PATTERN_ATTRIBUTE = /\b(SessionIndex|Address|DNSName)(\s*=\s*)(["'])([^"']*)\3/g;

function redactByPattern(xml: string, pseudonyms: Pseudonyms): string {
  const texts = xml.replace(PATTERN_TEXT, (_match, open: string, local: string, text: string) => {
    if (text.trim() === "") return open + text;
    if (local === "NameID" || local === "BaseID") return open + pseudonyms.mask("nameid", text);
    if (local === "AttributeValue") return open + pseudonyms.mask("value", text);
    if (local === "SessionIndex") return open + pseudonyms.mask("session", text);
    if (local === "SignatureValue" || local === "DigestValue" || local === "CipherValue") return open + zeroedBase64(text);
    return open + REDACTED;
  });
  const attributes = texts.replace(PATTERN_ATTRIBUTE, (_match, name: string, equals: string, quote: string, value: string) => {
    const kind: SecretKind = name === "SessionIndex" ? "session" : "address";
    return `${name}${equals}${quote}${pseudonyms.mask(kind, value)}${quote}`;
  });
  // Whatever else the broken message holds (a NameID written across a CDATA section, an attribute value in a
  // comment) is not recognisable by pattern; what is left that looks like an e-mail is masked at least.
  return pseudonyms.maskEmails(attributes.replace(/<!--[\s\S]*?-->/g, ""));
}
