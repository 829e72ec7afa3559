/**
 * The client checks one wrong setting at a time, on the clean realm export (findings.test.ts shows it has no
 * finding): what the finding says the setting is and should be, in the console's words, and that the finding's own
 * JSON Patch, applied alone, makes it go away when the client is checked again.
 */
import { describe, expect, it } from "vitest";
import { applyJsonPatch } from "../../../../src/core/client-check/json-patch.js";
import type { ClientFinding, FindingId } from "../../../../src/core/client-check/finding.js";
import { attributesOf, check, findings, fixture, sentryClientOf, sentryPreset, type Json } from "./support.js";

const ENTITY_ID = "https://sentry.example.com/saml/metadata/acme/";
const ACS = "https://sentry.example.com/saml/acs/acme/";
const SLS = "https://sentry.example.com/saml/sls/acme/";

interface Changed {
  readonly realm: Json;
  readonly finding: ClientFinding;
  /** The realm checked again after the finding's own patch was applied to the client. */
  readonly patched: () => ReturnType<typeof check>;
}

/** The clean realm with one change to the Sentry client, checked; the one finding of `id` it gives. */
function changed(id: FindingId, change: (client: Json, attributes: Record<string, string>) => void, clientId?: string): Changed {
  const realm = fixture("realm-role-list-single.realm.json");
  const client = sentryClientOf(realm);
  change(client, attributesOf(client));
  const result = check(realm, sentryPreset(), clientId);
  const outcomes = result.outcomes.filter((outcome) => outcome.finding.id === id);
  expect(outcomes.map((outcome) => outcome.finding.id), `${id} in ${result.findings.map((f) => f.id).join(", ")}`).toEqual([id]);
  const [outcome] = outcomes;
  if (outcome === undefined) throw new Error(id);
  return {
    realm,
    finding: outcome.finding,
    patched: () => {
      const applied = applyJsonPatch(result.input.rawClient, outcome.patch);
      if (!applied.ok) throw new Error(applied.message);
      const clients = realm.clients as Json[];
      clients[clients.indexOf(client)] = applied.value as Json;
      return check(realm, sentryPreset(), typeof (applied.value as Json).clientId === "string" ? ((applied.value as Json).clientId as string) : undefined);
    },
  };
}

function expectCleared(result: Changed, id: FindingId): void {
  expect(findings(result.patched(), id)).toEqual([]);
}

describe("client.client-id", () => {
  it.each([
    [` ${ENTITY_ID} `, "has spaces around it"],
    [`${ENTITY_ID}/`, "has an extra slash at the end"],
    [`${ENTITY_ID}//`, "has an extra slash at the end"],
    ["HTTPS://SENTRY.example.com/saml/metadata/acme/", "differs from \"https://sentry.example.com/saml/metadata/acme/\" in upper/lower case"],
    ["sentry", 'is "sentry", but the SP\'s entity ID is "https://sentry.example.com/saml/metadata/acme/"'],
  ])("Client ID %j: the message says how it differs, and the fix sets it exactly", (clientId, said) => {
    const result = changed("client.client-id", (client) => (client.clientId = clientId), clientId);
    expect(result.finding).toMatchObject({ severity: "error", actual: clientId, expected: ENTITY_ID, attributeKey: "clientId" });
    expect(result.finding.message).toContain(said);
    expect(result.finding.fix).toContain(`"${ENTITY_ID}" exactly`);
    expectCleared(result, "client.client-id");
  });
});

