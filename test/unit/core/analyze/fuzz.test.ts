/** Hostile and broken input never throws out of the public entry points; it comes back as a result. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import { analysisSchema } from "../../../../src/core/analyze/result.js";
import { readInput } from "../../../../src/core/input/detect.js";
import { decodeSamlValue } from "../../../../src/core/saml/decode.js";
import * as z from "zod/mini";
import { NOW, PROFILE, base64, fixtureXml } from "../fixtures.js";

const xml = fixtureXml("valid-signed-document");
const value = base64(xml);
const options = { seed: 20250601, numRuns: 150 };

async function neverThrows(input: string) {
  const result = await analyzeInput(input, { profile: PROFILE, now: NOW });
  if (result.ok) z.parse(analysisSchema, result.analysis);
  else expect(result.error.message.length).toBeGreaterThan(5);
}

describe("fuzzed input", () => {
  it("random bytes as base64, in both bindings", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, redirect) => {
        const result = decodeSamlValue(base64(bytes), redirect ? "HTTP-Redirect" : "HTTP-POST");
        expect(typeof result.ok).toBe("boolean");
      }),
      options,
    );
  });

  it("random text through input detection", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expect(typeof readInput(text).ok).toBe("boolean");
      }),
      options,
    );
  });

  it("truncated base64 of a real response", async () => {
    await fc.assert(fc.asyncProperty(fc.nat({ max: value.length }), (cut) => neverThrows(value.slice(0, cut))), { ...options, numRuns: 60 });
  });

  it("mutated XML of a real response", async () => {
    const mutation = fc.tuple(fc.nat({ max: xml.length - 1 }), fc.nat({ max: 40 }), fc.constantFrom("", "<", ">", "&", '"', "<!DOCTYPE x>", "</saml:Assertion>", "\u0000", "ä"));
    await fc.assert(
      fc.asyncProperty(mutation, ([at, length, insert]) => neverThrows(xml.slice(0, at) + insert + xml.slice(at + length))),
      { ...options, numRuns: 80 },
    );
  });

  it("malformed JSON and HAR shapes", async () => {
    await fc.assert(fc.asyncProperty(fc.json({ maxDepth: 4 }), (json) => neverThrows(json)), { ...options, numRuns: 80 });
  });
});
