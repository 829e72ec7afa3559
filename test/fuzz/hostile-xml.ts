/**
 * XML built to hurt a parser: entity expansion ("billion laughs"), external entities, hostile nesting and width, and
 * values of many megabytes. Each is placed into a real signed message so it travels the whole pipeline.
 */
import fc from "fast-check";

/** Appears only inside entity definitions: finding it in a model or a finding means an entity was expanded. */
export const ENTITY_MARKER = "ENTITY-EXPANDED-7f3a";
/** What an expanded `file:///etc/passwd` would put into the output. */
export const PASSWD_MARKER = "root:x:0:0";

export type DoctypeKind = "billion-laughs" | "quadratic" | "external-file" | "external-http" | "parameter-entity" | "public-id" | "bare" | "no-subset";

export function doctype(kind: DoctypeKind, rootName: string): { declaration: string; reference: string } {
  switch (kind) {
    case "billion-laughs": {
      const levels = [`<!ENTITY lol0 "${ENTITY_MARKER}">`];
      for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
      return { declaration: `<!DOCTYPE ${rootName} [${levels.join("")}]>`, reference: "&lol9;" };
    }
    case "quadratic":
      return { declaration: `<!DOCTYPE ${rootName} [<!ENTITY a "${ENTITY_MARKER}${"a".repeat(20000)}">]>`, reference: "&a;".repeat(2000) };
    case "external-file":
      return { declaration: `<!DOCTYPE ${rootName} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`, reference: "&xxe;" };
    case "external-http":
      return { declaration: `<!DOCTYPE ${rootName} [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/${ENTITY_MARKER}">]>`, reference: "&xxe;" };
    case "parameter-entity":
      return {
        declaration: `<!DOCTYPE ${rootName} [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; <!ENTITY % inner "<!ENTITY leak '${ENTITY_MARKER}'>"> %inner;]>`,
        reference: "&leak;",
      };
    case "public-id":
      return { declaration: `<!DOCTYPE ${rootName} PUBLIC "-//EVIL//DTD" "http://127.0.0.1:9/evil.dtd">`, reference: "" };
    case "bare":
      return { declaration: `<!doctype ${rootName}>`, reference: "" };
    case "no-subset":
      return { declaration: `<!DOCTYPE\n  ${rootName}\n  SYSTEM "file:///etc/passwd" >`, reference: "" };
  }
}

export const DOCTYPE_KINDS: readonly DoctypeKind[] = ["billion-laughs", "quadratic", "external-file", "external-http", "parameter-entity", "public-id", "bare", "no-subset"];

export type DoctypePlacement = "prolog" | "after-declaration" | "after-comment" | "inside-root";

/** The message with a DOCTYPE added and its entity referenced in the first text node that holds an identity. */
export function withDoctype(xml: string, kind: DoctypeKind, placement: DoctypePlacement): string {
  const rootName = /<([A-Za-z_][\w.:-]*)/.exec(xml.replace(/<\?xml[^>]*\?>/, ""))?.[1] ?? "samlp:Response";
  const { declaration, reference } = doctype(kind, rootName);
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, "");
  // The reference goes where an SP reads identity from, so an expansion would show in the model.
  const referenced = reference === "" ? body : body.replace(/(<saml:NameID[^>]*>)/, `$1${reference}`).replace(/(<saml:Issuer>)/, `$1${reference}`);
  switch (placement) {
    case "prolog":
      return `${declaration}${referenced}`;
    case "after-declaration":
      return `<?xml version="1.0" encoding="UTF-8"?>\n${declaration}\n${referenced}`;
    case "after-comment":
      return `<!-- exported --><?xml-stylesheet href="x"?>${declaration}${referenced}`;
    case "inside-root":
      return referenced.replace(/^(<[^>]*>)/, `$1${declaration}`);
  }
}

export const doctypeArbitrary = (sources: readonly string[]) =>
  fc
    .record({
      source: fc.constantFrom(...sources),
      kind: fc.constantFrom(...DOCTYPE_KINDS),
      placement: fc.constantFrom<DoctypePlacement>("prolog", "after-declaration", "after-comment", "inside-root"),
    })
    .map(({ source, kind, placement }) => ({ kind, placement, xml: withDoctype(source, kind, placement) }));

export type NestingPlace = "attribute-value" | "root-chain" | "unclosed" | "namespaced";

