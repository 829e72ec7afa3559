/** Base64 inside XML-DSig (SignatureValue, DigestValue, X509Certificate): standard alphabet, whitespace allowed. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nearBase64 } from "../base64-arbitraries.js";
import { decodeBase64 } from "../../../../src/core/crypto/base64.js";

describe("XML-DSig base64", () => {
  it("decodes what Node's encoder writes, line-wrapped or not", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 700 }), (bytes) => {
        const text = Buffer.from(bytes).toString("base64");
        expect([...(decodeBase64(text) ?? [])]).toEqual([...bytes]);
        expect([...(decodeBase64(text.replace(/.{64}/g, "$&\n")) ?? [])]).toEqual([...bytes]);
      }),
      { numRuns: 1000, seed: 3 },
    );
  });

  it("gives every value the same answer on the one-pass path as on the path that skips whitespace", () => {
    const values = nearBase64(["=", "-", "_", "\n", "é"]);
    // A trailing space keeps a value off the one-pass path; the other path skips it.
    fc.assert(
      fc.property(values, (value) => {
        expect(decodeBase64(value)).toEqual(decodeBase64(`${value} `));
      }),
      { numRuns: 5000, seed: 4 },
    );
  });

  it("refuses characters outside the alphabet, padding in the middle and truncated values", () => {
    for (const value of ["AAA-", "AA==AA==", "A", "AAAAA", "AA=A"]) expect(decodeBase64(value), value).toBeUndefined();
  });
});
