// Mutated signed messages (as a corrupted capture or an attacker would produce them) never make verification throw.
import fc from "fast-check";
import { expect, test } from "vitest";
import { certificatesFromMetadata, certificatesFromPem, verifyMessageSignatures } from "../../../../../src/core/saml/signature/verify";
import { parseXml } from "../../../../../src/core/saml/xml";
import { NOW, fixtureXml, trusted } from "./fixtures";

const source = fixtureXml("xmlsec-both-rsa-sha256");
const certificates = trusted("idp-rsa");

test("random edits of a signed Response: a report or a parse error, never an exception", async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: source.length - 1 }), fc.nat({ max: 200 }), fc.string({ maxLength: 20 }), async (at, removed, inserted) => {
      const parsed = parseXml(source.slice(0, at) + inserted + source.slice(at + removed));
      if (!parsed.ok) return;
      const report = await verifyMessageSignatures(parsed.root, { trusted: certificates, now: NOW });
      expect(Array.isArray(report.signatures)).toBe(true);
    }),
    { numRuns: 150, seed: 4 },
  );
});

test("random text as a certificate or as metadata: an error result, never an exception", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      expect(typeof certificatesFromPem(text).ok).toBe("boolean");
      expect(typeof certificatesFromMetadata(text).ok).toBe("boolean");
    }),
    { numRuns: 300, seed: 4 },
  );
});
