import { constants, deflateRawSync, deflateSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nearBase64 } from "../base64-arbitraries.js";
import { decodeBase64, encodeBase64 } from "../../../../src/core/saml/base64.js";
import { decodeSamlValue } from "../../../../src/core/saml/decode.js";
import { decodeMessageText } from "../../../../src/core/saml/text.js";
import { MAX_MESSAGE_BYTES } from "../../../../src/core/saml/inflate.js";
import { base64, fixtureXml } from "../fixtures.js";

const xml = fixtureXml("valid-signed-document");

function decodedXml(value: string, binding: "HTTP-POST" | "HTTP-Redirect") {
  const result = decodeSamlValue(value, binding);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe("HTTP-POST values", () => {
  it("decodes plain base64 and keeps accented names intact", () => {
    const value = decodedXml(base64(xml), "HTTP-POST");
    expect(value.xml).toBe(xml);
    expect(value.xml).toContain("jöran.müller@example.com");
    expect(value.quirks).toEqual([]);
  });

  it("accepts line-wrapped base64 and records it as harmless", () => {
    const wrapped = base64(xml).replace(/.{76}/g, "$&\r\n");
    const value = decodedXml(wrapped, "HTTP-POST");
    expect(value.xml).toBe(xml);
    expect(value.quirks).toEqual(["whitespace"]);
  });

  it("repairs the URL-safe alphabet, missing padding, '+' turned into spaces and double URL encoding", () => {
    let text = `${xml}\n`;
    while (Buffer.byteLength(text) % 3 === 0) text += "\n";
    const standard = base64(text);
    expect(standard).toMatch(/[+/]/);
    expect(standard).toMatch(/=$/);
    const variants: [string, string][] = [
      [standard.replace(/\+/g, "-").replace(/\//g, "_"), "url-safe"],
      [standard.replace(/=+$/, ""), "missing-padding"],
      [standard.replace(/\+/g, " "), "plus-as-space"],
      [encodeURIComponent(standard), "percent-encoded"],
    ];
    for (const [variant, quirk] of variants) {
      const value = decodedXml(variant, "HTTP-POST");
      expect(value.xml).toBe(text);
      expect(value.quirks).toContain(quirk);
    }
  });

  it("inflates a DEFLATEd message posted by mistake and says so", () => {
    const value = decodedXml(base64(deflateRawSync(Buffer.from(xml))), "HTTP-POST");
    expect(value.xml).toBe(xml);
    expect(value.quirks).toContain("deflated-post");
  });

  it("strips a UTF-8 byte-order mark and honours a declared legacy encoding", () => {
    const withBom = decodedXml(base64(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(xml)])), "HTTP-POST");
    expect(withBom.xml).toBe(xml);
    expect(withBom.quirks).toContain("byte-order-mark");
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>Jöran</a>', "latin1");
    expect(decodedXml(base64(latin1), "HTTP-POST").xml).toContain("Jöran");
  });

  it("reports invalid and truncated base64 with a clear error", () => {
    const truncated = base64(xml).slice(0, 4 * 100 + 1);
    for (const value of ["not base64 at all!", truncated, "", "===="]) {
      const result = decodeSamlValue(value, "HTTP-POST");
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe("decode.invalid-base64");
        expect(result.error.message.length).toBeGreaterThan(10);
      }
    }
  });

  it("reports bytes that are not text", () => {
    const result = decodeSamlValue(base64(new Uint8Array([0x3c, 0xff, 0xfe, 0x00, 0xc3])), "HTTP-POST");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("decode.not-text");
  });
});

describe("HTTP-Redirect values", () => {
  it("inflates raw DEFLATE", () => {
    expect(decodedXml(base64(deflateRawSync(Buffer.from(xml))), "HTTP-Redirect").xml).toBe(xml);
  });

  it("also inflates zlib-wrapped and uncompressed values, noting each", () => {
    const zlib = decodedXml(base64(deflateSync(Buffer.from(xml))), "HTTP-Redirect");
    expect(zlib.xml).toBe(xml);
    expect(zlib.quirks).toContain("zlib-header");
    expect(decodedXml(base64(xml), "HTTP-Redirect").quirks).toContain("not-deflated");
  });

  it("refuses a decompression bomb instead of exhausting memory", () => {
    const bomb = deflateRawSync(Buffer.alloc(MAX_MESSAGE_BYTES + 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const result = decodeSamlValue(base64(bomb), "HTTP-Redirect");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("decode.too-large");
      expect(result.error.message).toMatch(/decompression/);
    }
  });

  it("stops inflating at the cap, not at the end of the data: a bomb that would turn invalid after 64 MB is refused as too large", () => {
    // Were the whole stream inflated before the cap is checked, a 1 MB value would take 20 s and 2 GB, and this one
    // would end in the invalid block instead.
    const bomb = Buffer.concat([deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH }), Buffer.from([0xff, 0xff])]);
    const result = decodeSamlValue(base64(bomb), "HTTP-Redirect");
    expect(result.ok ? "decoded" : result.error.code).toBe("decode.too-large");
    const truncated = Buffer.concat([deflateRawSync(Buffer.from(xml), { finishFlush: constants.Z_SYNC_FLUSH }), Buffer.from([0xff, 0xff])]);
    const small = decodeSamlValue(base64(truncated), "HTTP-Redirect");
    expect(small.ok ? "decoded" : small.error.code).toBe("decode.invalid-deflate");
  });

  it("reports data that is not DEFLATE", () => {
    const result = decodeSamlValue(base64(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01, 0x02])), "HTTP-Redirect");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("decode.invalid-deflate");
  });
});

