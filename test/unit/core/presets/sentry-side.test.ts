import { describe, expect, it } from "vitest";
import { sentrySideValues } from "../../../../src/core/presets/sentry-side.js";

describe("values to paste into Sentry", () => {
  it("computes metadata URL, entity ID, SSO URL and the attribute mapping from Keycloak URL + realm", () => {
    const result = sentrySideValues({ keycloakUrl: "https://sso.example.com", realm: "demo" });
    expect(result.ok && result.value).toMatchObject({
      metadataUrl: "https://sso.example.com/realms/demo/protocol/saml/descriptor",
      alternativeMetadataUrl: "https://sso.example.com/auth/realms/demo/protocol/saml/descriptor",
      entityId: "https://sso.example.com/realms/demo",
      ssoUrl: "https://sso.example.com/realms/demo/protocol/saml",
      attributeMapping: [
        { sentryField: "IdP User ID", key: "identifier", samlAttributeName: "user_id" },
        { sentryField: "User Email", key: "user_email", samlAttributeName: "user_email" },
      ],
      notes: [],
    });
  });

  it("uses the legacy /auth path first when the URL has it", () => {
    const result = sentrySideValues({ keycloakUrl: "https://sso.example.com/auth", realm: "demo" });
    expect(result.ok && result.value.metadataUrl).toBe("https://sso.example.com/auth/realms/demo/protocol/saml/descriptor");
    expect(result.ok && result.value.entityId).toBe("https://sso.example.com/auth/realms/demo");
  });

  it("reads the realm from a pasted realm URL and refuses a contradicting realm", () => {
    const fromUrl = sentrySideValues({ keycloakUrl: "https://sso.example.com/realms/demo/", realm: "" });
    expect(fromUrl.ok && fromUrl.value.entityId).toBe("https://sso.example.com/realms/demo");
    const mismatch = sentrySideValues({ keycloakUrl: "https://sso.example.com/realms/demo", realm: "other" });
    expect(!mismatch.ok && mismatch.error.code).toBe("input.realm-mismatch");
  });

  it("warns that Sentry will not fetch metadata from a private address", () => {
    const result = sentrySideValues({ keycloakUrl: "http://192.168.1.20:8080", realm: "demo" });
    expect(result.ok && result.value.notes.join(" ")).toContain("paste the XML");
  });

  it("refuses a Keycloak URL without scheme", () => {
    const result = sentrySideValues({ keycloakUrl: "sso.example.com", realm: "demo" });
    expect(!result.ok && result.error.code).toBe("input.url-no-scheme");
  });
});
