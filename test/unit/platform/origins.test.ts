import { describe, expect, it } from "vitest";
import { originPattern, patternLabel, urlMatchesPattern } from "../../../src/platform/origins.js";

describe("originPattern", () => {
  it("asks for the whole host, without port, path or query (Firefox ignores port-specific grants)", () => {
    expect(originPattern("https://kc.example.com:8443/admin/master/console/#/acme/clients")).toBe("https://kc.example.com/*");
    expect(originPattern("http://127.0.0.1:41234/admin/")).toBe("http://127.0.0.1/*");
    expect(originPattern("http://[::1]:8080/x")).toBe("http://[::1]/*");
  });

  it("refuses pages an extension cannot be enabled on", () => {
    expect(originPattern("chrome://extensions/")).toBeNull();
    expect(originPattern("about:blank")).toBeNull();
    expect(originPattern("file:///tmp/x.html")).toBeNull();
    expect(originPattern("not a url")).toBeNull();
  });

  it("labels a pattern for people", () => {
    expect(patternLabel("https://kc.example.com/*")).toBe("https://kc.example.com");
  });
});

describe("urlMatchesPattern", () => {
  it("matches every port of a host-level pattern, as the browser does", () => {
    expect(urlMatchesPattern("http://127.0.0.1:41251/realms/acme/protocol/saml?SAMLRequest=x", "http://127.0.0.1/*")).toBe(true);
    expect(urlMatchesPattern("https://127.0.0.1/", "http://127.0.0.1/*")).toBe(false);
    expect(urlMatchesPattern("http://127.0.0.2/", "http://127.0.0.1/*")).toBe(false);
  });

  it("understands the all-sites and subdomain forms", () => {
    expect(urlMatchesPattern("https://sso.example.com/x", "https://*/*")).toBe(true);
    expect(urlMatchesPattern("ftp://sso.example.com/x", "*://*/*")).toBe(false);
    expect(urlMatchesPattern("https://a.b.example.com/x", "https://*.example.com/*")).toBe(true);
    expect(urlMatchesPattern("https://example.com/x", "https://*.example.com/*")).toBe(true);
    expect(urlMatchesPattern("https://badexample.com/x", "https://*.example.com/*")).toBe(false);
    expect(urlMatchesPattern("https://example.com/saml/acs/", "https://example.com/saml/*")).toBe(true);
    expect(urlMatchesPattern("https://example.com/other", "https://example.com/saml/*")).toBe(false);
    expect(urlMatchesPattern("not a url", "https://*/*")).toBe(false);
  });
});
