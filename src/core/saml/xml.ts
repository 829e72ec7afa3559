/**
 * The one pinned XML parser of the project. Every other module reads SAML through the tree built here.
 *
 * fast-xml-parser is configured so that nothing is lost or invented: order kept (needed for canonicalization),
 * attributes and namespace declarations kept, no value coercion, whitespace kept, and entities never expanded by the
 * parser. We decode the five predefined entities and character references ourselves; any other entity reference is
 * an error, and a DOCTYPE stops processing (python3-saml refuses it too, through defusedxml/lxml `forbid_dtd`).
 */
import { XMLParser } from "fast-xml-parser";
import { checkWellFormed } from "./well-formed";

export const NS = {
  samlp: "urn:oasis:names:tc:SAML:2.0:protocol",
  saml: "urn:oasis:names:tc:SAML:2.0:assertion",
  md: "urn:oasis:names:tc:SAML:2.0:metadata",
  ds: "http://www.w3.org/2000/09/xmldsig#",
  xenc: "http://www.w3.org/2001/04/xmlenc#",
  xml: "http://www.w3.org/XML/1998/namespace",
  xmlns: "http://www.w3.org/2000/xmlns/",
} as const;

export interface XmlAttribute {
  /** Qualified name as written, e.g. `xmlns:saml` or `ID`. */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** Namespace URI; `null` for unprefixed attributes. */
  readonly ns: string | null;
  /** Value with entities and character references decoded and attribute-value normalization applied. */
  readonly value: string;
}

export interface XmlElement {
  readonly kind: "element";
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  readonly ns: string | null;
  /** Ordinary attributes (namespace declarations are in `nsDeclarations`). */
  readonly attributes: readonly XmlAttribute[];
  /** Namespace declarations made on this element: prefix ("" for the default namespace) → URI. */
  readonly nsDeclarations: ReadonlyMap<string, string>;
  readonly children: readonly XmlNode[];
  parent: XmlElement | null;
}

export interface XmlText {
  readonly kind: "text";
  readonly value: string;
}

export interface XmlComment {
  readonly kind: "comment";
  readonly value: string;
}

export type XmlNode = XmlElement | XmlText | XmlComment;

export type XmlErrorCode = "xml.malformed" | "xml.doctype" | "xml.empty" | "xml.too-deep";

export class XmlError extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "XmlError";
  }
}

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; error: XmlError };

/** Deeper than any SAML message; keeps hostile nesting from exhausting the stack. */
const MAX_DEPTH = 256;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: false,
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  commentPropName: "#comment",
  cdataPropName: "#cdata",
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  // No callback of ours reads the path; building it as a string for every text node and attribute costs ~12 %.
  jPath: false,
});

type FxpNode = Record<string, unknown>;

const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([["xml", NS.xml]]);

/** The namespace bindings in scope at an element: prefix ("" for the default namespace) → URI. */
export interface NamespaceScope {
  get(prefix: string): string | undefined;
}

/** Scopes up to this size are copied (one lookup each after); larger ones are linked to instead. */
const COPIED_SCOPE = 32;

/**
 * The scope inside an element that declares namespaces. A small scope is copied with the declarations added; a large
 * one is linked to, so that a hostile message declaring thousands of namespaces and then one on each of thousands of
 * elements costs time linear in its size, not their product.
 */
export function extendScope(parent: NamespaceScope, declarations: ReadonlyMap<string, string>): NamespaceScope {
  if (parent instanceof Map && parent.size <= COPIED_SCOPE) {
    const copy = new Map<string, string>(parent);
    for (const [prefix, uri] of declarations) copy.set(prefix, uri);
    return copy;
  }
  return new LinkedScope(declarations, parent);
}

class LinkedScope implements NamespaceScope {
  constructor(
    private readonly own: ReadonlyMap<string, string>,
    private readonly parent: NamespaceScope,
  ) {}

  get(prefix: string): string | undefined {
    return this.own.get(prefix) ?? this.parent.get(prefix);
  }
}

/** Parses XML text. Never throws: every failure comes back as an `XmlError` with a code. */
export function parseXml(input: string): XmlParseResult {
  try {
    return { ok: true, root: parseXmlOrThrow(input) };
  } catch (error) {
    if (error instanceof XmlError) return { ok: false, error };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: new XmlError("xml.malformed", `The XML could not be parsed: ${message}`) };
  }
}