/** `depth` levels of elements inside a real message (or as the whole document). */
export function deeplyNested(xml: string, depth: number, place: NestingPlace): string {
  switch (place) {
    case "attribute-value":
      return xml.replace(/(<saml:AttributeValue[^>]*>)/, `$1${"<x>".repeat(depth)}${"</x>".repeat(depth)}`);
    case "root-chain":
      return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${"<samlp:Status>".repeat(depth)}${"</samlp:Status>".repeat(depth)}</samlp:Response>`;
    case "unclosed":
      return xml.replace(/(<saml:Subject>)/, `$1${"<x>".repeat(depth)}`);
    case "namespaced":
      return xml.replace(/(<saml:Subject>)/, `$1${Array.from({ length: depth }, (_, i) => `<n${i % 50}:e xmlns:n${i % 50}="urn:n${i}">`).join("")}${Array.from({ length: depth }, (_, i) => `</n${(depth - 1 - i) % 50}:e>`).join("")}`);
  }
}

export const nestingArbitrary = (sources: readonly string[], maxDepth: number) =>
  fc
    .record({
      source: fc.constantFrom(...sources),
      depth: fc.oneof(fc.integer({ min: 200, max: 300 }), fc.integer({ min: 1, max: maxDepth })),
      place: fc.constantFrom<NestingPlace>("attribute-value", "root-chain", "unclosed", "namespaced"),
    })
    .map(({ source, depth, place }) => deeplyNested(source, depth, place));

export type HugePlace =
  | "attribute-value-text"
  | "xml-attribute"
  | "name-id"
  | "certificate"
  | "signature-value"
  | "many-attributes"
  | "many-elements"
  | "many-signatures"
  | "repeated-id"
  | "comment";

/** A signed message with about `megabytes` MB put into one place. */
export function hugeValue(xml: string, place: HugePlace, megabytes: number): string {
  const size = Math.floor(megabytes * 1024 * 1024);
  switch (place) {
    case "attribute-value-text":
      return xml.replace(/(<saml:AttributeValue[^>]*>)/, `$1${"v".repeat(size)}`);
    case "xml-attribute":
      return xml.replace(/<saml:Attribute /, `<saml:Attribute Evil="${"a".repeat(size)}" `);
    case "name-id":
      return xml.replace(/(<saml:NameID[^>]*>)/, `$1${"n".repeat(size)}`);
    case "certificate":
      return xml.replace(/(<(\w+:)?X509Certificate>)/, `$1${"QUFB".repeat(size / 4)}`);
    case "signature-value":
      return xml.replace(/(<(\w+:)?SignatureValue>)/, `$1${"QUFB".repeat(size / 4)}`);
    case "many-attributes":
      return xml.replace(/<saml:Attribute /, `<saml:Attribute ${Array.from({ length: Math.floor(size / 16) }, (_, i) => `a${i}="1"`).join(" ")} `);
    case "many-elements":
      return xml.replace(/(<saml:AttributeValue[^>]*>)/, `$1${"<v/>".repeat(Math.floor(size / 4))}`);
    case "many-signatures": {
      // Copies of the message's first signature next to it: each one covers the whole element it sits in.
      const signature = /<(\w+:)?Signature[\s>][\s\S]*?<\/(\w+:)?Signature>/.exec(xml)?.[0] ?? "";
      const copies = signature === "" ? "" : signature.repeat(Math.max(1, Math.floor(size / signature.length)));
      return signature === "" ? xml : xml.replace(signature, signature + copies);
    }
    case "repeated-id": {
      // The ID of the root on thousands of other elements (the duplicate-ID part of signature wrapping).
      const id = /^[\s\S]*?<[^!?][^>]*?\sID="([^"]*)"/.exec(xml)?.[1] ?? "x";
      const copy = `<saml:Attribute ID="${id}" Name="n"><saml:AttributeValue>v</saml:AttributeValue></saml:Attribute>`;
      return xml.replace(/(<saml:AttributeStatement[^>]*>)/, `$1${copy.repeat(Math.floor(size / copy.length))}`);
    }
    case "comment":
      return xml.replace(/(<saml:Subject>)/, `$1<!--${"c".repeat(size)}-->`);
  }
}

export const HUGE_PLACES: readonly HugePlace[] = [
  "attribute-value-text",
  "xml-attribute",
  "name-id",
  "certificate",
  "signature-value",
  "many-attributes",
  "many-elements",
  "many-signatures",
  "repeated-id",
  "comment",
];
