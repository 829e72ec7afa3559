/** The canonical SignedInfo goes to WebCrypto through utf8Bytes, so its bytes must be TextEncoder's, always. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { utf8Bytes } from "../../../../src/core/crypto/utf8.js";

const encoder = new TextEncoder();

describe("utf8Bytes", () => {
  it("writes the bytes TextEncoder writes, for ASCII, any Unicode and lone surrogates", () => {
    const samples = [
      "",
      '<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"></ds:SignedInfo>',
      "\u007f\u0080",
      "jöran.müller@example.com",
      "ascii then 😀 emoji",
      "lone \ud800 high, lone \udc00 low",
      "\udbff",
    ];
    for (const text of samples) expect([...utf8Bytes(text)], JSON.stringify(text)).toEqual([...encoder.encode(text)]);
    const texts = fc.oneof(fc.string({ unit: "grapheme-ascii", maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 }));
    fc.assert(
      fc.property(texts, (text) => {
        expect([...utf8Bytes(text)]).toEqual([...encoder.encode(text)]);
      }),
      { seed: 20261204, numRuns: 500 },
    );
  });

  it("returns bytes that own their buffer: verification hands them to WebCrypto again after awaiting", () => {
    const first = utf8Bytes("abc");
    const second = utf8Bytes("xyz");
    expect(first.buffer).toBeInstanceOf(ArrayBuffer);
    expect(first.buffer.byteLength).toBe(first.byteLength);
    expect(first.buffer).not.toBe(second.buffer);
    expect(new TextDecoder().decode(first)).toBe("abc");
  });
});