export function parseXmlOrThrow(input: string): XmlElement {
  const text = normalizeLineEndings(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  if (text.trim() === "") throw new XmlError("xml.empty", "The message is empty.");
  const doctype = findDoctype(text);
  if (doctype >= 0) {
    const { line, column } = position(text, doctype);
    throw new XmlError(
      "xml.doctype",
      "The XML has a DOCTYPE declaration. SAML messages must not have one (it can define entities that attack the " +
        "parser); python3-saml refuses such a message, so it was not processed further.",
      line,
      column,
    );
  }
  const problem = checkWellFormed(text);
  if (problem !== undefined) {
    const { line, column } = position(text, problem.offset);
    throw new XmlError("xml.malformed", `The XML is not well-formed: ${problem.message}`, line, column);
  }
  const nodes = parseNodes(text);
  if (!Array.isArray(nodes)) throw new XmlError("xml.malformed", "The XML has no root element.");
  const roots: [FxpNode, string][] = [];
  for (const node of nodes) {
    const name = isFxpNode(node) ? elementName(node) : null;
    if (name !== null && isFxpNode(node)) roots.push([node, name]);
  }
  const first = roots[0];
  if (roots.length !== 1 || first === undefined) {
    throw new XmlError("xml.malformed", `The XML must have exactly one root element, found ${roots.length}.`);
  }
  return buildElement(first[0], first[1], null, ROOT_SCOPE, 0);
}

function parseNodes(text: string): unknown {
  try {
    return parser.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The validator accepts any depth; the parser's own limit is what stops hostile nesting.
    if (/nested tags/i.test(message)) throw new XmlError("xml.too-deep", `The XML nests deeper than ${MAX_DEPTH} elements.`);
    throw new XmlError("xml.malformed", `The XML could not be parsed: ${message.replace(/[.\s]*$/, "")}.`);
  }
}

function isFxpNode(value: unknown): value is FxpNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The node's name: an element's tag, or "#text", "#cdata", "#comment" (fast-xml-parser keeps attributes in ":@"). */
function nodeName(node: FxpNode): string | null {
  for (const key in node) if (key !== ":@") return key;
  return null;
}

function elementName(node: FxpNode): string | null {
  const name = nodeName(node);
  return name === null || name === "#text" || name === "#comment" || name === "#cdata" ? null : name;
}

function buildElement(
  node: FxpNode,
  name: string,
  parent: XmlElement | null,
  inheritedScope: NamespaceScope,
  depth: number,
): XmlElement {
  if (depth > MAX_DEPTH) throw new XmlError("xml.too-deep", `The XML nests deeper than ${MAX_DEPTH} elements.`);
  const rawAttributes = node[":@"];
  let nsDeclarations: Map<string, string> | undefined;
  const plain: Array<[string, string]> = [];
  if (isFxpNode(rawAttributes)) {
    for (const attrName in rawAttributes) {
      const rawValue = rawAttributes[attrName];
      if (typeof rawValue !== "string") throw new XmlError("xml.malformed", `Attribute ${attrName} has no value.`);
      const value = decodeText(normalizeAttributeWhitespace(rawValue));
      if (attrName === "xmlns") (nsDeclarations ??= new Map()).set("", value);
      else if (attrName.startsWith("xmlns:")) (nsDeclarations ??= new Map()).set(attrName.slice(6), value);
      else plain.push([attrName, value]);
    }
  }
  const scope = nsDeclarations === undefined ? inheritedScope : extendScope(inheritedScope, nsDeclarations);
  const [prefix, local] = splitName(name);
  const ns = scope.get(prefix) ?? null;
  if (prefix !== "" && ns === null) throw new XmlError("xml.malformed", `The namespace prefix "${prefix}" is not declared.`);
  const attributes = plain.map(([attrName, value]): XmlAttribute => {
    const [attrPrefix, attrLocal] = splitName(attrName);
    const attrNs = attrPrefix === "" ? null : (scope.get(attrPrefix) ?? null);
    if (attrPrefix !== "" && attrNs === null) {
      throw new XmlError("xml.malformed", `The namespace prefix "${attrPrefix}" is not declared.`);
    }
    return { name: attrName, prefix: attrPrefix, local: attrLocal, ns: attrNs, value };
  });
  const children: XmlNode[] = [];
  const element: XmlElement = { kind: "element", name, prefix, local, ns, attributes, nsDeclarations: nsDeclarations ?? NO_DECLARATIONS, children, parent };
  const content = node[name];
  if (Array.isArray(content)) {
    for (const child of content) {
      if (!isFxpNode(child)) continue;
      const text = child["#text"];
      if (typeof text === "string") {
        appendText(children, decodeText(text));
        continue;
      }
      const childName = nodeName(child);
      if (childName === "#cdata" && Array.isArray(child["#cdata"])) appendText(children, innerText(child["#cdata"]));
      else if (childName === "#comment" && Array.isArray(child["#comment"])) children.push({ kind: "comment", value: innerText(child["#comment"]) });
      else if (childName !== null && childName !== "#comment" && childName !== "#cdata" && childName !== "#text") children.push(buildElement(child, childName, element, scope, depth + 1));
    }
  }
  return element;
}

const NO_DECLARATIONS: ReadonlyMap<string, string> = new Map();

function appendText(children: XmlNode[], value: string): void {
  const last = children[children.length - 1];
  if (last !== undefined && last.kind === "text") children[children.length - 1] = { kind: "text", value: last.value + value };
  else children.push({ kind: "text", value });
}

function innerText(nodes: unknown[]): string {
  let out = "";
  for (const node of nodes) if (isFxpNode(node) && typeof node["#text"] === "string") out += node["#text"];
  return out;
}

function splitName(name: string): [string, string] {
  const colon = name.indexOf(":");
  return colon < 0 ? ["", name] : [name.slice(0, colon), name.slice(colon + 1)];
}

function normalizeLineEndings(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

function normalizeAttributeWhitespace(raw: string): string {
  return /[\t\n]/.test(raw) ? raw.replace(/[\t\n]/g, " ") : raw;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes predefined entities and character references; any other entity is an error (there is no DTD). */
export function decodeText(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (match, body: string) => {
    if (!match.endsWith(";")) throw new XmlError("xml.malformed", `A bare "&" must be written as "&amp;" (near "${match}").`);
    const predefined = PREDEFINED[body];
    if (predefined !== undefined) return predefined;
    const code = body.startsWith("#x") ? parseInt(body.slice(2), 16) : body.startsWith("#") ? parseInt(body.slice(1), 10) : NaN;
    if (body.startsWith("#")) {
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        throw new XmlError("xml.malformed", `Invalid character reference "${match}".`);
      }
      return String.fromCodePoint(code);
    }
    throw new XmlError("xml.malformed", `Unknown entity "${match}": entities other than the XML built-ins are not allowed.`);
  });
}

/** Index of a DOCTYPE declaration in the prolog (or anywhere outside comments and CDATA), or -1. */
function findDoctype(text: string): number {
  let index = text.indexOf("<!");
  while (index >= 0) {
    if (text.startsWith("<!--", index)) {
      const end = text.indexOf("-->", index + 4);
      if (end < 0) return -1;
      index = text.indexOf("<!", end + 3);
    } else if (text.startsWith("<![CDATA[", index)) {
      const end = text.indexOf("]]>", index + 9);
      if (end < 0) return -1;
      index = text.indexOf("<!", end + 3);
    } else if (text.slice(index + 2, index + 9).toUpperCase() === "DOCTYPE") {
      return index;
    } else {
      index = text.indexOf("<!", index + 2);
    }
  }
  return -1;
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

// ---- Navigation helpers -------------------------------------------------------------------------------------------

export function children(element: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (child.kind === "element" && child.local === local && child.ns === ns) out.push(child);
  }
  return out;
}

export function child(element: XmlElement, ns: string, local: string): XmlElement | undefined {
  for (const node of element.children) {
    if (node.kind === "element" && node.local === local && node.ns === ns) return node;
  }
  return undefined;
}

/** All descendants (depth first, document order) with this name. */
export function descendants(element: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  collectDescendants(element, ns, local, out);
  return out;
}

// Recursion is bounded: the parser refuses trees deeper than MAX_DEPTH.
function collectDescendants(element: XmlElement, ns: string, local: string, out: XmlElement[]): void {
  for (const node of element.children) {
    if (node.kind !== "element") continue;
    if (node.local === local && node.ns === ns) out.push(node);
    if (node.children.length > 0) collectDescendants(node, ns, local, out);
  }
}

/** Value of an unprefixed (or namespaced) attribute. */
export function attribute(element: XmlElement, local: string, ns: string | null = null): string | undefined {
  for (const attr of element.attributes) if (attr.local === local && attr.ns === ns) return attr.value;
  return undefined;
}

export function textContent(node: XmlNode): string {
  if (node.kind === "text") return node.value;
  if (node.kind === "comment") return "";
  let out = "";
  for (const kid of node.children) if (kid.kind !== "comment") out += textContent(kid);
  return out;
}
