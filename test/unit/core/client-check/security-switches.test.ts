/**
 * What the user reads in the security findings about one switch (overlay card, CLI, wizard): expected and actual
 * values, a message naming the setting, what its weak value enables and what compensates for it, a fix naming the
 * exact value to set, the source, and the patch. For Sentry (from the secure baseline, support.ts secureRealm, one
 * change per test) and for an SP that signs its requests and can decrypt (its own metadata, generic-signed-sp.xml).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newClientForPreset } from "../../../../src/core/client-check/new-client.js";
import { presetFromSpMetadata } from "../../../../src/core/presets/from-sp-metadata.js";
import type { Preset } from "../../../../src/core/presets/schema.js";
import { sentrySelfHostedPreset } from "../../../../src/core/presets/sentry-self-hosted.js";
import { FIXTURES, attributesOf, check, secureRealm, securityOutcome, sentryClientOf, sentryPreset, type Json } from "./support.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const SIGNATURE = "Settings › Signature and Encryption";
const OWASP = "OWASP SAML Security Cheat Sheet, https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html";
const SAML_SECURITY = "SAML 2.0 Security and Privacy Considerations (saml-sec-consider-2.0-os), https://docs.oasis-open.org/security/saml/v2.0/saml-sec-consider-2.0-os.pdf";
const NIST = "NIST SP 800-131A Rev. 2 (SHA-1 signatures and RSA keys under 2048 bits disallowed), https://csrc.nist.gov/pubs/sp/800/131/a/r2/final";

function withAttributes(attributes: Record<string, string>, preset: Preset = sentryPreset()) {
  return check(secureRealm((client: Json) => Object.assign(attributesOf(client), attributes)), preset);
}

describe("security.unsigned and security.assertion-not-signed: what the user reads", () => {
  it("both Off: anyone could write a response, Sentry refuses it, and both switches are turned On", () => {
    const { finding, patch } = securityOutcome(withAttributes({ "saml.server.signature": "false", "saml.assertion.signature": "false" }), "security.unsigned");
    expect(finding).toMatchObject({ severity: "error", expected: "Sign documents On, Sign assertions On", actual: "Sign documents Off, Sign assertions Off", source: OWASP });
    expect(finding.message).toContain("Keycloak signs neither the response nor the assertion: anyone could write one naming any user. Sentry refuses unsigned");
    expect(finding.message).toContain("responses, so this also breaks login, but an SP that accepted them would let anyone in as anyone.");
    expect(finding.fix).toBe(`Turn ${SIGNATURE} › Sign documents On and ${SIGNATURE} › Sign assertions On.`);
    expect(patch).toEqual([
      { op: "add", path: "/attributes/saml.server.signature", value: "true" },
      { op: "add", path: "/attributes/saml.assertion.signature", value: "true" },
    ]);
  });

  it("only the document signed: a suggestion that says logins are safe and what signing the assertion adds", () => {
    const { finding, patch } = securityOutcome(withAttributes({ "saml.assertion.signature": "false" }), "security.assertion-not-signed");
    expect(finding).toMatchObject({ severity: "suggestion", expected: "true", actual: "false", source: OWASP });
    expect(finding.message).toContain("Sign assertions is Off: only the whole response is signed. Sentry verifies that signature, which covers the assertion");
    expect(finding.message).toContain("so logins are safe today; signing the assertion as well keeps it tamper-evident on its own");
    expect(finding.message).toContain("and Sentry accepts both");
    expect(finding.fix).toBe(`Turn ${SIGNATURE} › Sign assertions On (keep Sign documents On).`);
    expect(patch).toEqual([{ op: "add", path: "/attributes/saml.assertion.signature", value: "true" }]);
  });
});

describe("security.weak-signature-algorithm: what the user reads", () => {
  it("names the SHA-1 algorithm, why it is weak, that Sentry verifies RSA_SHA256 as is, and sets RSA_SHA256", () => {
    const { finding, patch } = securityOutcome(withAttributes({ "saml.signature.algorithm": "RSA_SHA1" }), "security.weak-signature-algorithm");
    expect(finding).toMatchObject({ severity: "warning", expected: "RSA_SHA256", actual: "RSA_SHA1", source: NIST });
    expect(finding.message).toContain("Signature algorithm is RSA_SHA1. SHA-1 is broken for signatures (chosen-prefix collisions are practical)");
    expect(finding.message).toContain("on the responses Sentry trusts is only as strong as SHA-1. Sentry verifies RSA_SHA256 (what it expects) without any change on its side.");
    expect(finding.fix).toBe(`Set ${SIGNATURE} › Signature algorithm to RSA_SHA256.`);
    expect(patch).toEqual([{ op: "add", path: "/attributes/saml.signature.algorithm", value: "RSA_SHA256" }]);
  });

  it("DSA_SHA1 too", () => {
    expect(securityOutcome(withAttributes({ "saml.signature.algorithm": "DSA_SHA1" }), "security.weak-signature-algorithm").finding.actual).toBe("DSA_SHA1");
  });
});

describe("security.client-signature and security.encryption for Sentry: what the user reads", () => {
  it("exact redirect URIs: Sentry does not sign, anyone can write a request, and exact redirect URIs make that harmless", () => {
    const { finding } = securityOutcome(check(secureRealm()), "security.client-signature");
    expect(finding).toMatchObject({ severity: "info", expected: "false", actual: "false", source: SAML_SECURITY });
    expect(finding.message).toContain("Client signature required is Off, as Sentry needs: Sentry does not sign its AuthnRequests, so anyone can write one with Sentry's");
    expect(finding.message).toContain("That is harmless while Valid redirect URIs is exactly Sentry's ACS URL: Keycloak then posts the assertion only to Sentry.");
    expect(finding.fix).toBe("Nothing to do: keep Client signature required Off and Valid redirect URIs exact.");
  });

  it("a wildcard redirect URI: the forged request can send the assertion elsewhere; keep the switch Off, set the exact ACS URL", () => {
    const { finding, patch } = securityOutcome(check(secureRealm((client) => (client.redirectUris = ["https://sentry.example.com/*"]))), "security.client-signature");
    expect(finding).toMatchObject({ severity: "warning", expected: "false", actual: "false" });
    expect(finding.message).toContain("Client signature required is Off, as Sentry needs, but Valid redirect URIs is not exact: a forged AuthnRequest with Sentry's Client ID");
    expect(finding.message).toContain("can have Keycloak post the user's assertion to another URL. Exact redirect URIs are the control that makes this switch safe.");
    expect(finding.fix).toBe(`Keep Client signature required Off (Sentry cannot sign); set Settings › Access settings › Valid redirect URIs to exactly "${ACS}".`);
    expect(patch).toEqual([]);
  });

  it("encryption Off over https: Sentry cannot decrypt, TLS protects the attributes, nothing to do", () => {
    const { finding } = securityOutcome(check(secureRealm()), "security.encryption");
    expect(finding).toMatchObject({ severity: "info", expected: "false", actual: "false", source: SAML_SECURITY });
    expect(finding.message).toContain("Encrypt assertions is Off, as Sentry needs: Sentry has no SP key and cannot read an encrypted assertion.");
    expect(finding.message).toContain("then protected by TLS to Sentry's https:// ACS URL");
    expect(finding.fix).toBe("Nothing to do: keep Encrypt assertions Off.");
  });

  it("encryption Off with Sentry over http: nothing protects the attributes; serve Sentry over https", () => {
    const preset = sentrySelfHostedPreset({ urlPrefix: "http://sentry.example.com", orgSlug: "acme" });
    if (!preset.ok) throw new Error(preset.error.message);
    const { finding } = securityOutcome(check(secureRealm(), preset.preset), "security.encryption");
    expect(finding).toMatchObject({ severity: "warning", expected: "false" });
    expect(finding.message).toContain("then not protected at all: Sentry's ACS URL is plain http, so anyone on the path reads them.");
    expect(finding.fix).toBe("Keep Encrypt assertions Off (Sentry cannot decrypt); serve Sentry over https and set its system.url-prefix accordingly.");
    expect(finding.accepted).toBeUndefined();
  });

  it("switches absent from the export read as not set: actual null", () => {
    const result = check(
      secureRealm((client) => {
        for (const key of ["saml.client.signature", "saml.encrypt", "saml.onetimeuse.condition"]) delete attributesOf(client)[key];
      }),
    );
    for (const id of ["security.client-signature", "security.encryption", "security.one-time-use"] as const) {
      expect(securityOutcome(result, id).finding.actual, id).toBeNull();
    }
  });
});

describe("for an SP that signs its AuthnRequests and can decrypt (not Sentry)", () => {
  const generic = presetFromSpMetadata(readFileSync(join(FIXTURES, "sentry-sp-metadata", "generic-signed-sp.xml"), "utf8"));
  if (!generic.ok) throw new Error(generic.error.message);
  const client = newClientForPreset(generic.preset);
  const result = check(
    { ...client, attributes: { ...(client.attributes as Record<string, string>), "saml.client.signature": "false", "saml.encrypt": "false" } },
    generic.preset,
  );

  it("Client signature required Off is a warning: turn it On with the SP's certificate", () => {
    const { finding, patch } = securityOutcome(result, "security.client-signature");
    expect(finding).toMatchObject({ severity: "warning", expected: "true", actual: "false", source: SAML_SECURITY });
    expect(finding.message).toBe("Client signature required is Off although this SP signs its AuthnRequests: Keycloak accepts forged requests in its name.");
    expect(finding.fix).toBe("Turn Keys › Signing keys config › Client signature required On and paste the SP's signing certificate.");
    expect(finding.accepted).toBeUndefined();
    expect(patch).toEqual([{ op: "add", path: "/attributes/saml.client.signature", value: "true" }]);
  });

  it("Encrypt assertions Off is a suggestion: the attributes are readable; turn it On with the SP's certificate", () => {
    const { finding, patch } = securityOutcome(result, "security.encryption");
    expect(finding).toMatchObject({ severity: "suggestion", expected: "true", actual: "false", source: SAML_SECURITY });
    expect(finding.message).toBe("Encrypt assertions is Off although this SP can decrypt: the assertion's attributes are readable in the browser and in any capture.");
    expect(finding.fix).toBe("Turn Keys › Encryption keys config › Encrypt assertions On and give Keycloak the SP's encryption certificate.");
    expect(patch).toEqual([]);
  });
});

describe("security.one-time-use and security.idp-initiated: what the user reads", () => {
  it("OneTimeUse Off: Sentry does not enforce it, and what limits replay instead", () => {
    const { finding } = securityOutcome(check(secureRealm()), "security.one-time-use");
    expect(finding).toMatchObject({ severity: "info", expected: "false", actual: "false", source: SAML_SECURITY });
    expect(finding.message).toContain("Include OneTimeUse Condition is Off. Sentry's python3-saml does not enforce OneTimeUse and keeps no record of assertion IDs");
    expect(finding.message).toContain("would not stop a replay to Sentry; a captured response stays usable until its NotOnOrAfter.");
    expect(finding.message).toContain("Sentry's https ACS URL (exact Valid redirect URIs) and by the short assertion lifetime (Advanced › Assertion Lifespan).");
    expect(finding.fix).toBe("Nothing Sentry acts on; Settings › SAML capabilities › Include OneTimeUse Condition may be turned On to satisfy an audit (Sentry ignores it).");
  });

  it("an IdP-initiated name: login without intent, Sentry's acceptance anyway, and clearing it keeps Sentry's login button", () => {
    const { finding } = securityOutcome(check(secureRealm((client) => (attributesOf(client)["saml_idp_initiated_sso_url_name"] = "acme"))), "security.idp-initiated");
    expect(finding).toMatchObject({ severity: "info", expected: "", actual: "acme", source: OWASP });
    expect(finding.message).toContain("and have them logged in to Sentry without asking (login without intent");
    expect(finding.message).toContain("Sentry checks no InResponseTo, so it accepts such unsolicited responses from any source anyway");
    expect(finding.fix).toBe("Clear Settings › Access settings › IDP-Initiated SSO URL name if nobody starts the login from Keycloak (Sentry's own login button keeps working).");
  });

  it("a name of spaces is no name", () => {
    const result = check(secureRealm((client) => (attributesOf(client)["saml_idp_initiated_sso_url_name"] = "  ")));
    expect(result.securityFindings.map((finding) => finding.id)).not.toContain("security.idp-initiated");
  });
});

describe("security.full-scope-roles: what the user reads", () => {
  const DEDICATED = "https://sentry.example.com/saml/metadata/acme/-dedicated";

  it("names the role mapper, says what it discloses, and where to turn Full scope allowed Off", () => {
    const { finding, patch } = securityOutcome(check(secureRealm((client) => (client.fullScopeAllowed = true))), "security.full-scope-roles");
    expect(finding).toMatchObject({
      severity: "warning",
      field: { label: "Full scope allowed", tab: "Client scopes", section: `${DEDICATED} › Scope` },
      attributeKey: "fullScopeAllowed",
      expected: false,
      actual: true,
      source: "Keycloak Server Administration Guide, Creating a SAML client, https://www.keycloak.org/docs/latest/server_admin/#_client-saml-configuration",
    });
    expect(finding.message).toContain("Full scope allowed is On and a role mapper (role list) puts roles into the assertion: it lists every");
    expect(finding.message).toContain("realm and client role the user has. Sentry reads no role, so this only discloses the user's privileges elsewhere to Sentry");
    expect(finding.fix).toBe(`Turn Full scope allowed Off on the client's dedicated scope (Client scopes › ${DEDICATED} › Scope), or remove role_list from the client as the setup does.`);
    expect(patch).toEqual([{ op: "add", path: "/fullScopeAllowed", value: false }]);
  });

  it("names every role mapper, an unnamed one by the attribute it emits", () => {
    const result = check(
      secureRealm((client) => {
        client.fullScopeAllowed = true;
        client.defaultClientScopes = ["saml_organization", "sentry-attributes"];
        client.protocolMappers = [
          { name: "my roles", protocol: "saml", protocolMapper: "saml-role-list-mapper", config: { "attribute.name": "Role" } },
          { protocol: "saml", protocolMapper: "saml-role-list-mapper", config: { "attribute.name": "groups" } },
        ];
      }),
    );
    expect(securityOutcome(result, "security.full-scope-roles").finding.message).toContain("a role mapper (my roles, groups) puts roles");
  });

  it("a client export with role_list but not its definition, Full scope allowed left at Keycloak's default: role_list, actual not set", () => {
    const client = sentryClientOf(secureRealm((own) => delete own.fullScopeAllowed));
    const { finding } = securityOutcome(check(client), "security.full-scope-roles");
    expect(finding.actual).toBeNull();
    expect(finding.message).toContain("a role mapper (role_list) puts roles");
  });
});
