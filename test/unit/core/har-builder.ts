/** Builds HAR 1.2 captures of Sentry ↔ Keycloak traffic from the signed fixtures, as a browser would save them. */
import { deflateRawSync } from "node:zlib";
import type { Har, HarEntry } from "../../../src/core/har/schema.js";
import { base64 } from "./fixtures.js";

export const KEYCLOAK_SAML = "https://keycloak.example.com/realms/demo/protocol/saml";

export function authnRequestXml(id: string, overrides: { issuer?: string; acs?: string; binding?: string } = {}): string {
  return (
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="2025-06-01T11:59:50Z" Destination="${KEYCLOAK_SAML}" ` +
    `ProtocolBinding="${overrides.binding ?? "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"}" AssertionConsumerServiceURL="${overrides.acs ?? "https://sentry.example.com/saml/acs/acme/"}">` +
    `<saml:Issuer>${overrides.issuer ?? "https://sentry.example.com/saml/metadata/acme/"}</saml:Issuer>` +
    `<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" AllowCreate="true"/></samlp:AuthnRequest>`
  );
}

export function redirectUrl(base: string, parameter: string, xml: string, relayState?: string): string {
  const params = new URLSearchParams({ [parameter]: base64(deflateRawSync(Buffer.from(xml))) });
  if (relayState !== undefined) params.set("RelayState", relayState);
  return `${base}?${params.toString()}`;
}

export function entry(method: "GET" | "POST", url: string, options: { body?: string; status?: number; html?: string } = {}): HarEntry {
  const query = url.includes("?") ? [...new URLSearchParams(url.split("?")[1]).entries()].map(([name, value]) => ({ name, value })) : [];
  return {
    startedDateTime: "2025-06-01T11:59:50.000Z",
    time: 12,
    request: {
      method,
      url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [],
      queryString: query,
      ...(options.body === undefined ? {} : { postData: { mimeType: "application/x-www-form-urlencoded", text: options.body } }),
      headersSize: -1,
      bodySize: options.body?.length ?? 0,
    },
    response: {
      // No answer unless a test gives one: an answer is evidence that outranks every prediction.
      status: options.status ?? 0,
      statusText: "",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [],
      content: { size: options.html?.length ?? 0, mimeType: "text/html; charset=utf-8", ...(options.html === undefined ? {} : { text: options.html }) },
      redirectURL: "",
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 1, wait: 10, receive: 1 },
  };
}

export function har(entries: HarEntry[]): Har {
  return { log: { version: "1.2", creator: { name: "WebInspector", version: "537.36" }, entries } };
}

export function formBody(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}

export const KEYCLOAK_ERROR_PAGE = `<!DOCTYPE html><html><head><title>Sign in to demo</title></head><body><div id="kc-content"><div id="kc-error-message"><p class="instruction">Invalid requester</p></div></div></body></html>`;
