/** Values near base64, for the property tests that hold each base64 fast path to its slower path's answer. */
import fc from "fast-check";

const ALPHABET = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"];

/** Strings of base64 characters plus `others`, and real base64 with one character swapped for one of them. */
export function nearBase64(others: readonly string[]): fc.Arbitrary<string> {
  const character = fc.constantFrom(...ALPHABET, ...others);
  return fc.oneof(
    fc.array(character, { maxLength: 40 }).map((parts) => parts.join("")),
    fc.tuple(fc.uint8Array({ maxLength: 60 }), fc.nat(90), character).map(([bytes, at, replacement]) => {
      const text = Buffer.from(bytes).toString("base64");
      return text.slice(0, at) + replacement + text.slice(at + 1);
    }),
  );
}
