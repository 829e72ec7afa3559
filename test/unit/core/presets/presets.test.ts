import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { presetFromSpMetadata } from "../../../../src/core/presets/from-sp-metadata.js";
import { presetSchema, type Preset, type PresetResult } from "../../../../src/core/presets/schema.js";
import { sentrySaasPreset } from "../../../../src/core/presets/sentry-saas.js";
import { sentrySelfHostedPreset } from "../../../../src/core/presets/sentry-self-hosted.js";

const METADATA = join(__dirname, "../../../fixtures/keycloak/sentry-sp-metadata");
const metadata = (name: string): string => readFileSync(join(METADATA, name), "utf8");

function presetOf(result: PresetResult): Preset {
  if (!result.ok) throw new Error(`preset failed: ${result.error.message}`);
  return result.preset;
}

describe("Sentry self-hosted preset", () => {
  it("builds Sentry's SAML URLs with their trailing slashes", () => {
    const preset = presetOf(sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "acme" }));
    expect(preset.sp.entityId).toBe("https://sentry.example.com/saml/metadata/acme/");
    expect(preset.sp.assertionConsumerServices).toEqual([
      { url: "https://sentry.example.com/saml/acs/acme/", binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" },
    ]);
    expect(preset.sp.singleLogoutServices).toEqual([
      { url: "https://sentry.example.com/saml/sls/acme/", binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" },
    ]);
    expect(preset.keycloak.clientId.expected).toBe(preset.sp.entityId);
    expect(preset.keycloak.clientSignatureRequired).toMatchObject({ expected: "false", severity: "error" });
    expect(preset.keycloak.emailAttribute.expected).toBe("user_email");
    expect(preset.keycloak.identifierAttribute.expected).toBe("user_id");
    expect(presetSchema.safeParse(preset).success).toBe(true);
  });

  it("uses the attribute names the user typed into Sentry", () => {
    const preset = presetOf(
      sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "acme", attributeNames: { identifier: "user_email" } }),
    );
    expect(preset.keycloak.identifierAttribute.expected).toBe("user_email");
    expect(preset.sp.attributes.required.map((attribute) => attribute.assumed)).toEqual([false, true]);
  });

  it("corrects a trailing slash on the URL prefix and reports it, giving the same preset", () => {
    const plain = sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "acme" });
    const slashed = sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com/", orgSlug: "acme" });
    expect(presetOf(slashed)).toEqual(presetOf(plain));
    expect(slashed.ok && slashed.warnings.map((warning) => warning.code)).toEqual(["input.trailing-slash"]);
  });

  it("refuses a URL without scheme and a slug with spaces", () => {
    const noScheme = sentrySelfHostedPreset({ urlPrefix: "sentry.example.com", orgSlug: "acme" });
    expect(!noScheme.ok && noScheme.error.code).toBe("input.url-no-scheme");
    const spaces = sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "my org" });
    expect(!spaces.ok && spaces.error.code).toBe("input.slug-spaces");
  });

  it("takes the organization from a pasted SAML URL, and refuses a contradicting slug", () => {
    const fromUrl = presetOf(sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com/saml/acs/acme/", orgSlug: "" }));
    expect(fromUrl.sp.entityId).toBe("https://sentry.example.com/saml/metadata/acme/");
    const mismatch = sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com/saml/acs/acme/", orgSlug: "other" });
    expect(!mismatch.ok && mismatch.error.code).toBe("input.org-mismatch");
  });
});

describe("sentry.io preset", () => {
  it("uses https://sentry.io unless overridden", () => {
    expect(presetOf(sentrySaasPreset({ orgSlug: "acme" })).sp.entityId).toBe("https://sentry.io/saml/metadata/acme/");
    expect(presetOf(sentrySaasPreset({ orgSlug: "acme", urlPrefix: "https://acme.sentry.io" })).sp.entityId).toBe(
      "https://acme.sentry.io/saml/metadata/acme/",
    );
  });
});

