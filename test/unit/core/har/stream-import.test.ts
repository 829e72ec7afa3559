import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importHar } from "../../../../src/core/har/import.js";
import { createHarImporter, importHarBytes, importHarStream, type HarStreamResult } from "../../../../src/core/har/stream-import.js";
import { base64, fixtureXml } from "../fixtures.js";
import { KEYCLOAK_ERROR_PAGE, KEYCLOAK_SAML, authnRequestXml, entry, formBody, har, redirectUrl } from "../har-builder.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const response = base64(fixtureXml("valid-signed-document"));

/** A capture as Chrome saves it: pretty-printed, SAML among ordinary traffic, non-ASCII text, escapes. */
function capture(): string {
  const page = entry("GET", "https://sentry.example.com/organizations/acme/", { html: `<p>Grüße aus Zürich — 日本語 🎉 "quoted" \\ back\tslash</p>` });
  const login = entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("ONELOGIN_req_1"), "relay-1"), { html: KEYCLOAK_ERROR_PAGE });
  const acs = entry("POST", ACS, { body: formBody({ SAMLResponse: response, RelayState: "relay-1" }) });
  const script = entry("GET", "https://sentry.example.com/app.js", { html: 'var a = "SAML is mentioned here, no message"; var n = -1.5e3;' });
  return JSON.stringify(har([page, login, script, acs, page]), null, 2);
}

function chunked(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const point of points) {
    out.push(text.slice(from, point));
    from = point;
  }
  out.push(text.slice(from));
  return out;
}

function importChunks(chunks: readonly (string | Uint8Array)[]): HarStreamResult {
  const importer = createHarImporter();
  for (const chunk of chunks) importer.push(chunk);
  return importer.finish();
}

function messagesOf(result: HarStreamResult) {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.messages;
}

