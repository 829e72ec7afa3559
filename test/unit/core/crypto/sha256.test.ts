/** The synchronous SHA-256 checks DigestValues, so it must agree with WebCrypto byte for byte. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sha256, sha256Text } from "../../../../src/core/crypto/sha256.js";

function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

async function webCrypto(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", new Uint8Array(data)));
}

describe("sha256", () => {
  it("matches the FIPS 180-4 example", () => {
    expect(Buffer.from(sha256(new TextEncoder().encode("abc"))).toString("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("agrees with WebCrypto on every length up to three blocks and on large inputs", async () => {
    const lengths = [...Array.from({ length: 200 }, (_, i) => i), 1000, 4096, 65_537, 1_000_003];
    for (const length of lengths) {
      const data = bytes(length, length + 1);
      expect(Buffer.from(sha256(data)).toString("hex"), `length ${length}`).toBe(Buffer.from(await webCrypto(data)).toString("hex"));
    }
  });

  it("hashes a view of a larger buffer, not the buffer", async () => {
    const whole = bytes(300, 7);
    const view = whole.subarray(13, 250);
    expect(Buffer.from(sha256(view)).toString("hex")).toBe(Buffer.from(await webCrypto(view)).toString("hex"));
  });

  it("hashes a text's UTF-8 bytes as TextEncoder writes them, lone surrogates and long texts included", async () => {
    const texts = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 300 }),
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.string({ unit: fc.constantFrom("a", "ö", "\ud83d", "\ude00", "€"), minLength: 20_000, maxLength: 40_000 }),
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        expect(Buffer.from(sha256Text(text)).toString("hex")).toBe(Buffer.from(await webCrypto(new TextEncoder().encode(text))).toString("hex"));
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
