/** Whole inputs as a user (or an attacker) hands them over: XML, base64, DEFLATE, form bodies, URLs, HAR, garbage. */
import fc from "fast-check";
import { deflateSync, zlibSync } from "fflate";
import type { Corpus } from "./corpus.js";
import { doctypeArbitrary, nestingArbitrary } from "./hostile-xml.js";
import { mangledBase64, mutatedBytes, mutatedJson, mutatedText } from "./mutate.js";

const encoder = new TextEncoder();

export function toBase64(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === "string" ? encoder.encode(bytes) : bytes).toString("base64");
}

export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => new TextDecoder().decode(bytes)),
  fc.constantFrom("", " ", "\uFEFF", "{", "[", "<", "<a", "SAMLResponse=", "SAMLRequest=%", "https://x/?SAMLRequest=", "====", "null", "[]", "{}", "\u0000"),
);

export const xmlText = (corpus: Corpus): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: mutatedText(corpus.xml) },
    { weight: 2, arbitrary: fc.constantFrom(...corpus.xml) },
    { weight: 1, arbitrary: doctypeArbitrary(corpus.xml).map((variant) => variant.xml) },
    { weight: 1, arbitrary: nestingArbitrary(corpus.xml, 3000) },
  );

/** DEFLATE (raw or zlib-wrapped) of a real or mutated message, the bytes possibly damaged afterwards. */
export const deflatedBytes = (corpus: Corpus): fc.Arbitrary<Uint8Array> =>
  fc
    .record({ xml: xmlText(corpus), zlib: fc.boolean(), level: fc.integer({ min: 0, max: 9 }), damage: fc.boolean() })
    .chain(({ xml, zlib, level, damage }) => {
      const options = { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 };
      const bytes = zlib ? zlibSync(encoder.encode(xml), options) : deflateSync(encoder.encode(xml), options);
      return damage ? mutatedBytes(bytes) : fc.constant(bytes);
    });

let bombs: readonly string[] | undefined;

/** Tens of kilobytes of base64 that inflate to more than the decoder's cap (computed once: compressing takes a while). */
export const deflateBomb: fc.Arbitrary<string> = fc.integer({ min: 0, max: 1 }).map((which) => {
  bombs ??= [17, 64].map((megabytes) => toBase64(deflateSync(new Uint8Array(megabytes * 1024 * 1024).fill(0x20), { level: 9 })));
  return bombs[which] ?? "";
});

/** A protocol parameter value as it arrives: base64 of XML or DEFLATE, damaged in transit or not. */
export const parameterValue = (corpus: Corpus): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: xmlText(corpus).chain((xml) => mangledBase64(toBase64(xml))) },
    { weight: 4, arbitrary: deflatedBytes(corpus).chain((bytes) => mangledBase64(toBase64(bytes))) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 800 }).map(toBase64) },
    { weight: 1, arbitrary: fc.base64String({ maxLength: 400 }) },
    { weight: 1, arbitrary: randomText },
    { weight: 1, arbitrary: deflateBomb },
  );

export const harText = (corpus: Corpus): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: mutatedJson([corpus.har]).map((doc) => JSON.stringify(doc)) },
    { weight: 1, arbitrary: fc.constant(corpus.har) },
    { weight: 1, arbitrary: mutatedText([corpus.har]) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
  );

const formOrUrl = (corpus: Corpus): fc.Arbitrary<string> =>
  fc
    .record({
      value: parameterValue(corpus),
      parameter: fc.constantFrom("SAMLResponse", "SAMLRequest", "samlresponse"),
      url: fc.boolean(),
      relayState: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
      signature: fc.boolean(),
      encode: fc.boolean(),
    })
    .map(({ value, parameter, url, relayState, signature, encode }) => {
      const parts = [`${parameter}=${encode ? encodeURIComponent(value) : value}`];
      if (relayState !== undefined) parts.push(`RelayState=${encodeURIComponent(relayState)}`);
      if (signature) parts.push("SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256", "Signature=AAAA");
      const query = parts.join("&");
      return url ? `https://keycloak.example.com/realms/demo/protocol/saml?${query}#frag` : query;
    });

/** Anything `readInput` and `analyzeInput` may be given. */
export const anyInput = (corpus: Corpus): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: xmlText(corpus) },
    { weight: 3, arbitrary: parameterValue(corpus) },
    { weight: 2, arbitrary: formOrUrl(corpus) },
    { weight: 2, arbitrary: harText(corpus) },
    { weight: 1, arbitrary: randomText },
  );