describe("streaming HAR import", () => {
  it("finds the same messages as parsing the whole file, with their pages, and keeps only the SAML entries", () => {
    const text = capture();
    const whole = importHar(JSON.parse(text));
    if (!whole.ok) throw new Error(whole.message);
    const streamed = importHarBytes(new TextEncoder().encode(text), 7);
    expect(messagesOf(streamed)).toEqual(whole.messages);
    expect(streamed.ok && streamed.entryCount).toBe(5);
    expect(streamed.ok && streamed.entries.map((kept) => kept.index)).toEqual([1, 3]);
    expect(whole.messages.map((message) => message.parameter)).toEqual(["SAMLRequest", "SAMLResponse"]);
    expect(whole.messages[0]?.answer?.text).toBe(KEYCLOAK_ERROR_PAGE);
  });

  it("gives the same result wherever the chunks are cut, in text or in bytes (even inside a UTF-8 sequence)", () => {
    const text = capture();
    const bytes = new TextEncoder().encode(text);
    const expected = messagesOf(importHarBytes(bytes));
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
        expect(messagesOf(importChunks(chunked(text, cuts)))).toEqual(expected);
        const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const pieces: Uint8Array[] = [];
        let from = 0;
        for (const point of points) {
          pieces.push(bytes.subarray(from, point));
          from = point;
        }
        pieces.push(bytes.subarray(from));
        expect(messagesOf(importChunks(pieces))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
    // Cut right through the parameter names, which is how an entry is recognised as carrying SAML.
    for (let at = text.indexOf("SAMLRe"); at >= 0; at = text.indexOf("SAMLRe", at + 1)) {
      for (let offset = 1; offset < 6; offset++) expect(messagesOf(importChunks(chunked(text, [at + offset])))).toEqual(expected);
    }
  });

  it("agrees with JSON.parse on which mutated files are valid JSON, and never accepts a broken one", () => {
    const small = JSON.stringify(har([entry("POST", ACS, { body: formBody({ SAMLResponse: "PHNhbWw+", RelayState: "r" }) })]), null, 1);
    const mutation = fc.tuple(fc.nat(), fc.constantFrom("delete", "insert", "replace"), fc.constantFrom(..."{}[]\",:\\ntfu0123456789-.eE+ \t\n\u0001x"));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 5 }), (mutations, cuts) => {
        let text = small;
        for (const [at, how, char] of mutations) {
          const i = at % (text.length + 1);
          text = how === "delete" ? text.slice(0, i) + text.slice(i + 1) : how === "insert" ? text.slice(0, i) + char + text.slice(i) : text.slice(0, i) + char + text.slice(i + 1);
        }
        let validJson = true;
        try {
          JSON.parse(text);
        } catch {
          validJson = false;
        }
        const result = importChunks(chunked(text, cuts));
        // A structure error (no "log", an entry that is not an object) may be found before a later syntax error.
        if (!validJson) expect(result.ok ? "ok" : result.code, text).toMatch(/^har\.invalid/);
        else expect(result.ok ? "ok" : result.code, text).not.toBe("har.invalid-json");
      }),
      { numRuns: 1500 },
    );
  });

  it("says the file is truncated wherever it was cut, and never returns a partial result", () => {
    const text = capture();
    for (let length = 0; length < text.length; length += 3) {
      const result = importHarBytes(new TextEncoder().encode(text.slice(0, length)), 64);
      expect(result.ok, `cut at ${length}`).toBe(false);
      if (!result.ok && length > 0 && text.slice(0, length).trim() !== "") expect(result.message).toMatch(/truncated|not valid JSON/);
    }
  });

  it("explains what is wrong with files that are not HAR", () => {
    const cases: [string, string, RegExp][] = [
      ["", "har.invalid-json", /empty/],
      ["[1, 2]", "har.invalid", /is a list, not an object with a "log"/],
      ['{"version": "1.2"}', "har.invalid", /no "log" object/],
      ['{"log": []}', "har.invalid", /"log" is not an object/],
      ['{"log": {"version": "1.2"}}', "har.invalid", /no "entries" list/],
      ['{"log": {"entries": {}}}', "har.invalid", /"log.entries" is not a list/],
      ['{"log": {"entries": [42]}}', "har.invalid", /log.entries\[0\] is not an object/],
      ['{"log": {"entries": [{"request": {"url": "https://x/?SAMLRequest=abc"}}]}}', "har.invalid", /log.entries\[0\].request.method/],
      ['{"log": {"entries": []}} {}', "har.invalid-json", /after the end of the JSON/],
      ['{"log": {"entries": [], "c": "a\u0001b"}}', "har.invalid-json", /control character/],
      ['{"log": {"entries": [], "x": tru}}', "har.invalid-json", /Unexpected/],
      ['{"log": {"entries": [], "x": 01}}', "har.invalid-json", /number is malformed/],
    ];
    for (const [text, code, message] of cases) {
      const result = importHarBytes(new TextEncoder().encode(text));
      expect(result.ok ? "ok" : `${result.code}: ${result.message}`, text).toMatch(code);
      if (!result.ok) expect(result.message, text).toMatch(message);
    }
    const latin1 = new Uint8Array([...new TextEncoder().encode('{"log": {"entries": [], "c": "'), 0xe9, ...new TextEncoder().encode('"}}')]);
    expect(importHarBytes(latin1)).toMatchObject({ ok: false, code: "har.not-utf8" });
  });

  it("says where a file's JSON breaks, with the place and a short quote of it", () => {
    const said = (text: string) => {
      const result = importHarBytes(new TextEncoder().encode(text));
      return result.ok ? "ok" : `${result.code}: ${result.message}`;
    };
    expect(said('{"log": {"entries": [], "x": 01}}')).toBe('har.invalid-json: The file is not valid JSON: A number is malformed near "01}}". (at character 30)');
    expect(said(`{"log": {"entries": [], "x": 1.${"0".repeat(20)}x}}`)).toBe('har.invalid-json: The file is not valid JSON: A number is malformed near "1.0000000000". (at character 30)');
    expect(said(`{"lo\\q${"g".repeat(50)}": {}}`)).toBe(`har.invalid-json: The file is not valid JSON: The property name "lo\\q${"g".repeat(35)} has an invalid escape. (at character 2)`);
    expect(said('{"log": {"entries": [42]}}')).toBe("har.invalid: This is not a HAR file: log.entries[0] is not an object. (at character 22)");
  });

  it("does not refuse a capture for a malformed field it does not need (headers, cookies, timings)", () => {
    const odd = { request: { method: "GET", url: redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("A"), "r"), headers: 42, cookies: "none" }, timings: { send: "x" } };
    const text = JSON.stringify({ log: { entries: [odd] } });
    const streamed = importHarBytes(new TextEncoder().encode(text));
    expect(messagesOf(streamed)).toHaveLength(1);
    expect(streamed.ok && streamed.entries[0]?.entry.request.headers).toBeUndefined();
    const whole = importHar(JSON.parse(text));
    expect(whole.ok && whole.messages).toEqual(messagesOf(streamed));
  });

  it("reads a ReadableStream and reports a stream that fails as unreadable", async () => {
    const bytes = new TextEncoder().encode(capture());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    expect(messagesOf(await importHarStream(stream))).toHaveLength(2);
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 100));
        controller.error(new Error("disk went away"));
      },
    });
    expect(await importHarStream(broken)).toMatchObject({ ok: false, code: "har.unreadable" });
  });
});
