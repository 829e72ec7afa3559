/**
 * The rules about what arrived rather than what it says (decode.*, xml.*, idp.error-page): each as Sentry's ACS
 * (the service provider, whose python3-saml then raises: an HTTP 500) and as Keycloak receives it, where the same
 * mistake has other consequences.
 */
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_BYTES } from "../../../../src/core/saml/inflate.js";
import { KEYCLOAK_ERROR_PAGE, KEYCLOAK_SAML, authnRequestXml, entry, formBody, har, redirectUrl } from "../har-builder.js";
import { base64 } from "../fixtures.js";
import { UNSIGNED, analyse, findingsOf, theFinding } from "./support.js";

const HTTP_500 = /HTTP 500/;
const REQUEST = authnRequestXml("ONELOGIN_req_1");
/** A value long enough that every base64 quirk shows (the fixture's length is not a multiple of 3). */
const VALUE = base64(UNSIGNED);

describe("decode.deflated-post", () => {
  it("at Sentry: an error, because python3-saml does not inflate a POSTed value", async () => {
    const finding = theFinding(await analyse(`SAMLResponse=${encodeURIComponent(base64(deflateRawSync(Buffer.from(UNSIGNED))))}`), "decode.deflated-post");
    expect(finding).toMatchObject({ severity: "error", expected: "base64 of the XML itself", actual: "base64 of DEFLATE-compressed XML" });
    expect(finding.message).toMatch(/DEFLATE-compressed/);
    expect(finding.message).toMatch(HTTP_500);
  });

  it("at Keycloak: a warning that the receiver may refuse it", async () => {
    const finding = theFinding(await analyse(`SAMLRequest=${encodeURIComponent(base64(deflateRawSync(Buffer.from(REQUEST))))}`), "decode.deflated-post");
    expect(finding.severity).toBe("warning");
    expect(finding.message).toMatch(/DEFLATE-compressed/);
    expect(finding.message).toMatch(/may refuse/);
    expect(finding.message).not.toMatch(HTTP_500);
  });
});

describe("decode.invalid-base64", () => {
  const broken = `${VALUE.slice(0, 401)}!`;

  it("at Sentry: the decoder's reason, and Sentry's HTTP 500", async () => {
    const finding = theFinding(await analyse(`SAMLResponse=${encodeURIComponent(broken)}`), "decode.invalid-base64");
    expect(finding.severity).toBe("error");
    expect(finding.actual).toBeTruthy();
    expect(finding.message).toContain(finding.actual);
    expect(finding.message).toMatch(/service provider cannot decode it either/);
    expect(finding.message).toMatch(HTTP_500);
  });

  it("at Keycloak: the decoder's reason, without Sentry's page", async () => {
    const finding = theFinding(await analyse(`SAMLRequest=${encodeURIComponent(broken)}`), "decode.invalid-base64");
    expect(finding.message).toMatch(/identity provider cannot decode it either/);
    expect(finding.message).not.toMatch(HTTP_500);
  });
});

describe("decode.invalid-deflate and decode.too-large", () => {
  it("report a Redirect value that is not DEFLATE data", async () => {
    const message = await analyse(`${KEYCLOAK_SAML}?SAMLRequest=${encodeURIComponent(base64(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01, 0x02])))}`);
    const finding = theFinding(message, "decode.invalid-deflate");
    expect(finding.severity).toBe("error");
    expect(finding.message.length).toBeGreaterThan(10);
    expect(message.verdict).toBe("reject");
  });

  it("refuse a value that inflates beyond the size cap", async () => {
    const bomb = deflateRawSync(Buffer.alloc(MAX_MESSAGE_BYTES + 1024, 0x20), { level: 9 });
    const message = await analyse(`${KEYCLOAK_SAML}?SAMLRequest=${encodeURIComponent(base64(bomb))}`);
    const finding = theFinding(message, "decode.too-large");
    expect(finding.severity).toBe("error");
    expect(finding.message).toMatch(/MB/);
    expect(findingsOf(message, "decode.invalid-deflate")).toEqual([]);
  });
});

