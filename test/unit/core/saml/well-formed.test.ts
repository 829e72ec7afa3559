/**
 * The well-formedness pass decides whether a message is analysed at all, so it must refuse exactly what python3-saml's
 * parser (lxml, through onelogin.saml2.xmlparser) refuses. Compared on hand-written cases and on seeded mutations of a
 * real Keycloak-shaped Response.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { checkWellFormed } from "../../../../src/core/saml/well-formed.js";
import { parseXml } from "../../../../src/core/saml/xml.js";
import { runPython } from "../../../support/python.js";

const SCRIPT = join(import.meta.dirname, "../../../python/xml_wellformed.py");
const verdicts = z.array(z.object({ ok: z.boolean(), error: z.nullable(z.string()) }));

function python3Saml(documents: readonly string[]): z.infer<typeof verdicts> {
  return z.parse(verdicts, JSON.parse(runPython("/usr/bin/python3", [SCRIPT], JSON.stringify(documents))));
}

const NS = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';
const CASES: readonly string[] = [
  `<samlp:Response ${NS} ID="a"><saml:Issuer>x</saml:Issuer></samlp:Response>`,
  `<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response ${NS} ID="a"/>`,
  `<samlp:Response ${NS}><saml:Issuer>x</saml:Assertion></samlp:Response>`,
  `<samlp:Response ${NS}><saml:Issuer>x</samlp:Response>`,
  `<samlp:Response ${NS} ID=a/>`,
  `<samlp:Response ${NS} ID="a" ID="b"/>`,
  `<samlp:Response ${NS} ID="a"ref="b"/>`,
  `<samlp:Response ${NS} ID="a<b"/>`,
  `<samlp:Response ${NS} ID="a>b"/>`,
  `<samlp:Response ${NS} ID='single'/>`,
  `<samlp:Response ${NS} ID = "spaced" />`,
  `<samlp:Response ${NS}/><samlp:Response ${NS}/>`,
  `<samlp:Response ${NS}/>trailing`,
  `leading<samlp:Response ${NS}/>`,
  `<samlp:Response ${NS}/>\n<!-- after -->\n`,
  `<samlp:Response ${NS}>a < b</samlp:Response>`,
  `<samlp:Response ${NS}>a > b</samlp:Response>`,
  `<samlp:Response ${NS}>a ]]> b</samlp:Response>`,
  `<samlp:Response ${NS}><![CDATA[ <x> & ]]></samlp:Response>`,
  `<samlp:Response ${NS}><!-- a -- b --></samlp:Response>`,
  `<samlp:Response ${NS}><!-- fine --></samlp:Response>`,
  `<samlp:Response ${NS}><?pi data?></samlp:Response>`,
  `<samlp:Response ${NS}><?xml version="1.0"?></samlp:Response>`,
  `<samlp:Response ${NS}>&amp;&lt;&#65;&#x42;</samlp:Response>`,
  `<samlp:Response ${NS}>&nbsp;</samlp:Response>`,
  `<samlp:Response ${NS}>a & b</samlp:Response>`,
  `<samlp:Response ${NS} ID="&quot;"/>`,
  `<samlp:Response ${NS}>\u0001</samlp:Response>`,
  `<samlp:Response ${NS}><1a/></samlp:Response>`,
  `<samlp:Response ${NS}><saml:Issuer/ ></samlp:Response>`,
  `<samlp:Response ${NS}><saml:Issuer >x</saml:Issuer ></samlp:Response>`,
  `<samlp:Response ${NS}><ünïcödé/></samlp:Response>`,
  `<samlp:Response ${NS}><x:y/></samlp:Response>`,
  `<samlp:Response ${NS} ID/>`,
  `<samlp:Response ${NS}`,
  `<samlp:Response ${NS}><![CDATA[open</samlp:Response>`,
  `<samlp:Response ${NS}><!-- open </samlp:Response>`,
  `<samlp:Response ${NS}></ samlp:Response>`,
  `<samlp:Response ${NS}></samlp:Response extra="1">`,
  ``,
  `   `,
  `<!-- only a comment -->`,
  // Many attributes on one element: past a few, duplicates and "<" in values are found another way (linear time).
  `<samlp:Response ${NS} ${manyAttributes(40)}><saml:Issuer>x</saml:Issuer></samlp:Response>`,
  `<samlp:Response ${NS} ${manyAttributes(40)} a3="again"/>`,
  `<samlp:Response ${NS} ${manyAttributes(40)} a39="again"/>`,
  `<samlp:Response ${NS} ${manyAttributes(40)} late="a<b"/>`,
  `<samlp:Response ${NS} early="a<b" ${manyAttributes(40)}/>`,
  `<samlp:Response ${NS} ${manyAttributes(40)}`,
  // Character references at the edges of what XML allows.
  `<samlp:Response ${NS}>&#0;</samlp:Response>`,
  `<samlp:Response ${NS}>&#x10FFFF;</samlp:Response>`,
  `<samlp:Response ${NS}>&#x110000;</samlp:Response>`,
  `<samlp:Response ${NS}>&#xD7FF;</samlp:Response>`,
  `<samlp:Response ${NS}>&#xD800;</samlp:Response>`,
  `<samlp:Response ${NS}>&#xDFFF;</samlp:Response>`,
  `<samlp:Response ${NS}>&#xE000;</samlp:Response>`,
  `<samlp:Response ${NS}>&#x;</samlp:Response>`,
  `<samlp:Response ${NS} ID="&#x41;&#66;"/>`,
  // Names with characters from each end of the Unicode ranges XML allows, and just outside them.
  `<samlp:Response ${NS}><\u2070/><\u218f/></samlp:Response>`,
  `<samlp:Response ${NS}><\u206f/></samlp:Response>`,
  `<samlp:Response ${NS}><\u2190/></samlp:Response>`,
  // Markup declarations inside the document (no DTD).
  `<samlp:Response ${NS}><!ELEMENT x ANY></samlp:Response>`,
  `<samlp:Response ${NS}><!ENTITY x "y"></samlp:Response>`,
  // "<" in a later attribute value after one without it, and in the first of several.
  `<samlp:Response ${NS} a="1" b="2<"/>`,
  `<samlp:Response ${NS} a="<" b="2"/>`,
  `<samlp:Response ${NS} a="1" b="2"><x c="<"/></samlp:Response>`,
  `<samlp:Response ${NS} a="1"><x/><y c="3" d="4<"/></samlp:Response>`,
  // Nesting at the depth the parsers allow, and one deeper.
  `<samlp:Response ${NS}>${"<a>".repeat(254)}${"</a>".repeat(254)}</samlp:Response>`,
  `<samlp:Response ${NS}>${"<a>".repeat(255)}${"</a>".repeat(255)}</samlp:Response>`,
  `<samlp:Response ${NS}>${"<a>".repeat(256)}${"</a>".repeat(256)}</samlp:Response>`,
  // "]]>" is looked for once per document, not once per text node: found in a late text node, ignored in CDATA.
  `<samlp:Response ${NS}>${"<a>v</a>".repeat(50)}<b>x ]]> y</b></samlp:Response>`,
  `<samlp:Response ${NS}><![CDATA[ ]]> ]]>${"<a>v</a>".repeat(50)}<b>x ]]> y</b></samlp:Response>`,
  `<samlp:Response ${NS}><![CDATA[ ]]> ]]>${"<a>v</a>".repeat(50)}</samlp:Response>`,
];

function manyAttributes(count: number): string {
  return Array.from({ length: count }, (_, i) => `a${i}="${i}"`).join(" ");
}

/** Deterministic small edits of the kind that break a message in transit or by hand. */
function mutations(source: string, count: number, seed: number): string[] {
  let state = seed >>> 0;
  const random = (below: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
  const edits: ((text: string) => string)[] = [
    (text) => {
      const at = random(text.length);
      return text.slice(0, at) + text.slice(at + 1);
    },
    (text) => {
      const at = random(text.length);
      return text.slice(0, at) + "<>&\"'=/ "[random(8)] + text.slice(at);
    },
    (text) => {
      const at = text.indexOf("</", random(text.length));
      return at < 0 ? text : text.slice(0, at + 2) + "x" + text.slice(at + 2);
    },
    (text) => {
      const at = text.indexOf('="', random(text.length));
      return at < 0 ? text : text.slice(0, at + 1) + text.slice(at + 2);
    },
    (text) => text.slice(0, random(text.length)),
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const edit = edits[random(edits.length)];
    if (edit !== undefined) out.push(edit(source));
  }
  return out;
}

describe("well-formedness agrees with python3-saml's parser", () => {
  const response = readFileSync(join(import.meta.dirname, "../../../fixtures/saml/responses/valid-signed-document.xml"), "utf8");
  const documents = [...CASES, response, ...mutations(response, 400, 20261123)];
  const expected = python3Saml(documents);

  it("accepts and refuses the same documents", () => {
    const disagreements: string[] = [];
    for (const [index, document] of documents.entries()) {
      const ours = parseXml(document);
      const theirs = expected[index];
      if (theirs === undefined) throw new Error("python3-saml gave fewer answers than documents");
      if (ours.ok !== theirs.ok) {
        disagreements.push(`#${index} ${JSON.stringify(document.slice(0, 160))}: ours ${ours.ok ? "accepts" : `refuses (${ours.error.message})`}, python3-saml ${theirs.ok ? "accepts" : `refuses (${theirs.error ?? ""})`}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("both refuse most mutations, so the comparison is not vacuous", () => {
    const refused = expected.slice(CASES.length + 1).filter((verdict) => !verdict.ok).length;
    expect(refused).toBeGreaterThan(100);
  });

  it("checks a document of five million text nodes in one pass (the test's timeout is the bound)", { timeout: 60_000 }, () => {
    const many = `<samlp:Response ${NS}>${"<a>v</a>".repeat(5_000_000)}</samlp:Response>`;
    expect(checkWellFormed(many)).toBeUndefined();
    expect(checkWellFormed(`${many.slice(0, -"</samlp:Response>".length)}<b>]]></b></samlp:Response>`)?.message).toBe('The sequence "]]>" is not allowed in text.');
  });

  it("refuses XML nested deeper than 256 elements with its own error (python3-saml's parser goes deeper; this bound is ours)", () => {
    const nested = (depth: number) => `<samlp:Response ${NS}>${"<a>".repeat(depth)}${"</a>".repeat(depth)}</samlp:Response>`;
    expect(parseXml(nested(256)).ok).toBe(true);
    const deeper = parseXml(nested(257));
    expect(deeper.ok ? "parsed" : deeper.error).toMatchObject({ code: "xml.too-deep", message: "The XML nests deeper than 256 elements." });
  });

  it("says where the problem is", () => {
    const result = parseXml(`<a>\n  <b></c>\n</a>`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("xml.malformed");
    expect(result.error.message).toContain("</c>");
    expect([result.error.line, result.error.column]).toEqual([2, 6]);
  });
});
