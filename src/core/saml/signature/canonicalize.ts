/**
 * XML canonicalization of an element subtree, as XML-DSig computes it over a referenced element or over SignedInfo:
 * exclusive c14n (with InclusiveNamespaces PrefixList) and inclusive c14n 1.0, each with or without comments.
 *
 * Works from the parsed `XmlElement` tree in one pass that appends to a string array. The tree already holds decoded
 * text and normalized attribute values, which is the form c14n serializes from. Processing instructions are not kept
 * by the parser, so a signed element containing one cannot be canonicalized exactly (SAML messages carry none).
 */
import { NS, extendScope, type NamespaceScope, type XmlAttribute, type XmlElement } from "../xml";

export interface CanonicalizationOptions {
  readonly exclusive: boolean;
  readonly withComments: boolean;
  /** Exclusive c14n only: prefixes treated as in inclusive c14n; `#default` stands for the default namespace. */
  readonly inclusivePrefixes?: readonly string[];
  /** An element left out together with its subtree: the enveloped-signature transform. */
  readonly exclude?: XmlElement;
}

export function canonicalize(apex: XmlElement, options: CanonicalizationOptions): string {
  const inclusivePrefixes = (options.inclusivePrefixes ?? []).map((p) => (p === "#default" ? "" : p));
  const ancestorScope = inheritedScope(apex);
  const inheritedXmlAttributes = options.exclusive ? [] : inheritedXmlAttributesOf(apex);
  const { exclusive, withComments, exclude } = options;
  // One string built by appending: V8 keeps the pieces as a rope until the caller encodes it, which is cheaper than
  // collecting an array and joining it.
  let out = "";

  // Scopes are extended, never copied whole below the apex: see extendScope.
  const writeElement = (element: XmlElement, parentScope: NamespaceScope, rendered: NamespaceScope, isApex: boolean): void => {
    const scope = element.nsDeclarations.size === 0 ? parentScope : extendScope(parentScope, element.nsDeclarations);

    let declarations: Array<[string, string]> | undefined;
    const consider = (prefix: string, uri: string | undefined): void => {
      if (prefix === "xml") return;
      if (prefix === "") {
        // xmlns="" is written only to undo a non-empty default namespace that an output ancestor rendered.
        const value = uri ?? "";
        if (value !== (rendered.get("") ?? "")) (declarations ??= []).push(["", value]);
      } else if (uri !== undefined && uri !== "" && rendered.get(prefix) !== uri) {
        (declarations ??= []).push([prefix, uri]);
      }
    };
    if (exclusive) {
      // Visibly used prefixes: the element's own, its attributes', and the PrefixList's. Most elements use only
      // their own, so the set is built only when there is more than one candidate.
      const prefixed = element.attributes.some((attr) => attr.prefix !== "");
      if (!prefixed && inclusivePrefixes.length === 0) consider(element.prefix, scope.get(element.prefix));
      else {
        const used = new Set<string>([element.prefix]);
        for (const attr of element.attributes) if (attr.prefix !== "") used.add(attr.prefix);
        for (const prefix of inclusivePrefixes) used.add(prefix);
        for (const prefix of used) consider(prefix, scope.get(prefix));
      }
    } else {
      // Below the apex every namespace in scope was rendered by an ancestor; only this element's own can differ.
      for (const [prefix, uri] of isApex ? merge(ancestorScope, element.nsDeclarations) : element.nsDeclarations) consider(prefix, uri);
    }

    out += "<" + element.name;
    if (declarations !== undefined) {
      if (declarations.length > 1) declarations.sort((a, b) => compareCodePoints(a[0], b[0]));
      for (const [prefix, uri] of declarations) out += (prefix === "" ? ' xmlns="' : ` xmlns:${prefix}="`) + escapeAttribute(uri) + '"';
    }
    const attributes = isApex && inheritedXmlAttributes.length > 0 ? withInherited(element.attributes, inheritedXmlAttributes) : element.attributes;
    for (const attr of sortAttributes(attributes)) out += " " + attr.name + '="' + escapeAttribute(attr.value) + '"';
    out += ">";

    const childRendered = declarations === undefined ? rendered : extendScope(rendered, new Map(declarations));
    for (const node of element.children) {
      if (node.kind === "text") out += escapeText(node.value);
      else if (node.kind === "element") {
        if (node !== exclude) writeElement(node, scope, childRendered, false);
      } else if (withComments) out += "<!--" + node.value + "-->";
    }
    out += "</" + element.name + ">";
  };

  writeElement(apex, ancestorScope, NOTHING_RENDERED, true);
  return out;
}

const NOTHING_RENDERED: NamespaceScope = new Map<string, string>();

/** Namespace declarations in scope at the apex's parent, nearest declaration winning. */
function inheritedScope(apex: XmlElement): ReadonlyMap<string, string> {
  const ancestors: XmlElement[] = [];
  for (let current = apex.parent; current !== null; current = current.parent) ancestors.push(current);
  const scope = new Map<string, string>();
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const ancestor = ancestors[i];
    if (ancestor !== undefined) for (const [prefix, uri] of ancestor.nsDeclarations) scope.set(prefix, uri);
  }
  return scope;
}

/** Inclusive c14n 1.0 carries xml:lang, xml:space, … of ancestors onto the apex of a document subset. */
function inheritedXmlAttributesOf(apex: XmlElement): XmlAttribute[] {
  const found = new Map<string, XmlAttribute>();
  for (let current = apex.parent; current !== null; current = current.parent) {
    for (const attr of current.attributes) if (attr.ns === NS.xml && !found.has(attr.local)) found.set(attr.local, attr);
  }
  return [...found.values()];
}

function withInherited(own: readonly XmlAttribute[], inherited: readonly XmlAttribute[]): XmlAttribute[] {
  const out = [...own];
  for (const attr of inherited) if (!own.some((o) => o.ns === NS.xml && o.local === attr.local)) out.push(attr);
  return out;
}

function merge(base: ReadonlyMap<string, string>, extra: Iterable<readonly [string, string]>): Map<string, string> {
  const out = new Map(base);
  for (const [key, value] of extra) out.set(key, value);
  return out;
}

/** Unqualified attributes first, then by namespace URI, then by local name. */
function sortAttributes(attributes: readonly XmlAttribute[]): readonly XmlAttribute[] {
  if (attributes.length < 2) return attributes;
  return [...attributes].sort((a, b) => compareCodePoints(a.ns ?? "", b.ns ?? "") || compareCodePoints(a.local, b.local));
}

/**
 * C14N orders by Unicode code point; JavaScript compares UTF-16 code units, which differs only when a surrogate pair
 * meets a character from U+E000 to U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

const TEXT_SPECIAL = /[&<>\r]/;
const ATTRIBUTE_SPECIAL = /[&<"\t\n\r]/;

function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value.replace(/[&<>\r]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#xD;"));
}

function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return value.replace(/[&<"\t\n\r]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === '"' ? "&quot;" : c === "\t" ? "&#x9;" : c === "\n" ? "&#xA;" : "&#xD;",
  );
}
