/**
 * XML signature wrapping defence: the element a signature covers must be the element the SP reads. Mirrors the
 * structural checks python3-saml makes before it lets xmlsec verify (`OneLogin_Saml2_Response.process_signed_elements`
 * and `validate_signed_elements`), plus ID uniqueness over the whole document, which python3-saml only gets
 * indirectly from "exactly one assertion".
 */
import { NS, attribute, children, type XmlElement } from "../xml";

export interface DocumentIndex {
  readonly root: XmlElement;
  /** Elements by their `ID` attribute (the SAML ID attribute, the only one python3-saml registers with xmlsec). */
  readonly byId: ReadonlyMap<string, readonly XmlElement[]>;
  /** Every ds:Signature in the document, in document order. */
  readonly signatures: readonly XmlElement[];
}

export function indexDocument(root: XmlElement): DocumentIndex {
  const byId = new Map<string, XmlElement[]>();
  const signatures: XmlElement[] = [];
  const stack: XmlElement[] = [root];
  for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
    const id = attribute(element, "ID");
    if (id !== undefined) {
      const list = byId.get(id);
      if (list === undefined) byId.set(id, [element]);
      else list.push(element);
    }
    if (element.local === "Signature" && element.ns === NS.ds) signatures.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) {
      const node = element.children[i];
      if (node !== undefined && node.kind === "element") stack.push(node);
    }
  }
  return { root, byId, signatures };
}

export interface ResolvedReference {
  /** The element the digest covers; `undefined` when the URI points at nothing we can resolve. */
  readonly element: XmlElement | undefined;
  /** The ID the URI names, or `undefined` for `""` (the whole document) and unresolvable URIs. */
  readonly id: string | undefined;
  /**
   * Bare-name (`#id`) and `""` references drop comments before any transform (XML-DSig §4.3.3.3), so even a
   * "WithComments" c14n sees none; only the XPointer forms keep them.
   */
  readonly keepComments: boolean;
}

export function resolveReference(index: DocumentIndex, uri: string | undefined): ResolvedReference {
  if (uri === "") return { element: index.root, id: undefined, keepComments: false };
  if (uri === "#xpointer(/)") return { element: index.root, id: undefined, keepComments: true };
  if (uri === undefined || !uri.startsWith("#")) return { element: undefined, id: undefined, keepComments: false };
  const xpointer = /^#xpointer\(id\(['"]([^'"]*)['"]\)\)$/.exec(uri);
  const id = xpointer ? (xpointer[1] ?? "") : uri.slice(1);
  // Like libxml2/xmlsec, the first element carrying the ID in document order is the one referenced.
  return { element: index.byId.get(id)?.[0], id, keepComments: xpointer !== null };
}

const SHOWN_HOLDERS = 3;

/** Reasons this signature does not protect what the SP reads; empty when it does. */
export function wrappingProblems(index: DocumentIndex, signature: XmlElement, uri: string | undefined, resolved: ResolvedReference): string[] {
  const problems: string[] = [];
  const parent = signature.parent;
  if (parent === null) return ["The signature is the document itself, so it signs nothing the SP reads."];
  const parentName = `<${parent.name}>`;
  const parentId = attribute(parent, "ID");

  if (!isWhereTheSpLooks(index.root, parent)) {
    problems.push(
      `The signature sits in ${parentName} at ${elementPath(parent)}, which is not where the SP looks: python3-saml only ` +
        "verifies /samlp:Response/ds:Signature and /samlp:Response/saml:Assertion/ds:Signature, so this signed " +
        "element is not the one it reads.",
    );
  }
  const siblings = children(parent, NS.ds, "Signature").length;
  if (siblings > 1) {
    problems.push(`${parentName} carries ${siblings} signatures; python3-saml expects exactly one ("Unexpected number of signatures found").`);
  }
  if (parentId === undefined || parentId === "") {
    problems.push(`The signed element ${parentName} has no ID attribute (python3-saml: "Signed Element must contain an ID. SAML Response rejected").`);
  }
  if (uri === undefined) {
    problems.push("The Reference has no URI, so it does not say which element it signs.");
  } else if (uri !== "" && uri !== "#xpointer(/)") {
    if (resolved.id === undefined) {
      problems.push(`The Reference URI "${uri}" is not a same-document reference to an ID.`);
    } else if (resolved.id !== parentId) {
      const target = resolved.element ? `<${resolved.element.name}> at ${elementPath(resolved.element)}` : "no element in this message";
      problems.push(
        `The Reference URI "${uri}" points at ${target}, not at the ${parentName} that carries the signature ` +
          '(python3-saml: "Found an invalid Signed Element. SAML Response rejected").',
      );
    }
  }
  for (const id of new Set([parentId, resolved.id])) {
    const holders = id === undefined ? undefined : index.byId.get(id);
    if (holders !== undefined && holders.length > 1) {
      // A few places say enough; a hostile message may put the ID on thousands of elements.
      const shown = holders.slice(0, SHOWN_HOLDERS).map(elementPath).join(", ");
      const more = holders.length > SHOWN_HOLDERS ? ` and ${holders.length - SHOWN_HOLDERS} more` : "";
      problems.push(`The ID "${id}" is on ${holders.length} elements (${shown}${more}): the signature covers one of them, and the SP may read another.`);
    }
  }
  return problems;
}

/** The root itself, or, in a Response, one of its direct child Assertions. */
function isWhereTheSpLooks(root: XmlElement, parent: XmlElement): boolean {
  if (parent === root) return true;
  return root.local === "Response" && root.ns === NS.samlp && parent.parent === root && parent.local === "Assertion" && parent.ns === NS.saml;
}

/**
 * Where an element is, as `/samlp:Response/saml:Assertion[2]` (a position only where same-named siblings exist).
 * The rules compare it with the element they read to make sure the verified element is that one.
 */
export function elementPath(element: XmlElement): string {
  const steps: string[] = [];
  for (let current: XmlElement | null = element; current !== null; current = current.parent) {
    const parent: XmlElement | null = current.parent;
    let step = current.name;
    if (parent !== null) {
      const same = parent.children.filter((n) => n.kind === "element" && n.local === current?.local && n.ns === current.ns);
      if (same.length > 1) step += `[${same.indexOf(current) + 1}]`;
    }
    steps.push(step);
  }
  return `/${steps.reverse().join("/")}`;
}
