/**
 * Pretty text of a parsed SAML message, for the XML tab's copy button: one element per line, indented; an element
 * with only text stays on one line. Whitespace-only text between elements is layout and is dropped; any other text is
 * kept as written (escaped), so the copy still says what the IdP sent.
 */
import type { XmlElement, XmlNode } from "../../../core/saml/xml.js";

export function prettyXml(root: XmlElement): string {
  const lines: string[] = [];
  write(root, 0, lines);
  return lines.join("\n");
}

/** Attributes in document order as `name="value"`, namespace declarations first (as the parser keeps them). */
export function attributesOf(element: XmlElement): { readonly name: string; readonly value: string }[] {
  const declarations = [...element.nsDeclarations].map(([prefix, uri]) => ({ name: prefix === "" ? "xmlns" : `xmlns:${prefix}`, value: uri }));
  return [...declarations, ...element.attributes.map((attribute) => ({ name: attribute.name, value: attribute.value }))];
}

/** Children that carry content: whitespace-only text between elements is layout. */
export function meaningfulChildren(element: XmlElement): XmlNode[] {
  const hasElements = element.children.some((node) => node.kind === "element");
  return element.children.filter((node) => !(hasElements && node.kind === "text" && node.value.trim() === ""));
}

function write(element: XmlElement, depth: number, lines: string[]): void {
  const indent = "  ".repeat(depth);
  const open = `<${element.name}${attributesOf(element).map((attribute) => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`).join("")}`;
  const children = meaningfulChildren(element);
  if (children.length === 0) {
    lines.push(`${indent}${open}/>`);
    return;
  }
  if (children.every((node) => node.kind === "text")) {
    lines.push(`${indent}${open}>${children.map((node) => escapeText(node.value)).join("")}</${element.name}>`);
    return;
  }
  lines.push(`${indent}${open}>`);
  for (const node of children) {
    if (node.kind === "element") write(node, depth + 1, lines);
    else if (node.kind === "comment") lines.push(`${indent}  <!--${node.value}-->`);
    else lines.push(`${indent}  ${escapeText(node.value.trim())}`);
  }
  lines.push(`${indent}</${element.name}>`);
}

export function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}