describe("switches", () => {
  it.each([
    ["client.force-post-binding", "saml.force.post.binding", undefined, "Force POST binding is not set (Off)", "Turn Settings › SAML capabilities › Force POST binding On"],
    ["client.force-post-binding", "saml.force.post.binding", "false", "Force POST binding is Off", "Force POST binding On"],
    ["client.authn-statement", "saml.authnstatement", undefined, "Include AuthnStatement is not set (Off)", "Include AuthnStatement On"],
    ["client.client-signature-required", "saml.client.signature", "true", "Client signature required is On", "Client signature required Off"],
    ["client.encrypt-assertions", "saml.encrypt", "true", "Encrypt assertions is On", "Encrypt assertions Off"],
  ] as const)("%s with %s = %s: named, with the switch to flip", (id, key, value, said, fix) => {
    const result = changed(id, (_client, attributes) => {
      if (value === undefined) delete attributes[key];
      else attributes[key] = value;
    });
    expect(result.finding.attributeKey).toBe(key);
    expect(result.finding.actual).toBe(value ?? null);
    expect(result.finding.message).toContain(said);
    expect(result.finding.fix).toContain(fix);
    expectCleared(result, id);
  });

  it("Client signature required absent is Keycloak's Off for an export, and no finding", () => {
    const realm = fixture("realm-role-list-single.realm.json");
    delete attributesOf(sentryClientOf(realm))["saml.client.signature"];
    expect(findings(check(realm), "client.client-signature-required")).toEqual([]);
  });

  it("Front channel logout absent is Keycloak's default On; Off is named and fixed", () => {
    const realm = fixture("realm-role-list-single.realm.json");
    delete sentryClientOf(realm).frontchannelLogout;
    expect(findings(check(realm), "client.front-channel-logout")).toEqual([]);
    const result = changed("client.front-channel-logout", (client) => (client.frontchannelLogout = false));
    expect(result.finding.message).toContain("Front channel logout is Off");
    expect(result.finding.fix).toContain("Front channel logout On");
    expectCleared(result, "client.front-channel-logout");
  });
});

describe("client.signing", () => {
  it("names both switches as they are, absent ones as not set", () => {
    const result = changed("client.signing", (_client, attributes) => {
      delete attributes["saml.server.signature"];
      attributes["saml.assertion.signature"] = "false";
    });
    expect(result.finding.actual).toBe("Sign documents not set (Off), Sign assertions Off");
    expect(result.finding.message).toContain("unsigned (Sign documents not set (Off), Sign assertions Off)");
    expect(result.finding.expected).toBe("Sign documents On, or Sign assertions On (or both)");
    expect(result.finding.fix).toContain("Sign documents On");
    expectCleared(result, "client.signing");
  });
});

describe("client.signature-algorithm", () => {
  it.each([
    ["RSA_SHA1", /RSA_SHA1 is deprecated/],
    ["DSA_SHA1", /DSA_SHA1 needs a DSA realm key/],
    ["RSA_SHA256_MGF1", /RSA_SHA256_MGF1 is an RSA-PSS/],
  ])("%s: says why it is a risk, and sets RSA_SHA256", (algorithm, why) => {
    const result = changed("client.signature-algorithm", (_client, attributes) => (attributes["saml.signature.algorithm"] = algorithm));
    expect(result.finding).toMatchObject({ severity: "warning", actual: algorithm, expected: "RSA_SHA256" });
    expect(result.finding.message).toContain(`Signature algorithm is ${algorithm}.`);
    expect(result.finding.message).toMatch(why);
    expect(result.finding.fix).toContain("to RSA_SHA256");
    expectCleared(result, "client.signature-algorithm");
  });

  it("takes Keycloak's default when absent, and ignores the algorithm when nothing is signed", () => {
    const realm = fixture("realm-role-list-single.realm.json");
    delete attributesOf(sentryClientOf(realm))["saml.signature.algorithm"];
    expect(findings(check(realm), "client.signature-algorithm")).toEqual([]);
    const unsigned = fixture("realm-role-list-single.realm.json");
    const attributes = attributesOf(sentryClientOf(unsigned));
    Object.assign(attributes, { "saml.signature.algorithm": "RSA_SHA1", "saml.server.signature": "false", "saml.assertion.signature": "false" });
    expect(findings(check(unsigned), "client.signature-algorithm")).toEqual([]);
    const assertionsOnly = fixture("realm-role-list-single.realm.json");
    Object.assign(attributesOf(sentryClientOf(assertionsOnly)), { "saml.signature.algorithm": "RSA_SHA1", "saml.server.signature": "false", "saml.assertion.signature": "true" });
    expect(findings(check(assertionsOnly), "client.signature-algorithm")).toHaveLength(1);
  });
});

