/**
 * Megabytes where kilobytes are expected: a 10 MB attribute value (as XML and as the base64 a form carries) and a
 * start tag with hundreds of thousands of attributes are analysed to the end and reported, and million-deep nesting
 * is refused as too deep instead of exhausting the stack. The bound is the test's timeout; `npm run fuzz` holds the
 * same inputs to its per-case time bound.
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../src/core/analyze/analyze.js";
import { defaultVerifier } from "../../../src/core/analyze/signatures.js";
import { verifyMessageSignatures } from "../../../src/core/saml/signature/verify.js";
import { parseXml } from "../../../src/core/saml/xml.js";
import { loadCorpus } from "../../fuzz/corpus.js";
import { deeplyNested, hugeValue } from "../../fuzz/hostile-xml.js";
import { toBase64 } from "../../fuzz/inputs.js";

const corpus = loadCorpus(resolve(import.meta.dirname, "../../.."));
const family = corpus.families[0];
const signed = family?.messages.get("valid-signed-both");
if (family === undefined || signed === undefined) throw new Error("fixture valid-signed-both is missing");
const options = { profile: family.profile, now: family.now, verify: defaultVerifier };

async function analyzeFirst(text: string) {
  const result = await analyzeInput(text, options);
  if (!result.ok) throw new Error(result.error.message);
  const message = result.analysis.messages[0];
  if (message === undefined) throw new Error("nothing analysed");
  return message;
}

describe("large input", () => {
  it("a 10 MB attribute value inside the signed Assertion: analysed, and the signature reported broken", { timeout: 60_000 }, async () => {
    const xml = hugeValue(signed, "attribute-value-text", 10);
    expect(xml.length).toBeGreaterThan(10 * 1024 * 1024);
    for (const text of [xml, toBase64(xml)]) {
      const message = await analyzeFirst(text);
      expect(message.kind).toBe("Response");
      expect(message.verdict).toBe("reject");
      expect(message.findings.map((finding) => finding.id)).toContain("signature.invalid");
    }
  });

  it("a 10 MB XML attribute on an element: analysed to the end", { timeout: 60_000 }, async () => {
    const message = await analyzeFirst(hugeValue(signed, "xml-attribute", 10));
    expect(message.kind).toBe("Response");
    expect(message.findings.length).toBeGreaterThan(0);
  });

  it("650,000 attributes on one start tag (7 MB): analysed to the end (duplicates and values checked in linear time)", { timeout: 60_000 }, async () => {
    const xml = hugeValue(signed, "many-attributes", 10);
    expect(xml.split('="1"').length - 1).toBeGreaterThan(650_000);
    const message = await analyzeFirst(xml);
    expect(message.kind).toBe("Response");
    expect(message.findings.map((finding) => finding.id)).toContain("signature.invalid");
  });

  it("1,600 signatures over the whole Response: rejected as python3-saml does, with the first four verified (linear time)", { timeout: 60_000 }, async () => {
    const signature = signed.slice(signed.indexOf("<ds:Signature"), signed.indexOf("</ds:Signature>") + "</ds:Signature>".length);
    const xml = signed.replace("</samlp:Response>", `${signature.repeat(1600)}</samlp:Response>`);
    const message = await analyzeFirst(xml);
    expect(message.verdict).toBe("reject");
    // Every copy sits on the Response, so python3-saml's loop stops at the second one with the same signed ID.
    expect(message.receiverMessage).toBe("Duplicated ID. SAML Response rejected");
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const report = await verifyMessageSignatures(parsed.root, { trusted: family.profile.trustedCertificates, now: family.now });
    expect(report.signatures).toHaveLength(1602);
    expect(report.signatures.filter((check) => check.signatureValid !== undefined)).toHaveLength(4);
    expect(report.signatures[4]?.problems[0]).toMatch(/^Not verified: the message carries 1602 signatures, .* the first 4 were verified\.$/);
  });

  it("one ID on 16,000 elements: the wrapping problem names three of them and counts the rest", { timeout: 60_000 }, async () => {
    const id = /<samlp:Response [^>]*ID="([^"]+)"/.exec(signed)?.[1];
    if (id === undefined) throw new Error("the fixture's Response has no ID");
    const copies = Array.from({ length: 16_000 }, (_, i) => `<saml:Attribute ID="${id}" Name="n${i}"><saml:AttributeValue>v</saml:AttributeValue></saml:Attribute>`).join("");
    const xml = signed.replace(/<\/saml:AttributeStatement>/, `${copies}</saml:AttributeStatement>`);
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const report = await verifyMessageSignatures(parsed.root, { trusted: family.profile.trustedCertificates, now: family.now });
    const problem = report.signatures.flatMap((check) => check.problems).find((text) => text.startsWith(`The ID "${id}" is on 16001 elements`));
    expect(problem).toMatch(/^The ID "[^"]+" is on 16001 elements \(\/samlp:Response, [^,]+, [^,]+ and 15998 more\): /);
    expect((await analyzeFirst(xml)).verdict).toBe("reject");
  });

  it("20,000 namespaces declared on the Response: unused, so not signed, and the message is still accepted", { timeout: 60_000 }, async () => {
    const document = corpus.families[0]?.messages.get("valid-signed-document");
    if (document === undefined) throw new Error("fixture valid-signed-document is missing");
    const declarations = Array.from({ length: 20_000 }, (_, i) => `xmlns:p${i}="urn:example:${i}"`).join(" ");
    const message = await analyzeFirst(document.replace("<samlp:Response ", `<samlp:Response ${declarations} `));
    expect(message.verdict).toBe("accept");
  });

  it("20,000 namespaces on the Response and one more on each of 20,000 elements: analysed to the end (scopes are linked, not copied)", { timeout: 60_000 }, async () => {
    const declarations = Array.from({ length: 20_000 }, (_, i) => `xmlns:p${i}="urn:example:${i}"`).join(" ");
    const elements = Array.from({ length: 20_000 }, (_, i) => `<saml:Attribute xmlns:q${i}="urn:q:${i}" Name="n${i}"><saml:AttributeValue>v</saml:AttributeValue></saml:Attribute>`).join("");
    const xml = signed.replace("<samlp:Response ", `<samlp:Response ${declarations} `).replace("</saml:AttributeStatement>", `${elements}</saml:AttributeStatement>`);
    const message = await analyzeFirst(xml);
    expect(message.verdict).toBe("reject");
    expect(message.findings.map((finding) => finding.id)).toContain("signature.invalid");
  });

  it("a million nested elements: refused as too deep, with a message that says so", { timeout: 60_000 }, async () => {
    for (const place of ["attribute-value", "root-chain", "namespaced"] as const) {
      const xml = deeplyNested(signed, place === "namespaced" ? 100_000 : 1_000_000, place);
      const parsed = parseXml(xml);
      expect(parsed.ok ? "parsed" : parsed.error.code, place).toBe("xml.too-deep");
      const message = await analyzeFirst(xml);
      expect(message.verdict).toBe("reject");
      expect(message.findings.find((finding) => finding.id === "xml.malformed")?.message).toMatch(/nests deeper than 256 elements\./);
    }
  });
});
