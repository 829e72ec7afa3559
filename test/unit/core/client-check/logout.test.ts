/**
 * client.logout-redirect-url in each of its cases, on the clean realm export with one change: an SP that logs out by
 * POST, one without logout, the POST URL set for an SP that reads only redirects, a near-miss URL, and the Master SAML
 * Processing URL that Keycloak posts the logout answer to. Each finding's words and the patch that fixes it.
 */
import { describe, expect, it } from "vitest";
import type { Preset } from "../../../../src/core/presets/schema.js";
import { BINDING } from "../../../../src/core/presets/saml-constants.js";
import { attributesOf, check, fixture, sentryClientOf, sentryPreset, sentryPresetWithLogout, type Json } from "./support.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const SLS = "https://sentry.example.com/saml/sls/acme/";
const ADVANCED = "Advanced › Fine Grain SAML Endpoint Configuration";
const POST_KEY = "saml_single_logout_service_url_post";
const REDIRECT_KEY = "saml_single_logout_service_url_redirect";

function logoutOutcomes(change: (client: Json, attributes: Record<string, string>) => void, preset: Preset = sentryPreset()) {
  const realm = fixture("realm-role-list-single.realm.json");
  const client = sentryClientOf(realm);
  change(client, attributesOf(client));
  return check(realm, preset).outcomes.filter((outcome) => outcome.finding.id === "client.logout-redirect-url");
}

describe("an SP that logs out by POST", () => {
  const preset = sentryPresetWithLogout([{ url: SLS, binding: BINDING.post }]);
  const explanation = preset.keycloak.logoutRedirectUrl.explanation;

  it("an empty POST URL: set to the SP's logout URL", () => {
    const [outcome, ...more] = logoutOutcomes(() => undefined, preset);
    expect(more).toEqual([]);
    expect(outcome?.finding).toMatchObject({
      attributeKey: POST_KEY,
      actual: null,
      message: `Logout Service POST Binding URL is empty. ${explanation}`,
      fix: `Set ${ADVANCED} › Logout Service POST Binding URL to "${SLS}".`,
    });
    expect(outcome?.patch).toEqual([{ op: "add", path: `/attributes/${POST_KEY}`, value: SLS }]);
  });

  it("another POST URL: quoted, and replaced", () => {
    const [outcome] = logoutOutcomes((_client, attributes) => (attributes[POST_KEY] = "https://other.example/slo"), preset);
    expect(outcome?.finding).toMatchObject({ actual: "https://other.example/slo", message: `Logout Service POST Binding URL is "https://other.example/slo". ${explanation}` });
  });

  it("the right POST URL, even with spaces around it: nothing to say", () => {
    expect(logoutOutcomes((_client, attributes) => (attributes[POST_KEY] = ` ${SLS} `), preset)).toEqual([]);
  });
});

describe("an SP without logout", () => {
  it("says nothing, whatever the logout URLs hold", () => {
    const outcomes = logoutOutcomes((_client, attributes) => {
      attributes[POST_KEY] = "https://other.example/slo";
      attributes[REDIRECT_KEY] = "";
    }, sentryPresetWithLogout([]));
    expect(outcomes).toEqual([]);
  });
});

describe("Sentry, which reads logout by redirect", () => {
  const explanation = sentryPreset().keycloak.logoutRedirectUrl.explanation;

  it("a POST URL besides the redirect URL: the POST URL emptied, saying why", () => {
    const [outcome] = logoutOutcomes((_client, attributes) => (attributes[POST_KEY] = SLS));
    expect(outcome?.finding.message).toBe(
      `Logout Service POST Binding URL is set ("${SLS}"), so Keycloak sends the logout by POST, which the SP does not read; login still works, logout does not. ${explanation}`,
    );
    expect(outcome?.finding.fix).toBe(`Set ${ADVANCED} › Logout Service Redirect Binding URL to "${SLS}" and empty ${ADVANCED} › Logout Service POST Binding URL.`);
    expect(outcome?.patch).toEqual([
      { op: "add", path: `/attributes/${REDIRECT_KEY}`, value: SLS },
      { op: "add", path: `/attributes/${POST_KEY}`, value: "" },
    ]);
  });

  it("the redirect URL without its trailing slash: says so", () => {
    const [outcome] = logoutOutcomes((_client, attributes) => (attributes[REDIRECT_KEY] = SLS.slice(0, -1)));
    expect(outcome?.finding.message).toBe(`Logout Service Redirect Binding URL "${SLS.slice(0, -1)}" lacks the trailing slash of "${SLS}". ${explanation}`);
    expect(outcome?.patch).toEqual([{ op: "add", path: `/attributes/${REDIRECT_KEY}`, value: SLS }]);
  });

  it("the right URLs with spaces around them, or no Master SAML Processing URL at all: nothing to say", () => {
    expect(
      logoutOutcomes((client, attributes) => {
        attributes[REDIRECT_KEY] = ` ${SLS} `;
        attributes[POST_KEY] = "  ";
        client.adminUrl = " ";
      }),
    ).toEqual([]);
    expect(logoutOutcomes((client) => delete client.adminUrl)).toEqual([]);
  });
});

describe("the Master SAML Processing URL with Force POST binding", () => {
  it("pointing at Sentry's ACS: emptied, the ACS URL written where IdP-initiated login needs it", () => {
    const [outcome] = logoutOutcomes((client, attributes) => {
      client.adminUrl = ACS;
      attributes.saml_assertion_consumer_url_post = " ";
    });
    expect(outcome?.finding.message).toContain(`a POST to that URL (it stands in for the empty Logout Service POST Binding URL): the SP's Assertion Consumer Service, which reads it as a failed login. Login still works, logout does not.`);
    expect(outcome?.finding.fix).toBe(
      `Empty Settings › Access settings › Master SAML Processing URL and set ${ADVANCED} › Assertion Consumer Service POST Binding URL to "${ACS}" (IdP-initiated login uses it); keep ${ADVANCED} › Logout Service Redirect Binding URL at "${SLS}".`,
    );
    expect(outcome?.patch).toEqual([
      { op: "add", path: "/adminUrl", value: "" },
      { op: "add", path: `/attributes/${REDIRECT_KEY}`, value: SLS },
      { op: "add", path: "/attributes/saml_assertion_consumer_url_post", value: ACS },
    ]);
  });

  it("pointing elsewhere, with the ACS URL already set: quoted, and only emptied", () => {
    const [outcome] = logoutOutcomes((client) => (client.adminUrl = "https://sentry.example.com/saml/other/"));
    expect(outcome?.finding.message).toContain('a POST to that URL (it stands in for the empty Logout Service POST Binding URL): "https://sentry.example.com/saml/other/".');
    expect(outcome?.finding.fix).toBe(`Empty Settings › Access settings › Master SAML Processing URL; keep ${ADVANCED} › Logout Service Redirect Binding URL at "${SLS}".`);
    expect(outcome?.patch).toEqual([
      { op: "add", path: "/adminUrl", value: "" },
      { op: "add", path: `/attributes/${REDIRECT_KEY}`, value: SLS },
    ]);
  });
});
