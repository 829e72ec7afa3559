/** Reading DevTools / HAR entries: both bindings, RelayState, Location, and when an error page's body is worth fetching. */
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readEntry, wantsResponseBody } from "../../../src/ui/panel/model/entry.js";
import { importHarBytes } from "../../../src/core/har/stream-import.js";
import { entriesOfImport } from "../../../src/ui/panel/model/har-file.js";

const request = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="r1" Version="2.0"/>`;
const redirectUrl = `https://idp.example/saml?${new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(request)).toString("base64"), RelayState: "r/s", SigAlg: "alg" })}`;

function har(method: string, url: string, extra: Record<string, unknown> = {}) {
  return { startedDateTime: "2025-06-01T12:00:00.000Z", request: { method, url, headers: [{ name: "Host", value: "idp.example" }] }, ...extra };
}

describe("readEntry", () => {
  it("reads a Redirect-binding message from the query string, with RelayState and SigAlg", () => {
    const entry = readEntry(har("GET", redirectUrl), 0);
    expect(entry?.messages).toHaveLength(1);
    expect(entry?.messages[0]).toMatchObject({ parameter: "SAMLRequest", binding: "HTTP-Redirect", relayState: "r/s", sigAlg: "alg", url: redirectUrl, startedAt: "2025-06-01T12:00:00.000Z" });
    expect(entry?.http.requestHeaders).toEqual([{ name: "Host", value: "idp.example" }]);
  });

  it("reads a POST form body, and the form's params when a HAR writer left the text empty", () => {
    const value = Buffer.from("<samlp:Response/>").toString("base64");
    const text = readEntry(har("POST", "https://sp.example/acs", { request: { method: "post", url: "https://sp.example/acs", postData: { mimeType: "application/x-www-form-urlencoded", text: `SAMLResponse=${encodeURIComponent(value)}&RelayState=x` } } }), 0);
    expect(text?.messages[0]).toMatchObject({ parameter: "SAMLResponse", binding: "HTTP-POST", value, relayState: "x" });
    expect(text?.http.method).toBe("POST");
    const params = readEntry({ request: { method: "POST", url: "https://sp.example/acs", postData: { mimeType: "application/x-www-form-urlencoded", text: "", params: [{ name: "SAMLResponse", value }] } } }, 0);
    expect(params?.messages[0]?.value).toBe(value);
  });

  it("keeps the status and the Location a redirect sends the browser to", () => {
    const entry = readEntry(har("POST", "https://sp.example/acs", { response: { status: 302, statusText: "Found", headers: [{ name: "location", value: "https://sp.example/home" }] } }), 0);
    expect(entry?.http).toMatchObject({ status: 302, statusText: "Found", location: "https://sp.example/home" });
    expect(entry?.messages).toEqual([]);
  });

  it("a request with no answer (cancelled, status 0) has no status", () => {
    expect(readEntry(har("GET", redirectUrl, { response: { status: 0 } }), 0)?.http.status).toBeUndefined();
  });

  it("is not fooled by what is not a HAR entry", () => {
    expect(readEntry({ url: "x" }, 0)).toBeUndefined();
    expect(readEntry(null, 0)).toBeUndefined();
    expect(readEntry("GET /", 0)).toBeUndefined();
  });

  it("asks for the response body only for an HTML answer to a SAML request (a possible IdP error page)", () => {
    const html = { response: { status: 400, content: { mimeType: "text/html; charset=utf-8" } } };
    const page = readEntry(har("GET", redirectUrl, html), 0);
    expect(page !== undefined && wantsResponseBody(page)).toBe(true);
    const withBody = readEntry(har("GET", redirectUrl, html), 0, "<div id='kc-error-message'>Invalid requester</div>");
    expect(withBody?.messages[0]?.answer?.text).toContain("Invalid requester");
    expect(withBody !== undefined && wantsResponseBody(withBody)).toBe(false);
    const plain = readEntry(har("GET", "https://idp.example/page.html", html), 0);
    expect(plain !== undefined && wantsResponseBody(plain)).toBe(false);
    const json = readEntry(har("GET", redirectUrl, { response: { status: 200, content: { mimeType: "application/json" } } }), 0);
    expect(json !== undefined && wantsResponseBody(json)).toBe(false);
  });
});

describe("HAR file import", () => {
  it("returns the SAML entries of a HAR file, and says why anything else is not one", () => {
    const file = { log: { entries: [har("GET", "https://sp.example/page"), har("GET", redirectUrl, { response: { status: 200 } })] } };
    const read = entriesOfImport(importHarBytes(Buffer.from(`\uFEFF${JSON.stringify(file)}`)));
    expect(read.ok && [read.requestCount, read.messageCount, read.entries.length]).toEqual([2, 1, 1]);
    expect(read.ok && read.entries[0]?.http.url).toBe(redirectUrl);
    const notJson = entriesOfImport(importHarBytes(Buffer.from("<html>")));
    expect(notJson.ok).toBe(false);
    const notHar = entriesOfImport(importHarBytes(Buffer.from(`{"entries":[]}`)));
    expect(notHar.ok).toBe(false);
  });
});
