import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readInput } from "../../../../src/core/input/detect.js";
import { base64, fixtureXml } from "../fixtures.js";
import { KEYCLOAK_SAML, authnRequestXml, entry, formBody, har, redirectUrl } from "../har-builder.js";

const xml = fixtureXml("valid-signed-document");

describe("readInput", () => {
  it("recognises each supported form", () => {
    const value = base64(xml);
    const cases: [string, string][] = [
      [xml, "xml"],
      [value, "base64"],
      [formBody({ SAMLResponse: value, RelayState: "r1" }), "form"],
      [redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("ONELOGIN_req_1"), "r1"), "url"],
      [JSON.stringify(har([entry("POST", "https://sentry.example.com/saml/acs/acme/", { body: formBody({ SAMLResponse: value }) })])), "har"],
    ];
    for (const [input, kind] of cases) {
      const result = readInput(input);
      expect(result.ok && result.kind, kind).toBe(kind);
    }
  });

  it("keeps the form's '+' signs (a form body is URL-encoded) and the RelayState", () => {
    const value = base64(xml);
    expect(value).toContain("+");
    const result = readInput(formBody({ SAMLResponse: value, RelayState: "r1" }));
    if (!result.ok) throw new Error(result.message);
    expect(result.messages[0]?.value).toBe(value);
    expect(result.messages[0]?.relayState).toBe("r1");
    expect(result.messages[0]?.binding).toBe("HTTP-POST");
  });

  it("reads Redirect parameters from a URL", () => {
    const url = redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("A"), "r1");
    const result = readInput(`${url}#fragment`);
    if (!result.ok) throw new Error(result.message);
    // The URL as sent, query included (a Redirect signature covers its exact bytes), the fragment not.
    expect(result.messages[0]).toMatchObject({ parameter: "SAMLRequest", binding: "HTTP-Redirect", relayState: "r1", url });
    expect(base64(deflateRawSync(Buffer.from(authnRequestXml("A"))))).toBe(result.messages[0]?.value);
  });

  it("gives a clear error for empty input, broken JSON, a JSON that is not a HAR, and a HAR without SAML", () => {
    const cases: [string, string][] = [
      ["   ", "input.empty"],
      ['{"log": ', "input.invalid-json"],
      ['{"log": {"entries": "nope"}}', "input.invalid-har"],
      [JSON.stringify(har([entry("GET", "https://example.com/")])), "input.no-saml"],
      ["this is ! not anything", "input.unrecognized"],
      ["https://example.com/no-saml-here", "input.no-saml"],
    ];
    for (const [input, code] of cases) {
      const result = readInput(input);
      expect(result.ok, code).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe(code);
        expect(result.message.length).toBeGreaterThan(10);
      }
    }
  });
});