describe("preset from SP metadata", () => {
  const cases: Array<[string, () => PresetResult]> = [
    ["self-hosted-acme.xml", () => sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "acme" })],
    ["self-hosted-subpath-port.xml", () => sentrySelfHostedPreset({ urlPrefix: "https://tools.example.org:8443/sentry/", orgSlug: "platform-team" })],
    ["saas-acme.xml", () => sentrySaasPreset({ orgSlug: "acme" })],
  ];
  it.each(cases)("Sentry's own metadata (%s, made by python3-saml) agrees with the URL + slug preset", (file, fromUrl) => {
    const fromMetadata = presetOf(presetFromSpMetadata(metadata(file)));
    const expected = presetOf(fromUrl());
    expect(fromMetadata.id).toBe("from-sp-metadata");
    expect(fromMetadata.sp).toEqual(expected.sp);
    expect(fromMetadata.keycloak).toEqual(expected.keycloak);
  });

  it("passes the typed attribute names on to a Sentry preset", () => {
    const preset = presetOf(presetFromSpMetadata(metadata("self-hosted-acme.xml"), { attributeNames: { identifier: "user_email" } }));
    expect(preset.keycloak.identifierAttribute.expected).toBe("user_email");
  });

  it("derives what another SP's metadata states: signed requests, signed assertions, encryption, NameID, attributes", () => {
    const preset = presetOf(presetFromSpMetadata(metadata("generic-signed-sp.xml")));
    expect(preset.sp).toMatchObject({
      entityId: "https://sp.example.org/metadata",
      signsAuthnRequests: true,
      wantsAssertionsSigned: true,
      canDecryptAssertions: true,
      nameIdFormats: ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"],
      validator: null,
    });
    expect(preset.sp.certificates.map((certificate) => certificate.use)).toEqual(["signing", "encryption"]);
    const pem = readFileSync(join(METADATA, "generic-sp.crt"), "utf8").replace(/-----[A-Z ]+-----|\s/g, "");
    expect(preset.sp.certificates[0]?.base64).toBe(pem);
    expect(preset.sp.attributes.required.map((attribute) => attribute.samlName)).toEqual(["mail"]);
    expect(preset.keycloak.clientSignatureRequired).toMatchObject({ expected: "true", severity: "suggestion" });
    expect(preset.keycloak.signing.expected).toBe("assertions");
    expect(preset.keycloak.encryptAssertions.expected).toBeNull();
  });

  it("reads xs:boolean's 1 as true, as SAML metadata may write it", () => {
    const ones = metadata("generic-signed-sp.xml").replace('AuthnRequestsSigned="true"', 'AuthnRequestsSigned="1"').replace('WantAssertionsSigned="true"', 'WantAssertionsSigned=" 1 "');
    expect(presetOf(presetFromSpMetadata(ones)).sp).toMatchObject({ signsAuthnRequests: true, wantsAssertionsSigned: true });
    const zeros = ones.replace('AuthnRequestsSigned="1"', 'AuthnRequestsSigned="0"');
    expect(presetOf(presetFromSpMetadata(zeros)).sp.signsAuthnRequests).toBe(false);
  });

  it("trims the typed e-mail attribute name, and says when typed names cannot apply (metadata not Sentry's)", () => {
    const sentry = presetOf(presetFromSpMetadata(metadata("self-hosted-acme.xml"), { attributeNames: { userEmail: "  mail  " } }));
    expect(sentry.keycloak.emailAttribute.expected).toBe("mail");
    const other = presetFromSpMetadata(metadata("generic-signed-sp.xml"), { attributeNames: { userEmail: "mail" } });
    expect(other.ok && other.warnings).toEqual([
      { code: "metadata.attribute-names-ignored", message: "The attribute names apply to Sentry's mapping; this metadata is not Sentry's, so they were not used." },
    ]);
  });

  it("refuses an EntityDescriptor without entityID, or of another namespace", () => {
    const noId = presetFromSpMetadata(metadata("generic-signed-sp.xml").replace(/entityID="[^"]*"/, 'entityID=" "'));
    expect(noId.ok ? "ok" : noId.error).toEqual({ code: "metadata.entity-id", message: "The EntityDescriptor has no entityID." });
    const foreign = presetFromSpMetadata(`<EntityDescriptor xmlns="urn:example:not-saml" entityID="x"><SPSSODescriptor/></EntityDescriptor>`);
    expect(foreign.ok ? "ok" : foreign.error.code).toBe("metadata.shape");
    const other = presetFromSpMetadata(`<md:Other xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`);
    expect(other.ok ? "ok" : other.error.code).toBe("metadata.shape");
  });

  it("refuses IdP metadata and non-metadata with a clear error", () => {
    const idp = presetFromSpMetadata(
      `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sso.example.com/realms/demo"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>`,
    );
    expect(!idp.ok && idp.error.code).toBe("metadata.not-sp");
    expect(!idp.ok && idp.error.message).toContain("identity provider metadata");
    const other = presetFromSpMetadata("<html><body/></html>");
    expect(!other.ok && other.error.code).toBe("metadata.shape");
    const broken = presetFromSpMetadata("<md:EntityDescriptor");
    expect(!broken.ok && broken.error.code).toBe("metadata.xml");
  });
});