describe("client.redirect-uris", () => {
  it("lists the URIs that do not match, and adds the ACS URL", () => {
    const result = changed("client.redirect-uris", (client) => (client.redirectUris = ["https://other.example.com/*", "https://sentry.example.com/saml/acs/other/"]));
    expect(result.finding.message).toContain(`No Valid redirect URI matches "${ACS}" ("https://other.example.com/*", "https://sentry.example.com/saml/acs/other/")`);
    expect(result.finding.fix).toContain(`Add "${ACS}"`);
    expectCleared(result, "client.redirect-uris");
  });

  it("replaces the URI that lacks only the trailing slash", () => {
    const result = changed("client.redirect-uris", (client) => (client.redirectUris = ["https://keep.example.com/", ACS.replace(/\/$/, "")]));
    expect(result.finding.message).toContain(`"${ACS.replace(/\/$/, "")}" differs from "${ACS}" only in the trailing slash`);
    const after = result.patched();
    expect(findings(after, "client.redirect-uris")).toEqual([]);
    expect(sentryClientOf(result.realm).redirectUris).toEqual(["https://keep.example.com/", ACS]);
  });

  it("creates the list when the export has none", () => {
    const result = changed("client.redirect-uris", (client) => delete client.redirectUris);
    expect(result.finding.message).toContain("Valid redirect URIs is empty");
    expectCleared(result, "client.redirect-uris");
  });

  it.each([
    ["/saml/acs/acme/", "https://sentry.example.com/"],
    ["/saml/*", "https://sentry.example.com"],
    ["https://sentry.example.com/saml/acs/acme/*", undefined],
    ["https://sentry.example.com/saml/acs/acme*", undefined],
  ])("accepts %s (Root URL %s), as Keycloak's RedirectUtils matches it", (uri, rootUrl) => {
    const realm = fixture("realm-role-list-single.realm.json");
    const client = sentryClientOf(realm);
    client.redirectUris = [uri];
    if (rootUrl === undefined) delete client.rootUrl;
    else client.rootUrl = rootUrl;
    expect(findings(check(realm), "client.redirect-uris")).toEqual([]);
  });

  it.each([
    ["/saml/acs/acme/", undefined],
    ["https://sentry.example.com/saml/acs/acme/?x=*", undefined],
    ["https://sentry.example.com/saml/acs/acme/x*", undefined],
    ["https://sentry.example.com/saml/ACS/acme/", undefined],
  ])("refuses %s (Root URL %s)", (uri, rootUrl) => {
    const realm = fixture("realm-role-list-single.realm.json");
    const client = sentryClientOf(realm);
    client.redirectUris = [uri];
    if (rootUrl === undefined) delete client.rootUrl;
    else client.rootUrl = rootUrl;
    expect(findings(check(realm), "client.redirect-uris")).toHaveLength(1);
  });
});

describe("client.acs-url", () => {
  it("says which of the two URLs Keycloak uses and how it differs", () => {
    const post = changed("client.acs-url", (_client, attributes) => (attributes.saml_assertion_consumer_url_post = ACS.replace(/\/$/, "")));
    expect(post.finding.message).toContain(`Assertion Consumer Service POST Binding URL "${ACS.replace(/\/$/, "")}" lacks the trailing slash of "${ACS}"`);
    expect(post.finding.actual).toBe(ACS.replace(/\/$/, ""));
    expect(post.finding.fix).toContain(`to "${ACS}"`);
    expectCleared(post, "client.acs-url");
    const master = changed("client.acs-url", (client, attributes) => {
      delete attributes.saml_assertion_consumer_url_post;
      client.adminUrl = "https://sentry.example.com/saml/acs/other/";
    });
    expect(master.finding.message).toContain(`Master SAML Processing URL is "https://sentry.example.com/saml/acs/other/", not Sentry's Assertion Consumer Service "${ACS}"`);
  });

  it("reads the POST binding URL before the Master SAML Processing URL, spaces trimmed", () => {
    const realm = fixture("realm-role-list-single.realm.json");
    const client = sentryClientOf(realm);
    attributesOf(client).saml_assertion_consumer_url_post = ` ${ACS} `;
    client.adminUrl = "https://elsewhere.example.com/";
    expect(findings(check(realm), "client.acs-url")).toEqual([]);
  });
});

