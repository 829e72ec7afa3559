import { describe, expect, it } from "vitest";
import { presetFromClientId } from "../../../src/content/sentry-client-id.js";

describe("the Sentry a Client ID names", () => {
  it("infers self-hosted Sentry and the organization from Sentry's entity ID, with or without the trailing slash", () => {
    expect(presetFromClientId("https://sentry.acme.test/saml/metadata/acme/")).toEqual({
      kind: "sentry-self-hosted",
      urlPrefix: "https://sentry.acme.test",
      orgSlug: "acme",
    });
    expect(presetFromClientId("https://errors.example.com/sentry/saml/metadata/team-a")).toEqual({
      kind: "sentry-self-hosted",
      urlPrefix: "https://errors.example.com/sentry",
      orgSlug: "team-a",
    });
  });

  it("recognizes sentry.io", () => {
    expect(presetFromClientId("https://sentry.io/saml/metadata/acme/")).toEqual({ kind: "sentry-saas", orgSlug: "acme" });
  });

  it("asks the user for anything else", () => {
    for (const clientId of ["sentry-sso", "urn:example:sp", "https://sentry.acme.test/saml/acs/acme/", ""]) {
      expect(presetFromClientId(clientId), clientId).toBeNull();
    }
  });
});
