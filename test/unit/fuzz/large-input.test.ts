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