describe("client.logout-redirect-url", () => {
  it.each([
    ["", "Logout Service Redirect Binding URL is empty"],
    [SLS.replace(/\/$/, ""), `Logout Service Redirect Binding URL "${SLS.replace(/\/$/, "")}" lacks the trailing slash of "${SLS}"`],
    ["https://sentry.example.com/saml/sls/other/", `is "https://sentry.example.com/saml/sls/other/", not the SP's Single Logout Service "${SLS}"`],
  ])("redirect URL %j: named, and set", (url, said) => {
    const result = changed("client.logout-redirect-url", (_client, attributes) => (attributes.saml_single_logout_service_url_redirect = url));
    expect(result.finding.message).toContain(said);
    expect(result.finding.actual).toEqual({ redirect: url === "" ? null : url, post: null });
    expect(result.finding.fix).toMatch(new RegExp(`^Set Advanced › .*Logout Service Redirect Binding URL to "${SLS}"\\.$`));
    expectCleared(result, "client.logout-redirect-url");
  });

  it("Master SAML Processing URL elsewhere than the ACS: quoted, and emptied while the ACS URL is kept", () => {
    const result = changed("client.logout-redirect-url", (client, attributes) => {
      client.adminUrl = "https://sentry.example.com/";
      delete attributes.saml_assertion_consumer_url_post;
    });
    expect(result.finding.message).toContain('Master SAML Processing URL is set ("https://sentry.example.com/")');
    expect(result.finding.message).toContain(': "https://sentry.example.com/".');
    expect(result.finding.actual).toEqual({ masterSamlProcessingUrl: "https://sentry.example.com/", forcePostBinding: true });
    expect(result.finding.fix).toMatch(/^Empty Settings › .*Master SAML Processing URL and set /);
    expect(result.finding.fix).toContain(`Assertion Consumer Service POST Binding URL to "${ACS}" (IdP-initiated login uses it)`);
    expect(result.finding.fix).toContain(`Logout Service Redirect Binding URL at "${SLS}"`);
    const after = result.patched();
    expect(findings(after, "client.logout-redirect-url")).toEqual([]);
    expect(findings(after, "client.acs-url")).toEqual([]);
  });

  it("Master SAML Processing URL equal to the ACS: says the ACS reads it as a failed login, and leaves the ACS URL alone", () => {
    const result = changed("client.logout-redirect-url", (client) => (client.adminUrl = ` ${ACS} `));
    expect(result.finding.message).toContain("the SP's Assertion Consumer Service, which reads it as a failed login");
    expect(result.finding.fix).not.toContain("IdP-initiated login uses it");
    expectCleared(result, "client.logout-redirect-url");
  });
});

describe("client.name-id-format", () => {
  it("a format Sentry does not suggest: named, whether forced or not, and set to email", () => {
    const loose = changed("client.name-id-format", (_client, attributes) => {
      attributes.saml_name_id_format = "unspecified";
      attributes.saml_force_name_id_format = "false";
    });
    expect(loose.finding.message).toContain('Name ID format is "unspecified" (not forced).');
    expect(loose.finding.fix).toContain("to email and turn Force name ID format On");
    expect(loose.finding.actual).toEqual({ format: "unspecified", force: false });
    expectCleared(loose, "client.name-id-format");
    const forced = changed("client.name-id-format", (_client, attributes) => (attributes.saml_name_id_format = "transient"));
    expect(forced.finding.message).toContain('Name ID format is "transient".');
    expect(forced.finding.message).not.toContain("not forced");
  });

  it("accepts persistent, forced", () => {
    const realm = fixture("realm-role-list-single.realm.json");
    Object.assign(attributesOf(sentryClientOf(realm)), { saml_name_id_format: "persistent", saml_force_name_id_format: "true" });
    expect(findings(check(realm), "client.name-id-format")).toEqual([]);
  });

  it("a suggested format not forced: says Keycloak then sends the username", () => {
    const result = changed("client.name-id-format", (_client, attributes) => (attributes.saml_force_name_id_format = "false"));
    expect(result.finding.message).toContain('Name ID format is "email" but not forced');
    expect(result.finding.message).toContain("with the username");
    expect(result.finding.fix).toContain("Force name ID format On");
    expectCleared(result, "client.name-id-format");
  });
});

describe("client.protocol", () => {
  it("says when the protocol is not set at all", () => {
    const result = changed("client.protocol", (client) => delete client.protocol, ENTITY_ID);
    expect(result.finding.message).toContain("protocol is not set, not SAML");
    expect(result.finding.actual).toBeNull();
  });
});
