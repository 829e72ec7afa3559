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

describe("what the input checks say, word for word", () => {
  const problem = (result: ReturnType<typeof parseSentryUrl>) => (result.ok ? "accepted" : `${result.error.code}: ${result.error.message}`);

  it("a URL without scheme: the example drops the slashes it was typed with", () => {
    expect(problem(parseSentryUrl("//sentry.example.com"))).toBe(
      'input.url-no-scheme: The Sentry URL "//sentry.example.com" has no scheme. Write it with https:// (or http://) in front, e.g. https://sentry.example.com',
    );
  });

  it("a port outside 1–65535 is refused with the port named; one inside is kept", () => {
    expect(problem(parseSentryUrl("https://sentry.example.com:0"))).toBe('input.url-port: The Sentry URL "https://sentry.example.com:0" has an invalid port 0.');
    expect(problem(parseSentryUrl("https://sentry.example.com:65536"))).toBe('input.url-port: The Sentry URL "https://sentry.example.com:65536" has an invalid port 65536.');
    const kept = parseSentryUrl("https://sentry.example.com:65535");
    expect(kept.ok && kept.value.urlPrefix).toBe("https://sentry.example.com:65535");
  });

  it("a page of an organization: says which page, which organization, and the prefix used", () => {
    const result = parseSentryUrl("  https://tools.example.org/sentry/saml/metadata/acme/  ");
    expect(result.ok && result.value).toEqual({ urlPrefix: "https://tools.example.org/sentry", orgFromUrl: "acme" });
    expect(result.ok && result.warnings.find((warning) => warning.code === "input.sentry-url-has-path")?.message).toBe(
      'The Sentry URL "https://tools.example.org/sentry/saml/metadata/acme/" is a page of organization "acme", not Sentry\'s URL prefix; the prefix "https://tools.example.org/sentry" was used.',
    );
  });

  it("a slug with several slashes around it loses them all, and its case is said", () => {
    const result = parseOrgSlug("//Acme-Corp//");
    expect(result.ok && result.value).toBe("acme-corp");
    expect(result.ok && result.warnings.map((warning) => warning.message)).toEqual([
      'The organization slug "//Acme-Corp//" has slashes around it; "Acme-Corp" was used.',
      'Sentry slugs are lower-case; "Acme-Corp" was read as "acme-corp".',
    ]);
    const inner = parseOrgSlug("acme/corp/");
    expect(inner.ok).toBe(false);
  });
});
