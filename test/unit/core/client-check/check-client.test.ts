/**
 * What checkClient decides around the checks: which checks run for a client of another protocol, the order of the
 * findings, which security findings count for `--fail-on security`, and what a "cannot tell" finding says when the
 * client comes from the admin console (the overlay) rather than a file.
 */
import { describe, expect, it } from "vitest";
import { actionableSecurityFindings, checkClient } from "../../../../src/core/client-check/check-client.js";
import { findingKindSchema, findingSchema, securityFindingSchema } from "../../../../src/core/client-check/finding.js";
import { clientSchema } from "../../../../src/core/client-check/input.js";
import { check, fixture, sentryClientOf, sentryPreset, type Json } from "./support.js";

const ENTITY_ID = "https://sentry.example.com/saml/metadata/acme/";

describe("which checks run", () => {
  it("for an OpenID Connect client: only the protocol and the Client ID, no SAML or security setting", () => {
    const wrongId = check({ clientId: "https://sentry.example.com/saml/metadata/acme", protocol: "openid-connect", redirectUris: ["*"] });
    expect(wrongId.findings.map((finding) => finding.id)).toEqual(["client.protocol", "client.client-id"]);
    expect(wrongId.securityFindings).toEqual([]);
  });

  it("lists findings by severity, and in the checks' order within one severity", () => {
    const realm = fixture("realm-role-list-multi.realm.json");
    const client = sentryClientOf(realm);
    client.clientId = "https://sentry.example.com/saml/metadata/acme";
    (client.attributes as Record<string, string>)["saml.client.signature"] = "true";
    client.redirectUris = [];
    const ids = check(realm).findings.map((finding) => [finding.severity, finding.id]);
    expect(ids.slice(0, 3)).toEqual([
      ["error", "client.client-id"],
      ["error", "client.client-signature-required"],
      ["error", "client.redirect-uris"],
    ]);
  });

  it("--fail-on security counts the security findings to act on, not the accepted ones nor fit findings", () => {
    const result = check({ clientId: ENTITY_ID, protocol: "saml", redirectUris: ["*"] });
    expect(result.findings.length).toBeGreaterThan(0);
    const actionable = actionableSecurityFindings([...result.findings, ...result.securityFindings]);
    expect(actionable.map((finding) => finding.id)).toEqual(
      result.securityFindings.filter((finding) => finding.accepted === undefined).map((finding) => finding.id),
    );
    expect(actionable.map((finding) => finding.id)).toContain("security.redirect-wildcard");
  });
});

describe("a client the admin console loaded (the overlay)", () => {
  function consoleCheck(change: (client: Json) => void, clientScopes: [] | null, id = "mapper.email") {
    const raw = fixture("sentry-fresh.client.json");
    raw.protocolMappers = [];
    change(raw);
    const client = clientSchema.parse(raw);
    const result = checkClient({ kind: "console", realm: "demo", client, rawClient: raw, clientScopes }, sentryPreset(), "browser");
    return result.findings.find((finding) => finding.id === id) ?? expect.fail(`no ${id} finding`);
  }
  const openTab = "Open this client's Client scopes tab once: the console loads the scopes there, and SAML Lens checks them.";

  it("before the Client scopes tab was opened: says the console has not shown the scopes yet", () => {
    const finding = consoleCheck((client) => delete client.defaultClientScopes, null);
    expect(finding.message).toContain(
      "and SAML Lens has not seen the client scopes assigned to this client yet (the console loads them on the Client scopes tab), and they can hold mappers too.",
    );
    expect(finding.fix).toBe(openTab);
  });

  it("with scopes whose mappers the console has not loaded: names them", () => {
    const finding = consoleCheck((client) => (client.defaultClientScopes = ["sentry-attributes", "role_list"]), []);
    expect(finding.message).toContain(
      `and SAML Lens has not seen the mappers of the client's scopes "sentry-attributes", "role_list" yet (the console loads them on the Client scopes tab).`,
    );
    expect(finding.fix).toBe(openTab);
  });

  it("role_list it cannot see: says why in the console's words, and the whole advice", () => {
    const roleList = "mapper.duplicate-attribute-name";
    const remove =
      "Remove role_list from the client (Client scopes tab › role_list › ⋮ › Remove; Sentry reads no roles), or turn Single Role Attribute On " +
      "in Client scopes › role_list › Mappers › role list (this changes it for every client using role_list).";
    const unseen = consoleCheck((client) => delete client.defaultClientScopes, null, roleList);
    expect(unseen.message).toBe(
      'Cannot tell whether the role list repeats the "Role" attribute. SAML Lens has not seen this client\'s assigned client scopes yet (the console loads ' +
        "them on the Client scopes tab), and Keycloak assigns role_list to every new SAML client. Its role list mapper emits one Role attribute per " +
        `role unless Single Role Attribute is On. ${sentryPreset().keycloak.uniqueAttributeNames.explanation}`,
    );
    expect(unseen.fix).toBe(`${remove} ${openTab}`);
    expect(unseen.field).toEqual({ label: "Single Role Attribute", tab: "Client scopes", section: "role_list › Mappers › role list" });
    const notLoaded = consoleCheck((client) => (client.defaultClientScopes = ["role_list"]), [], roleList);
    expect(notLoaded.message).toContain(" role_list is assigned to the client, and SAML Lens has not seen its mappers yet (the console loads them on the Client scopes tab). ");
  });

  it("a file instead: says how to let the check follow the scopes", () => {
    const finding = check({ ...fixture("sentry-fresh.client.json"), protocolMappers: [], defaultClientScopes: ["sentry-attributes"] }).findings.find(
      (candidate) => candidate.id === "mapper.email",
    );
    expect(finding?.fix).toBe(
      "Check Clients › the client › Client scopes › Evaluate (Effective protocol mappers), or give a realm export " +
        "(Realm settings › Action › Partial export, with clients) so the scopes can be followed.",
    );
  });
});

describe("findings as the overlay receives them", () => {
  it("a fit finding and a security finding pass their schemas unchanged; a finding of another kind does not", () => {
    const result = check({ clientId: ENTITY_ID, protocol: "saml", redirectUris: ["*"] });
    const [fit] = result.findings;
    const security = result.securityFindings.find((finding) => finding.accepted !== undefined);
    expect(fit && findingSchema.parse(fit)).toEqual(fit);
    expect(security && securityFindingSchema.parse(security)).toEqual(security);
    expect(security?.kind).toBe("security");
    expect(["fit", "security"].map((kind) => findingKindSchema.safeParse(kind).success)).toEqual([true, true]);
    expect(securityFindingSchema.safeParse({ ...security, kind: "style" }).success).toBe(false);
  });
});
