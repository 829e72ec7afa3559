/**
 * The settings checks (client.*) at their edges, on the clean realm export with one change each: absent values and
 * Keycloak's defaults, near misses (spaces, slashes), SPs other than Sentry (redirect ACS, encryption), and the exact
 * patch each finding carries.
 */
import { describe, expect, it } from "vitest";
import type { Preset } from "../../../../src/core/presets/schema.js";
import { keycloakExpectations } from "../../../../src/core/presets/keycloak-expectations.js";
import { BINDING } from "../../../../src/core/presets/saml-constants.js";
import { attributesOf, check, fixture, sentryClientOf, sentryPreset, type Json } from "./support.js";

const ENTITY_ID = "https://sentry.example.com/saml/metadata/acme/";
const ACS = "https://sentry.example.com/saml/acs/acme/";

function outcomesOf(id: string, change: (client: Json, attributes: Record<string, string>) => void, preset: Preset = sentryPreset()) {
  const realm = fixture("realm-role-list-single.realm.json");
  const client = sentryClientOf(realm);
  change(client, attributesOf(client));
  return check(realm, preset).outcomes.filter((outcome) => outcome.finding.id === id);
}

function presetWith(change: (sp: Preset["sp"]) => Preset["sp"]): Preset {
  const base = sentryPreset();
  const sp = change(base.sp);
  return { ...base, sp, keycloak: keycloakExpectations(sp) };
}

describe("client.acs-url", () => {
  it("neither URL set: IdP-initiated login has nowhere to go", () => {
    const [outcome] = outcomesOf("client.acs-url", (client, attributes) => {
      delete client.adminUrl;
      delete attributes.saml_assertion_consumer_url_post;
    });
    expect(outcome?.finding.actual).toBeNull();
    expect(outcome?.finding.message).toMatch(
      /^Neither Assertion Consumer Service POST Binding URL nor Master SAML Processing URL is set, so IdP-initiated login has nowhere to send the response \(Keycloak: "Invalid redirect uri"\); SP-initiated login is not affected\. /,
    );
    expect(outcome?.patch).toEqual([{ op: "add", path: "/attributes/saml_assertion_consumer_url_post", value: ACS }]);
  });

  it("the Master SAML Processing URL with spaces around Sentry's ACS stands in for it", () => {
    expect(outcomesOf("client.acs-url", (client, attributes) => {
      client.adminUrl = ` ${ACS} `;
      attributes.saml_assertion_consumer_url_post = "";
      attributes["saml.force.post.binding"] = "false";
    })).toEqual([]);
  });

  it("the POST URL without its trailing slash: says so", () => {
    const [outcome] = outcomesOf("client.acs-url", (_client, attributes) => (attributes.saml_assertion_consumer_url_post = ACS.slice(0, -1)));
    expect(outcome?.finding.message).toMatch(/^Assertion Consumer Service POST Binding URL "https:\/\/sentry\.example\.com\/saml\/acs\/acme" lacks the trailing slash of "https:\/\/sentry\.example\.com\/saml\/acs\/acme\/"\. /);
  });
});

