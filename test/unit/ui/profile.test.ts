/** The SP profile (Sentry preset) and the IdP certificates the user pastes. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mappedAttributeNames, NO_PROFILE, readTrust, resolveProfile, spProfileFor } from "../../../src/ui/panel/model/profile.js";
import { fixtureText, IDP, SAML_KEYS, SENTRY_PROFILE } from "./support.js";

describe("resolveProfile", () => {
  it("derives Sentry's endpoints from its URL and organization slug", () => {
    const resolved = resolveProfile({ ...SENTRY_PROFILE, urlPrefix: "https://sentry.example.com/" });
    expect(resolved).toMatchObject({
      ok: true,
      sp: { spEntityId: "https://sentry.example.com/saml/metadata/acme/", acsUrl: "https://sentry.example.com/saml/acs/acme/", slsUrl: "https://sentry.example.com/saml/sls/acme/" },
      clockToleranceSeconds: 300,
    });
    expect(resolved.ok && resolved.warnings.join(" ")).toMatch(/ends with a slash/);
  });

  it("says what is wrong with what was typed", () => {
    const resolved = resolveProfile({ ...SENTRY_PROFILE, urlPrefix: "sentry.example.com" });
    expect(resolved.ok === false && resolved.message).toMatch(/no scheme/);
  });

  it("none: no SP URLs, so the checks that need them are skipped", () => {
    expect(spProfileFor(resolveProfile(NO_PROFILE), undefined)).toMatchObject({ spEntityId: undefined, acsUrl: undefined, idpEntityId: undefined, trustedCertificates: [] });
  });
});

describe("readTrust", () => {
  it("metadata names its IdP; its entity ID becomes the one the SP expects", () => {
    const read = readTrust(fixtureText("idp-metadata.xml"), "https://somewhere-else");
    expect(read.ok && read.trust.entityId).toBe(IDP);
    expect(read.ok && read.trust.certificates).toHaveLength(1);
    expect(read.ok && spProfileFor(resolveProfile(SENTRY_PROFILE), read.trust).idpEntityId).toBe(IDP);
  });

  it("a PEM certificate is remembered for the message's issuer", () => {
    const read = readTrust(readFileSync(join(SAML_KEYS, "idp-cert.pem"), "utf8"), IDP);
    expect(read.ok && read.trust).toMatchObject({ entityId: IDP, fromMetadata: false });
  });

  it("refuses a private key, and explains", () => {
    const read = readTrust(readFileSync(join(SAML_KEYS, "idp-key.pem"), "utf8"), IDP);
    expect(read.ok === false && read.message).toMatch(/PRIVATE KEY/);
  });
});

describe("mappedAttributeNames", () => {
  it("names the attributes Sentry reads, once each, and none without the Sentry profile", () => {
    expect(mappedAttributeNames(SENTRY_PROFILE, resolveProfile(SENTRY_PROFILE))).toEqual(new Map([["user_email", "Sentry: IdP User ID, User Email"]]));
    const separate = { ...SENTRY_PROFILE, identifierAttribute: "user_id" };
    expect(mappedAttributeNames(separate, resolveProfile(separate))).toEqual(new Map([["user_id", "Sentry: IdP User ID"], ["user_email", "Sentry: User Email"]]));
    expect(mappedAttributeNames(NO_PROFILE, resolveProfile(NO_PROFILE)).size).toBe(0);
  });
});