describe("decode.nonstandard-base64", () => {
  const padded = (() => {
    let xml = UNSIGNED;
    while (Buffer.byteLength(xml) % 3 === 0) xml += "\n";
    return base64(xml);
  })();
  const quirky: Record<string, [value: string, explained: RegExp]> = {
    "missing-padding": [padded.replace(/=+$/, ""), /no '=' padding/],
    "plus-as-space": [padded.replace(/\+/g, " "), /spaces where '\+' belongs/],
    "percent-encoded": [padded.replace(/\+/g, "%2B").replace(/\//g, "%2F"), /URL encoding applied twice/],
    "url-safe": [padded.replace(/\+/g, "-").replace(/\//g, "_"), /URL-safe alphabet/],
  };

  it.each(Object.entries(quirky))("at Sentry, %s: explained, an error (python3-saml's decoder fails)", async (quirk, [value, explained]) => {
    const finding = theFinding(await analyse(`SAMLResponse=${encodeURIComponent(value)}`), "decode.nonstandard-base64");
    expect(finding).toMatchObject({ severity: "error", expected: "standard base64 with padding" });
    expect(finding.actual?.split(", ")).toContain(quirk);
    expect(finding.message).toMatch(explained);
    expect(finding.message).toMatch(HTTP_500);
  });

  it("at Keycloak: a warning naming the quirk", async () => {
    const value = base64(`${REQUEST}\n`).replace(/=+$/, "");
    const finding = theFinding(await analyse(`SAMLRequest=${encodeURIComponent(value)}`), "decode.nonstandard-base64");
    expect(finding).toMatchObject({ severity: "warning", actual: "missing-padding", expected: "standard base64 with padding" });
    expect(finding.message).toMatch(/no '=' padding/);
    expect(finding.message).toMatch(/may refuse/);
  });

  it("says nothing about line breaks, which every decoder skips", async () => {
    const wrapped = padded.replace(/(.{76})/g, "$1\n");
    expect(findingsOf(await analyse(`SAMLResponse=${encodeURIComponent(wrapped)}`), "decode.nonstandard-base64")).toEqual([]);
  });
});

describe("xml.doctype and xml.malformed", () => {
  const doctype = `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "x">]>\n${UNSIGNED}`;

  it("xml.doctype says where the DOCTYPE is, and Sentry's HTTP 500 only at Sentry", async () => {
    const atSentry = theFinding(await analyse(`SAMLResponse=${encodeURIComponent(base64(doctype))}`), "xml.doctype");
    expect(atSentry.severity).toBe("error");
    expect(atSentry.actual).toBe("DOCTYPE at line 2, column 1");
    expect(atSentry.message).toMatch(HTTP_500);
    const atKeycloak = theFinding(await analyse(`SAMLRequest=${encodeURIComponent(base64(`<?xml version="1.0"?>\n<!DOCTYPE r>\n${REQUEST}`))}`), "xml.doctype");
    expect(atKeycloak.message).not.toMatch(HTTP_500);
    expect(atKeycloak.message.length).toBeGreaterThan(10);
  });

  it("xml.malformed says where the XML breaks, and Sentry's HTTP 500 only at Sentry", async () => {
    const atSentry = theFinding(await analyse(`SAMLResponse=${encodeURIComponent(base64(`${UNSIGNED.slice(0, 300)}\n<oops`))}`), "xml.malformed");
    expect(atSentry.severity).toBe("error");
    expect(atSentry.message).toMatch(/\(line \d+, column \d+\)/);
    expect(atSentry.message).toMatch(HTTP_500);
    const atKeycloak = theFinding(await analyse(`SAMLRequest=${encodeURIComponent(base64(`${REQUEST.slice(0, 200)}`))}`), "xml.malformed");
    expect(atKeycloak.message).not.toMatch(HTTP_500);
  });

  it("xml.malformed reports bytes that are not text, and XML that is no SAML message", async () => {
    const binary = theFinding(await analyse(`SAMLResponse=${encodeURIComponent(base64(new Uint8Array([0x3c, 0xff, 0xfe, 0x00, 0xc3, 0x28])))}`), "xml.malformed");
    expect(binary.message).toMatch(/not a SAML message/);
    expect(binary.message).toMatch(HTTP_500);
    const other = theFinding(await analyse(`SAMLResponse=${encodeURIComponent(base64('<samlp:ArtifactResolve xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'))}`), "xml.malformed");
    expect(other.message).toContain("ArtifactResolve");
  });

  it("a well-formed SAML message has neither", async () => {
    const message = await analyse(`SAMLResponse=${encodeURIComponent(VALUE)}`);
    expect(findingsOf(message, "xml.malformed")).toEqual([]);
    expect(findingsOf(message, "xml.doctype")).toEqual([]);
  });
});

describe("a message that cannot be read", () => {
  it("gets only findings about why it cannot be read: no other rule trips over the missing message", async () => {
    const unreadable = {
      "not base64": `SAMLResponse=${encodeURIComponent(`${VALUE.slice(0, 401)}!`)}`,
      "not DEFLATE": `${KEYCLOAK_SAML}?SAMLRequest=${encodeURIComponent(base64(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01, 0x02])))}`,
      "not text": `SAMLResponse=${encodeURIComponent(base64(new Uint8Array([0x3c, 0xff, 0xfe, 0x00, 0xc3, 0x28])))}`,
      "not XML": `SAMLResponse=${encodeURIComponent(base64("hello"))}`,
      "a DOCTYPE": `SAMLResponse=${encodeURIComponent(base64(`<!DOCTYPE r>${UNSIGNED}`))}`,
      "no SAML message": `SAMLRequest=${encodeURIComponent(base64('<samlp:ArtifactResolve xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'))}`,
    };
    for (const [name, input] of Object.entries(unreadable)) {
      const message = await analyse(input);
      expect(message.verdict, name).toBe("reject");
      expect(message.findings.map((finding) => finding.id).filter((id) => !/^(decode|xml)\./.test(id)), name).toEqual([]);
    }
  });
});

describe("idp.error-page", () => {
  async function answered(html: string, options: { mimeType?: string; xml?: string; status?: number } = {}) {
    const request = entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", options.xml ?? REQUEST), { status: options.status ?? 400, html });
    if (options.mimeType !== undefined) request.response.content.mimeType = options.mimeType;
    return analyse(JSON.stringify(har([request])));
  }
  const page = (inner: string) => `<html><body><div id="kc-error-message"><p class="instruction">${inner}</p></div></body></html>`;

  it("quotes Keycloak's error text as the receiver's message, with the fix for an unsigned request", async () => {
    const message = await answered(KEYCLOAK_ERROR_PAGE);
    const finding = theFinding(message, "idp.error-page");
    expect(finding).toMatchObject({ severity: "error", actual: "Invalid requester", receiverMessage: "Invalid requester" });
    expect(finding.message).toContain('"Invalid requester"');
    expect(finding.message).toContain("AuthnRequest");
    expect(finding.fix).toMatch(/Client signature required: Off/);
    expect(finding.fix).not.toMatch(/Client ID/);
    expect(message.receiverMessage).toBe("Invalid requester");
  });

  it("keeps the general fix for other errors, and reads the text as a browser shows it", async () => {
    const finding = theFinding(await answered(page("Invalid &amp; <b>unknown</b>\n   request &lt;x&gt; &quot;y&quot; &#39;z&#39;")), "idp.error-page");
    expect(finding.actual).toBe(`Invalid & unknown request <x> "y" 'z'`);
    expect(finding.fix).toMatch(/Client ID/);
  });

  it("answers a LogoutRequest the same way", async () => {
    const logout = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="L1" Version="2.0" IssueInstant="2025-06-01T12:00:00Z"><saml:Issuer>https://sentry.example.com/saml/metadata/acme/</saml:Issuer><saml:NameID>j</saml:NameID></samlp:LogoutRequest>`;
    const finding = theFinding(await answered(page("Session not found"), { xml: logout }), "idp.error-page");
    expect(finding.message).toContain("LogoutRequest");
    expect(finding.actual).toBe("Session not found");
  });

  it("ignores answers that are not Keycloak error pages", async () => {
    for (const [html, mimeType] of [
      [KEYCLOAK_ERROR_PAGE, "application/json"],
      ["<html><body><form>Sign in</form></body></html>", undefined],
      [page("   "), undefined],
    ] as const) {
      expect(findingsOf(await answered(html, { mimeType }), "idp.error-page"), html).toEqual([]);
    }
  });

  it("reads a page whose type the capture did not record", async () => {
    const request = entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", REQUEST), { status: 400, html: KEYCLOAK_ERROR_PAGE });
    const { mimeType: _dropped, ...content } = request.response.content;
    const message = await analyse(JSON.stringify(har([{ ...request, response: { ...request.response, content: content as typeof request.response.content } }])));
    expect(findingsOf(message, "idp.error-page")).toHaveLength(1);
  });

  it("does not read a page as the answer to a Response", async () => {
    const posted = entry("POST", "https://sentry.example.com/saml/acs/acme/", { body: formBody({ SAMLResponse: VALUE }), status: 400, html: KEYCLOAK_ERROR_PAGE });
    expect(findingsOf(await analyse(JSON.stringify(har([posted]))), "idp.error-page")).toEqual([]);
  });
});
