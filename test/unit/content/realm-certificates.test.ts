/**
 * The overlay's reading of the realm's IdP descriptor (as Keycloak writes it): the signing certificates with their kids,
 * never an encryption key's, whitespace inside the base64 dropped; and a security fix's redirect URI list planned as
 * the whole list the form must end with (the wildcard removed, not an entry added beside it).
 */
import { describe, expect, it } from "vitest";
import { planFix } from "../../../src/content/fix-plan.js";
import { signingCertificates } from "../../../src/content/overlay/realm-certificates.js";

const key = (use: string, kid: string, certificate: string) =>
  `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:KeyName>${kid}</ds:KeyName><ds:X509Data><ds:X509Certificate>${certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;

describe("realm descriptor", () => {
  it("lists the signing certificates with their kids, and not the encryption key", () => {
    const xml = `<md:EntityDescriptor><md:IDPSSODescriptor>${key("signing", "kid-1", "MIIB\n  AAAA")}${key("encryption", "enc", "MIIC")}${key("signing", "kid-2", "MIID")}</md:IDPSSODescriptor></md:EntityDescriptor>`;
    expect(signingCertificates(xml)).toEqual([
      { kid: "kid-1", certificate: "MIIBAAAA" },
      { kid: "kid-2", certificate: "MIID" },
    ]);
    expect(signingCertificates("<html>not metadata</html>")).toEqual([]);
  });
});

describe("redirect URI list fix", () => {
  it("a patch of the whole list is one write of exactly that list; an added entry stays an append", () => {
    const finding = { id: "security.redirect-wildcard", severity: "error", message: "m", fix: "f", source: "s", attributeKey: "redirectUris", kind: "security" };
    const whole = planFix({ finding, patch: [{ op: "add", path: "/redirectUris", value: ["https://s/acs/"] }] } as never, {});
    expect(whole.writes.map((write) => ("uris" in write ? write.uris : write))).toEqual([["https://s/acs/"]]);
    const append = planFix({ finding, patch: [{ op: "add", path: "/redirectUris/-", value: "https://s/acs/" }] } as never, {});
    expect(append.writes.map((write) => ("uri" in write ? [write.uri, write.index] : write))).toEqual([["https://s/acs/", "append"]]);
  });
});