describe("base64", () => {
  it("round-trips every byte length", () => {
    for (let length = 0; length < 40; length++) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 37 + length) & 0xff);
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
      const back = decodeBase64(encodeBase64(bytes) || "AA==");
      if (length > 0 && back.ok) expect([...back.bytes]).toEqual([...bytes]);
    }
  });

  it("decodes well-formed values to the same bytes as Node's decoder, with no quirk", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), (bytes) => {
        const result = decodeBase64(Buffer.from(bytes).toString("base64"));
        expect(result.ok && [...result.bytes]).toEqual([...bytes]);
        expect(result.ok && result.quirks).toEqual([]);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it("gives any value the answer the lenient decoder gives (a trailing space sends a value through it, and is trimmed)", () => {
    const values = nearBase64(["=", "-", "_", " ", "\n", "%2B", "é"]);
    fc.assert(
      fc.property(values, (value) => {
        expect(decodeBase64(value)).toEqual(decodeBase64(`${value} `));
      }),
      { numRuns: 5000, seed: 8 },
    );
  });
});

describe("bytes to text", () => {
  const text = (bytes: Uint8Array) => {
    const result = decodeMessageText(bytes);
    return result.ok ? { text: result.text, encoding: result.encoding, bom: result.bom } : result.message;
  };
  const latin1 = (value: string) => Uint8Array.from(value, (character) => character.charCodeAt(0));

  it("drops a whole UTF-8 byte-order mark and says it was there; a partial one is broken UTF-8", () => {
    const body = new TextEncoder().encode("<a>Jöran</a>");
    expect(text(Uint8Array.from([0xef, 0xbb, 0xbf, ...body]))).toEqual({ text: "<a>Jöran</a>", encoding: "utf-8", bom: true });
    expect(text(Uint8Array.from([0xef, 0xbb, ...body]))).toBe("The decoded bytes are not valid UTF-8 text.");
    expect(text(Uint8Array.from([0x3c, 0x61, 0xbf, 0x2f, 0x3e]))).toBe("The decoded bytes are not valid UTF-8 text.");
  });

  it("honours a UTF-16 byte-order mark either way round", () => {
    const le = Uint8Array.from([0xff, 0xfe, ...[..."<a/>"].flatMap((character) => [character.charCodeAt(0), 0])]);
    const be = Uint8Array.from([0xfe, 0xff, ...[..."<a/>"].flatMap((character) => [0, character.charCodeAt(0)])]);
    expect(text(le)).toEqual({ text: "<a/>", encoding: "utf-16le", bom: true });
    expect(text(be)).toEqual({ text: "<a/>", encoding: "utf-16be", bom: true });
  });

  it("uses an encoding the XML declaration names in its first 200 characters, and only there", () => {
    expect(text(latin1('<?xml version="1.0" encoding="ISO-8859-1"?><a>Jöran</a>'))).toEqual({ text: '<?xml version="1.0" encoding="ISO-8859-1"?><a>Jöran</a>', encoding: "iso-8859-1", bom: false });
    const far = `<?xml version="1.0"${" ".repeat(200)}encoding="ISO-8859-1"?><a>Jöran</a>`;
    expect(text(latin1(far))).toBe("The decoded bytes are not valid UTF-8 text.");
    expect(text(latin1('<?xml version="1.0" encoding="x-unknown"?><a/>'))).toBe('The message declares the encoding "x-unknown", which is not supported.');
  });

  it("refuses a value longer than a 16 MB message can be encoded, before decoding it", () => {
    const result = decodeSamlValue("A".repeat(Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 1024 * 1024 + 1), "HTTP-POST");
    expect(result.ok ? "decoded" : result.error.code).toBe("decode.too-large");
  });
});
