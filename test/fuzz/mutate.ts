/**
 * Mutations of real inputs: small edits keep most of a message intact, so the parser gets past its first check and
 * the later stages (model, signature, rules) see damaged but plausible input.
 */
import fc from "fast-check";

/** Fragments that sit on the XML grammar's edges: entities, markup openers, namespaces, invalid code points. */
export const XML_TOKENS = [
  "<", ">", "&", "&amp;", "&lt", "&#0;", "&#xD800;", "&#x10FFFF;", "&#x110000;", "&#99999999999;", "&unknown;", "&xxe;",
  '"', "'", "=", "/>", "</", "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<?pi x?>", "<!DOCTYPE r>",
  "<!ENTITY e 'x'>", ' xmlns=""', ' xmlns:saml="urn:other"', ' xmlns:ds=""', ' ID="dup"', ' ID=""', ' xml:lang="en"',
  "\u0000", "\uFFFE", "\uD800", "\u00e4", "\u{1F4A5}", " ", "\t", "\r\n", "\r", "<saml:Assertion>", "</saml:Assertion>",
  '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="x"/>', "<ds:Signature>", "</samlp:Response>",
  "<x:y>", "ns:", ":", "<a>", "</a>", "<saml:NameID>evil@example.com</saml:NameID>", "#", "URI=\"\"",
] as const;

/** A position in the text as a fraction, so one mutation list applies to any length. */
const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

type TextEdit =
  | { readonly op: "insert"; readonly at: number; readonly text: string }
  | { readonly op: "delete" | "duplicate"; readonly at: number; readonly length: number }
  | { readonly op: "replace"; readonly at: number; readonly length: number; readonly text: string }
  | { readonly op: "truncate"; readonly at: number };

const insertText = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...XML_TOKENS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
);

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), at, text: insertText }),
  fc.record({ op: fc.constantFrom("delete" as const, "duplicate" as const), at, length: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constant("replace" as const), at, length: fc.integer({ min: 1, max: 40 }), text: insertText }),
  fc.record({ op: fc.constant("truncate" as const), at }),
);

export function applyTextEdit(text: string, edit: TextEdit): string {
  const i = Math.floor(edit.at * (text.length + 1));
  switch (edit.op) {
    case "insert":
      return text.slice(0, i) + edit.text + text.slice(i);
    case "delete":
      return text.slice(0, i) + text.slice(i + edit.length);
    case "duplicate":
      return text.slice(0, i + edit.length) + text.slice(i, i + edit.length) + text.slice(i + edit.length);
    case "replace":
      return text.slice(0, i) + edit.text + text.slice(i + edit.length);
    case "truncate":
      return text.slice(0, i);
  }
}

/** One to `max` edits of one of the sources. */
export function mutatedText(sources: readonly string[], max = 4): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...sources), fc.array(textEdit, { minLength: 1, maxLength: max }))
    .map(([source, edits]) => edits.reduce(applyTextEdit, source));
}

type ByteEdit =
  | { readonly op: "flip"; readonly at: number; readonly bit: number }
  | { readonly op: "set"; readonly at: number; readonly value: number }
  | { readonly op: "insert"; readonly at: number; readonly bytes: Uint8Array }
  | { readonly op: "delete"; readonly at: number; readonly length: number }
  | { readonly op: "truncate"; readonly at: number };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("set" as const), at, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant("insert" as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ op: fc.constant("delete" as const), at, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant("truncate" as const), at }),
);

function applyByteEdit(bytes: Uint8Array, edit: ByteEdit): Uint8Array {
  const i = Math.floor(edit.at * bytes.length);
  const copy = new Uint8Array(bytes);
  switch (edit.op) {
    case "flip":
      if (i < copy.length) copy[i] = (copy[i] ?? 0) ^ (1 << edit.bit);
      return copy;
    case "set":
      if (i < copy.length) copy[i] = edit.value;
      return copy;
    case "insert":
      return concat(bytes.subarray(0, i), edit.bytes, bytes.subarray(i));
    case "delete":
      return concat(bytes.subarray(0, i), bytes.subarray(i + edit.length));
    case "truncate":
      return bytes.slice(0, i);
  }
}

