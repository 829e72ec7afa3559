import { describe, expect, it } from "vitest";
import { parseKeycloakUrl, parseOrgSlug, parseSentryUrl } from "../../../../src/core/presets/inputs.js";

describe("Sentry URL", () => {
  it("refuses a URL without scheme and says what to type", () => {
    const result = parseSentryUrl("sentry.example.com");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("input.url-no-scheme");
    expect(result.error.message).toContain("https://sentry.example.com");
  });

  it("corrects a trailing slash and reports it", () => {
    const result = parseSentryUrl("https://tools.example.org/sentry/");
    expect(result.ok && result.value.urlPrefix).toBe("https://tools.example.org/sentry");
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual(["input.trailing-slash"]);
  });

  it("reduces a pasted SAML URL to the prefix and keeps the organization", () => {
    const result = parseSentryUrl("https://sentry.example.com/saml/metadata/acme/");
    expect(result.ok && result.value).toEqual({ urlPrefix: "https://sentry.example.com", orgFromUrl: "acme" });
    expect(result.ok && result.warnings.map((warning) => warning.code)).toContain("input.sentry-url-has-path");
  });

  it("refuses other schemes, queries and hosts with spaces", () => {
    expect(parseSentryUrl("ftp://sentry.example.com").ok).toBe(false);
    expect(parseSentryUrl("https://sentry.example.com/?org=acme").ok).toBe(false);
    expect(parseSentryUrl("https://sentry example.com").ok).toBe(false);
  });
});

describe("organization slug", () => {
  it("refuses spaces with a clear message and a suggestion", () => {
    const result = parseOrgSlug("Acme Corp");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("input.slug-spaces");
    expect(result.error.message).toContain('"acme-corp"');
  });

  it("corrects slashes and upper case, and reports both", () => {
    const result = parseOrgSlug("/Acme/");
    expect(result.ok && result.value).toBe("acme");
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual(["input.slug-slashes", "input.slug-case"]);
  });

  it("refuses characters Sentry slugs never have", () => {
    expect(parseOrgSlug("acme.corp").ok).toBe(false);
    expect(parseOrgSlug("12345").ok).toBe(false);
  });
});

describe("Keycloak URL", () => {
  it("recognises the legacy /auth path", () => {
    const result = parseKeycloakUrl("https://sso.example.com/auth/");
    expect(result.ok && result.value).toEqual({ baseUrl: "https://sso.example.com", legacyAuthPath: true, realmFromUrl: null });
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual(["input.trailing-slash"]);
  });

  it("reads the realm from a realm or admin console URL", () => {
    const realm = parseKeycloakUrl("https://sso.example.com/realms/demo/protocol/saml/descriptor");
    expect(realm.ok && realm.value.realmFromUrl).toBe("demo");
    const console = parseKeycloakUrl("https://sso.example.com/admin/master/console/#/demo/clients");
    expect(console.ok && console.value).toEqual({ baseUrl: "https://sso.example.com", legacyAuthPath: false, realmFromUrl: "demo" });
  });
});