describe("client.client-id", () => {
  const messageFor = (clientId: string) => outcomesOf("client.client-id", (client) => (client.clientId = clientId))[0]?.finding.message ?? "";

  it("tells spaces, an extra slash, and spaces with another difference apart", () => {
    expect(messageFor(` ${ENTITY_ID} `)).toMatch(/^The Client ID " https:\/\/sentry\.example\.com\/saml\/metadata\/acme\/ " has spaces around it\. /);
    expect(messageFor(`${ENTITY_ID}/`)).toMatch(/has an extra slash at the end\. /);
    expect(messageFor(`${ENTITY_ID}//`)).toMatch(/has an extra slash at the end\. /);
    expect(messageFor(` ${ENTITY_ID.slice(0, -1)} `)).toMatch(/^The Client ID is " https:\/\/sentry\.example\.com\/saml\/metadata\/acme ", but the SP's entity ID is /);
  });
});

describe("client.protocol", () => {
  it("a client without a protocol: says it is not set, with no patch (Keycloak cannot switch it)", () => {
    const { protocol: _protocol, ...client } = fixture("sentry-fresh.client.json");
    const [outcome] = check(client).outcomes.filter((candidate) => candidate.finding.id === "client.protocol");
    expect(outcome?.finding.message).toMatch(/^The client's protocol is not set, not SAML\. /);
    expect(outcome?.finding.fix).toBe("Keycloak cannot switch a client's protocol: create the client again with Client type SAML (or import the corrected client JSON).");
    expect(outcome?.patch).toEqual([]);
    const [oidc] = check({ ...client, protocol: "openid-connect" }).outcomes.filter((candidate) => candidate.finding.id === "client.protocol");
    expect(oidc?.finding.message).toMatch(/^The client's protocol is "openid-connect", not SAML\. /);
  });
});

describe("client.name-id-format", () => {
  it("no format in the file: Keycloak's default, username", () => {
    const [outcome] = outcomesOf("client.name-id-format", (_client, attributes) => delete attributes.saml_name_id_format);
    expect(outcome?.finding.actual).toEqual({ format: "username", force: true });
  });
});

describe("client.redirect-uris", () => {
  it("a relative pattern counts from the Root URL, and a prefix pattern matches the URL without its slash", () => {
    expect(outcomesOf("client.redirect-uris", (client) => {
      client.rootUrl = "https://sentry.example.com/";
      client.redirectUris = ["/saml/acs/*"];
    })).toEqual([]);
    const slashless = presetWith((sp) => ({ ...sp, assertionConsumerServices: [{ url: "https://sentry.example.com/saml/acs", binding: BINDING.post }] }));
    expect(outcomesOf("client.redirect-uris", (client) => (client.redirectUris = ["https://sentry.example.com/saml/acs/*"]), slashless)).toEqual([]);
  });

  it("another URI: the ACS appended to the list", () => {
    const [outcome] = outcomesOf("client.redirect-uris", (client) => (client.redirectUris = ["https://other.example/acs"]));
    expect(outcome?.patch).toEqual([{ op: "add", path: "/redirectUris/-", value: ACS }]);
  });
});

describe("switches with their exact patches", () => {
  it("Force POST binding: Off for an SP that also takes responses by redirect", () => {
    const both = presetWith((sp) => ({ ...sp, assertionConsumerServices: [...sp.assertionConsumerServices, { url: ACS, binding: BINDING.redirect }] }));
    const [outcome] = outcomesOf("client.force-post-binding", () => undefined, both);
    expect(outcome?.finding.fix).toMatch(/^Turn .* › Force POST binding Off\.$/);
    expect(outcome?.patch).toEqual([{ op: "add", path: "/attributes/saml.force.post.binding", value: "false" }]);
    const [on] = outcomesOf("client.force-post-binding", (_client, attributes) => (attributes["saml.force.post.binding"] = "false"));
    expect(on?.finding.fix).toMatch(/^Turn .* › Force POST binding On\.$/);
    expect(on?.patch).toEqual([{ op: "add", path: "/attributes/saml.force.post.binding", value: "true" }]);
  });

  it("Encrypt assertions: turned Off for Sentry, left alone for an SP that can decrypt", () => {
    const [outcome] = outcomesOf("client.encrypt-assertions", (_client, attributes) => (attributes["saml.encrypt"] = "true"));
    expect(outcome?.patch).toEqual([{ op: "add", path: "/attributes/saml.encrypt", value: "false" }]);
    const decrypting = presetWith((sp) => ({ ...sp, canDecryptAssertions: true }));
    expect(outcomesOf("client.encrypt-assertions", (_client, attributes) => (attributes["saml.encrypt"] = "true"), decrypting)).toEqual([]);
  });

  it("Client signature required: turned Off for Sentry", () => {
    const [outcome] = outcomesOf("client.client-signature-required", (_client, attributes) => (attributes["saml.client.signature"] = "true"));
    expect(outcome?.patch).toEqual([{ op: "add", path: "/attributes/saml.client.signature", value: "false" }]);
  });
});