export function mutatedBytes(bytes: Uint8Array, max = 3): fc.Arbitrary<Uint8Array> {
  return fc.array(byteEdit, { minLength: 1, maxLength: max }).map((edits) => edits.reduce(applyByteEdit, bytes));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The ways base64 gets damaged in transit (see src/core/saml/base64.ts), plus plain breakage. */
export function mangledBase64(value: string): fc.Arbitrary<string> {
  const edits = fc.array(
    fc.oneof(
      fc.constant((text: string) => text.replace(/\+/g, "-").replace(/\//g, "_")),
      fc.constant((text: string) => text.replace(/=+$/, "")),
      fc.constant((text: string) => text.replace(/\+/g, " ")),
      fc.constant((text: string) => encodeURIComponent(text)),
      fc.constant((text: string) => encodeURIComponent(encodeURIComponent(text))),
      fc.constant((text: string) => text.replace(/(.{76})/g, "$1\r\n")),
      fc.constant((text: string) => `${text}=`),
      fc.record({ at, text: fc.constantFrom("=", "==", "%2B", "%3D", "%", "%zz", " ", "\n", "-", "_", "+", "/", "*", "\u00e9", "\u0000") }).map(
        (edit) => (text: string) => applyTextEdit(text, { op: "insert", ...edit }),
      ),
      fc.record({ at }).map((edit) => (text: string) => applyTextEdit(text, { op: "truncate", ...edit })),
      fc.record({ at, length: fc.integer({ min: 1, max: 8 }) }).map((edit) => (text: string) => applyTextEdit(text, { op: "delete", ...edit })),
    ),
    { maxLength: 3 },
  );
  return edits.map((list) => list.reduce((text, edit) => edit(text), value));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces, removes or retypes one value somewhere in a JSON document. */
export function mutatedJson(sources: readonly string[], max = 3): fc.Arbitrary<unknown> {
  const edit = fc.record({
    pick: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    op: fc.constantFrom("delete", "replace", "retype", "duplicate", "empty"),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<Json>(null, "", 0, -1, 1e308, true, [], {}, "saml", "SAMLResponse=%%", "https://")),
  });
  return fc
    .tuple(fc.constantFrom(...sources), fc.array(edit, { minLength: 1, maxLength: max }))
    .map(([source, edits]) => {
      let doc = JSON.parse(source) as Json;
      for (const change of edits) doc = editJson(doc, change.pick, change.op, change.value as Json);
      return doc;
    });
}

function editJson(doc: Json, pick: number, op: string, value: Json): Json {
  const slots: Array<{ parent: Json[] | { [key: string]: Json }; key: string | number }> = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) node.forEach((item, index) => (slots.push({ parent: node, key: index }), walk(item)));
    else if (node !== null && typeof node === "object") for (const [key, item] of Object.entries(node)) (slots.push({ parent: node, key }), walk(item));
  };
  walk(doc);
  const slot = slots[Math.floor(pick * slots.length)];
  if (slot === undefined) return value;
  const { parent, key } = slot;
  const current = Array.isArray(parent) ? parent[key as number] : parent[key as string];
  const replacement: Json | undefined =
    op === "delete"
      ? undefined
      : op === "retype"
        ? typeof current === "string"
          ? 1
          : typeof current === "number"
            ? String(current)
            : Array.isArray(current)
              ? {}
              : current !== null && typeof current === "object"
                ? []
                : "x"
        : op === "duplicate" && Array.isArray(parent)
          ? (current ?? null)
          : op === "empty"
            ? Array.isArray(current)
              ? []
              : typeof current === "string"
                ? ""
                : null
            : value;
  if (Array.isArray(parent)) {
    const index = key as number;
    if (replacement === undefined) parent.splice(index, 1);
    else if (op === "duplicate") parent.splice(index, 0, structuredClone(replacement));
    else parent[index] = replacement;
  } else if (replacement === undefined) delete parent[key as string];
  else parent[key as string] = replacement;
  return doc;
}

const ALGORITHMS = [
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
  "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
  "http://www.w3.org/2001/04/xmlenc#sha256",
  "http://www.w3.org/2000/09/xmldsig#sha1",
  "http://www.w3.org/2001/10/xml-exc-c14n#",
  "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
  "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
  "http://www.w3.org/2006/12/xml-c14n11",
  "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
  "http://www.w3.org/TR/1999/REC-xpath-19991116",
  "",
  "urn:unknown",
];

/** Edits inside a signature that keep the XML well-formed: what a broken signer or an attacker changes. */
export function mutatedSignature(sources: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.tuple(fc.nat({ max: 20 }), fc.constantFrom(...ALGORITHMS)).map(([which, algorithm]) => (xml: string) => {
      let n = 0;
      return xml.replace(/Algorithm="[^"]*"/g, (match) => (n++ === which ? `Algorithm="${algorithm}"` : match));
    }),
    fc.constantFrom("SignatureValue", "DigestValue", "X509Certificate").chain((element) =>
      fc.oneof(fc.constantFrom("", "AAAA", "====", "not base64!", "QUFB\nQUFB"), fc.base64String({ maxLength: 600 })).map((value) => (xml: string) =>
        xml.replace(new RegExp(`(<(\\w+:)?${element}>)[^<]*`), `$1${value}`),
      ),
    ),
    fc.constantFrom("Transforms", "KeyInfo", "SignedInfo", "Reference", "DigestValue", "SignatureValue", "CanonicalizationMethod", "X509Data").map(
      (element) => (xml: string) => xml.replace(new RegExp(`<(\\w+:)?${element}[\\s>][\\s\\S]*?</(\\w+:)?${element}>`), ""),
    ),
    fc.constantFrom('URI=""', 'URI="#"', 'URI="#nope"', 'URI="http://evil/"', 'URI="#xpointer(/)"').map((uri) => (xml: string) => xml.replace(/URI="[^"]*"/, uri)),
    fc.constant((xml: string) => xml.replace(/(<(\w+:)?Reference [\s\S]*?<\/(\w+:)?Reference>)/, "$1$1")),
    fc.constant((xml: string) => xml.replace(/(<(\w+:)?Signature [\s\S]*?<\/(\w+:)?Signature>)/, "$1$1")),
    fc.constant((xml: string) => xml.replace(/ ID="[^"]*"/, "")),
    fc.constant((xml: string) => xml.replace(/<(\w+:)?InclusiveNamespaces [^>]*\/>/, '<ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="#default saml xs nope"/>')),
    fc.record({ at, text: fc.constantFrom("x", " ", "\u00e4", "&amp;", "<!-- c -->") }).map((change) => (xml: string) => applyTextEdit(xml, { op: "insert", ...change })),
  );
  return fc.tuple(fc.constantFrom(...sources), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([source, edits]) => edits.reduce((xml, apply) => apply(xml), source));
}
