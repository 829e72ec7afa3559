/**
 * XML signature wrapping against the real verifier: every rearrangement of the real signed fixtures that makes the SP
 * read a forged Assertion (another user's NameID and email) while a genuine signature still verifies somewhere in the
 * message must be predicted as rejected.
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../src/core/analyze/analyze.js";
import { defaultVerifier } from "../../../src/core/analyze/signatures.js";
import { loadCorpus, type SignedFamily } from "../../fuzz/corpus.js";
import { FORGED_IDENTITY, roundTrip, wrap, type OriginalPlace, type WrappingVariant } from "../../fuzz/wrapping.js";

const corpus = loadCorpus(resolve(import.meta.dirname, "../../.."));

const ORIGINAL_PLACES: readonly OriginalPlace[] = [
  "removed",
  "before-forged",
  "after-forged",
  "in-extensions",
  "in-forged-advice",
  "in-forged-subject",
  "in-response-signature-object",
  "in-status-detail",
];

function allVariants(): WrappingVariant[] {
  const out: WrappingVariant[] = [];
  for (const forgedId of ["same", "fresh", "none"] as const) {
    for (const forgedKeepsSignature of [true, false]) {
      for (const original of ORIGINAL_PLACES) out.push({ original, forgedId, forgedKeepsSignature, wrapResponse: "no", outerTakesResponseId: false });
      for (const wrapResponse of ["in-extensions", "in-object"] as const) {
        for (const outerTakesResponseId of [true, false]) out.push({ original: "removed", forgedId, forgedKeepsSignature, wrapResponse, outerTakesResponseId });
      }
    }
  }
  return out;
}

async function firstMessage(xml: string, family: SignedFamily) {
  const result = await analyzeInput(xml, { profile: family.profile, now: family.now, verify: defaultVerifier });
  if (!result.ok) throw new Error(result.error.message);
  const message = result.analysis.messages[0];
  if (message === undefined) throw new Error("nothing analysed");
  return message;
}

const variants = allVariants();

describe("XML signature wrapping", () => {
  for (const family of corpus.families) {
    for (const [name, xml] of family.messages) {
      it(`${family.name}/${name}: accepted as signed, and none of ${variants.length} wrapping variants is accepted`, async () => {
        // The untouched message, after the same DOM round trip the variants go through, is accepted with a complete
        // verdict: a rejection of a variant is caused by the wrapping, not by the fixture or the serializer.
        const baseline = await firstMessage(roundTrip(xml), family);
        expect(baseline.verdict).toBe("accept");
        expect(baseline.verdictComplete).toBe(true);
        expect(JSON.stringify(baseline.model)).not.toContain(FORGED_IDENTITY);

        const accepted: string[] = [];
        let forgedReads = 0;
        for (const variant of variants) {
          const wrapped = wrap(xml, variant);
          if (wrapped === undefined) continue;
          const message = await firstMessage(wrapped, family);
          const read = message.model?.kind === "Response" ? message.model.assertions[0] : undefined;
          const readsForged = read === undefined || JSON.stringify(read).includes(FORGED_IDENTITY);
          if (readsForged) forgedReads++;
          if (message.verdict === "accept" && readsForged) accepted.push(JSON.stringify(variant));
        }
        expect(accepted).toEqual([]);
        // Most variants put the forged Assertion where the SP reads; otherwise this test would prove little.
        expect(forgedReads).toBeGreaterThan(variants.length / 2);
      });
    }
  }

  // A wrapping that adds an assertion is refused by python3-saml on the count, before it looks at signatures; the
  // others on a signature.
  it("the committed wrapping fixtures are rejected with a signature finding, or the assertion count's", async () => {
    const family = corpus.families.find((candidate) => candidate.name === "signature");
    if (family === undefined) throw new Error("no signature family");
    const { readFileSync, readdirSync } = await import("node:fs");
    const dir = resolve(import.meta.dirname, "../../fixtures/signature/signed");
    const names = readdirSync(dir).filter((file) => file.startsWith("wrapping-"));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const file of names) {
      const message = await firstMessage(readFileSync(resolve(dir, file), "utf8"), family);
      expect(message.verdict, file).toBe("reject");
      expect(message.findings.some((finding) => finding.severity === "error" && (finding.id.startsWith("signature.") || finding.id === "response.multiple-assertions")), file).toBe(true);
    }
  });
});
