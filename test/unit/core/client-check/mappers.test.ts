/**
 * The mapper checks (mapper.*) on the clean realm export, one change to the mappers at a time: which mapper the
 * finding names and where the console shows it, what it says Sentry will look up, and that its own patch fixes it
 * when the file can be fixed (the client's own mappers; a shared scope is left to the user).
 */
import { describe, expect, it } from "vitest";
import { applyJsonPatch } from "../../../../src/core/client-check/json-patch.js";
import type { FindingId } from "../../../../src/core/client-check/finding.js";
import type { Preset } from "../../../../src/core/presets/schema.js";
import { check, findings, fixture, mapperRealm, ownMappers, scopeOf, sentryClientOf, sentryPreset, type Json, type Mapper } from "./support.js";

const ENTITY_ID = "https://sentry.example.com/saml/metadata/acme/";
const DEDICATED = `${ENTITY_ID}-dedicated`;
const userProperty = (name: string, property: string, attributeName: string, friendlyName?: string): Mapper => ({
  name,
  protocol: "saml",
  protocolMapper: "saml-user-property-mapper",
  config: { "user.attribute": property, "attribute.name": attributeName, ...(friendlyName === undefined ? {} : { "friendly.name": friendlyName }) },
});



/** The finding of `id` (exactly one), and the realm checked again after its own patch was applied to the client. */
function outcomeOf(document: Json, id: FindingId, preset: Preset = sentryPreset()) {
  const result = check(document, preset, ENTITY_ID);
  const outcomes = result.outcomes.filter((outcome) => outcome.finding.id === id);
  expect(outcomes, result.findings.map((f) => `${f.id}: ${f.message}`).join("\n")).toHaveLength(1);
  const [outcome] = outcomes;
  if (outcome === undefined) throw new Error(id);
  return {
    finding: outcome.finding,
    patch: outcome.patch,
    recheck: () => {
      const applied = applyJsonPatch(result.input.rawClient, outcome.patch);
      if (!applied.ok) throw new Error(applied.message);
      const clients = document.clients as Json[];
      clients[clients.indexOf(sentryClientOf(document))] = applied.value as Json;
      return check(document, preset, ENTITY_ID);
    },
  };
}

describe("mapper.email and mapper.identifier", () => {
  it("a client mapper with the right Friendly Name but another Name: renamed in place", () => {
    const { finding, recheck } = outcomeOf(ownMappers(userProperty("mail", "email", "email", "user_email"), userProperty("user_id", "id", "user_id")), "mapper.email");
    expect(finding.message).toBe(
      `Mapper "mail" has Friendly Name "user_email" but SAML Attribute Name "email"; User Email is looked up by Name, never by Friendly Name. ${sentryPreset().keycloak.emailAttribute.explanation}`,
    );
    expect(finding.field.section).toBe(`${DEDICATED} › Mappers › mail`);
    expect(finding.fix).toBe(`Set SAML Attribute Name to "user_email" in Clients › ${ENTITY_ID} › Client scopes › ${DEDICATED} › Mappers › mail.`);
    expect(finding.actual).toEqual(["email", "user_id", "Role", "organization"]);
    expect(findings(recheck(), "mapper.email")).toEqual([]);
  });

  it("a shared-scope mapper that sends the e-mail under another Name: a mapper of the client's own is added", () => {
    const document = mapperRealm((client, r) => {
      client.protocolMappers = [];
      const [email] = scopeOf(r, "sentry-attributes").protocolMappers as Json[];
      (email?.config as Record<string, string>)["attribute.name"] = "mail";
    });
    const { finding, recheck } = outcomeOf(document, "mapper.email");
    expect(finding.message).toContain('Mapper "user_email" sends the e-mail as "mail", but User Email is looked up under "user_email".');
    expect(finding.field.section).toBe("sentry-attributes › Mappers › user_email");
    expect(finding.fix).toContain('shared scope "sentry-attributes": add a User Property mapper (property "email", SAML Attribute Name "user_email")');
    expect(findings(recheck(), "mapper.email")).toEqual([]);
  });

  it("the identifier is not guessed from a mapper that reads the e-mail", () => {
    const { finding } = outcomeOf(ownMappers(userProperty("user_email", "email", "user_email"), userProperty("mail", "email", "email")), "mapper.identifier", sentryPreset({ identifier: "user_id" }));
    expect(finding.message).toBe(`No mapper emits an attribute named "user_id". ${sentryPreset({ identifier: "user_id" }).keycloak.identifierAttribute.explanation}`);
  });

  it("a missing attribute: the fix and the patch add a User Property mapper to the dedicated scope", () => {
    const preset = sentryPreset({ identifier: "user_id" });
    const { finding, recheck } = outcomeOf(ownMappers(userProperty("user_email", "email", "user_email")), "mapper.identifier", preset);
    expect(finding).toMatchObject({ severity: "error", expected: "user_id", actual: ["user_email", "Role", "organization"], attributeKey: "attribute.name" });
    expect(finding.field.section).toBe(`${DEDICATED} › Mappers`);
    expect(finding.fix).toBe(`In ${DEDICATED} › Mappers: Add mapper › By configuration › User Property, Property "id", SAML Attribute Name "user_id", SAML Attribute NameFormat Basic.`);
    const after = recheck();
    expect(findings(after, "mapper.identifier")).toEqual([]);
    expect(after.mappers.mappers.find((mapper) => mapper.attributeName === "user_id")?.reads).toBe("id");
  });

  it("the recommended identifier missing and the e-mail not sent either: an error, no guess at the guides' choice", () => {
    const { finding } = outcomeOf(ownMappers(userProperty("mail", "email", "mail")), "mapper.identifier");
    expect(finding.severity).toBe("error");
    expect(finding.message).toMatch(/^No mapper emits an attribute named "user_id"\. /);
  });

  it("an SP that asks for an identifier but no e-mail: the identifier check still runs", () => {
    const base = sentryPreset();
    const sp = { ...base.sp, attributes: { ...base.sp.attributes, required: base.sp.attributes.required.filter((attribute) => attribute.key === "identifier") } };
    const result = check(ownMappers(userProperty("mail", "email", "mail")), { ...base, sp }, ENTITY_ID);
    expect(findings(result, "mapper.identifier").map((finding) => finding.severity)).toEqual(["error"]);
    expect(findings(result, "mapper.email")).toEqual([]);
  });

  it("the recommended identifier missing while the e-mail is sent: a warning that names the guides' choice", () => {
    const { finding } = outcomeOf(ownMappers(userProperty("user_email", "email", "user_email")), "mapper.identifier");
    expect(finding.severity).toBe("warning");
    expect(finding.message).toContain('No mapper emits "user_id", the attribute we recommend for Sentry\'s IdP User ID.');
    expect(finding.message).toContain('(many guides use "user_email")');
  });

  it("cannot tell when a scope of the client is not in the file, naming the scopes", () => {
    const document = mapperRealm((client) => (client.defaultClientScopes = ["role_list", "sentry-attributes-v2", "web-origins"]));
    const { finding, patch } = outcomeOf(document, "mapper.email");
    expect(finding).toMatchObject({ severity: "warning", actual: null });
    expect(finding.message).toBe(
      'Cannot tell whether an attribute named "user_email" (Sentry\'s User Email) is sent: no mapper of the client itself emits it, and the client\'s scopes "sentry-attributes-v2", "web-origins" are not defined in this file.',
    );
    expect(finding.fix).toMatch(/Evaluate/);
    expect(patch).toEqual([]);
  });

  it("cannot tell for a client export, which lists no scopes", () => {
    const client = sentryClientOf(fixture("realm-role-list-single.realm.json"));
    delete client.defaultClientScopes;
    delete client.protocolMappers;
    const [finding] = findings(check(client), "mapper.email");
    expect(finding?.message).toContain("a client export does not include the client scopes assigned to the client");
  });
});

describe("which mappers reach the assertion", () => {
  it("ignores mappers of another protocol or type, and scopes of another protocol", () => {
    const document = mapperRealm((client, r) => {
      client.defaultClientScopes = ["role_list", "saml_organization", "email"];
      client.protocolMappers = [
        { ...userProperty("oidc", "email", "user_email"), protocol: "openid-connect" },
        { name: "audience", protocol: "saml", protocolMapper: "saml-audience-mapper", config: { "attribute.name": "user_email" } },
      ];
      scopeOf(r, "email").protocolMappers = [{ ...userProperty("oidc email", "email", "user_email"), protocol: "saml" }];
    });
    const result = check(document, sentryPreset(), ENTITY_ID);
    expect(result.mappers.mappers.map((mapper) => mapper.attributeName)).toEqual(["Role", "organization"]);
    expect(result.mappers.undefinedScopes).toEqual(["email"]);
  });

  it("names a role list by its default Name, and reads Friendly Name and property only where they mean something", () => {
    const document = ownMappers(
      { name: "roles", protocol: "saml", protocolMapper: "saml-role-list-mapper", config: { single: "true", "friendly.name": "" } },
      userProperty("user_email", "email", "user_email", "mail"),
      { name: "user_id", protocolMapper: "saml-user-attribute-mapper", config: { "user.attribute": "", "attribute.name": "user_id" } },
    );
    const view = check(document, sentryPreset(), ENTITY_ID).mappers;
    expect(view.mappers.slice(0, 3).map((mapper) => [mapper.attributeName, mapper.friendlyName, mapper.reads])).toEqual([
      ["Role", null, null],
      ["user_email", "mail", "email"],
      ["user_id", null, null],
    ]);
  });

  it("tells each state of role_list", () => {
    const state = (change: (client: Json, r: Json) => void) => check(mapperRealm(change), sentryPreset(), ENTITY_ID).mappers.roleList;
    expect(state(() => undefined)).toBe("harmless");
    expect(state((client) => (client.defaultClientScopes = ["sentry-attributes"]))).toBe("not-assigned");
    expect(state((_client, r) => (scopeOf(r, "role_list").protocolMappers = []))).toBe("harmless");
    expect(state((_client, r) => ((scopeOf(r, "role_list").protocolMappers as Json[])[0] as Json).config = { single: "false" })).toBe("repeated");
    expect(state((_client, r) => (r.clientScopes = (r.clientScopes as Json[]).filter((scope) => scope.name !== "role_list")))).toBe("assigned-undefined");
  });
});

describe("mapper.duplicate-attribute-name", () => {
  it("a role list among the client's own mappers: Single Role Attribute turned on in place", () => {
    const document = ownMappers(userProperty("user_email", "email", "user_email"), userProperty("user_id", "id", "user_id"), { name: "roles", protocol: "saml", protocolMapper: "saml-role-list-mapper", config: {} });
    sentryClientOf(document).defaultClientScopes = ["saml_organization"];
    const { finding, recheck } = outcomeOf(document, "mapper.duplicate-attribute-name");
    expect(finding).toMatchObject({ expected: "true", actual: null, attributeKey: "single", field: { label: "Single Role Attribute", section: `${DEDICATED} › Mappers › roles` } });
    expect(finding.message).toContain(`Mapper "roles" (Clients › ${ENTITY_ID} › Client scopes › ${DEDICATED} › Mappers › roles) emits one "Role" attribute per role because Single Role Attribute is Off`);
    expect(finding.fix).toBe(`Turn Single Role Attribute On in Clients › ${ENTITY_ID} › Client scopes › ${DEDICATED} › Mappers › roles.`);
    expect(findings(recheck(), "mapper.duplicate-attribute-name")).toEqual([]);
  });

  it("a group list in a shared scope: Single Group Attribute, left to the user", () => {
    const document = mapperRealm((_client, r) => {
      (scopeOf(r, "sentry-attributes").protocolMappers as Json[]).push({ name: "groups", protocol: "saml", protocolMapper: "saml-group-membership-mapper", config: { "attribute.name": "member" } });
    });
    const { finding, patch } = outcomeOf(document, "mapper.duplicate-attribute-name");
    expect(finding.field.label).toBe("Single Group Attribute");
    expect(finding.message).toContain('emits one "member" attribute per group because Single Group Attribute is Off');
    expect(finding.fix).toBe("Turn Single Group Attribute On in Client scopes › sentry-attributes › Mappers › groups.");
    expect(patch).toEqual([]);
  });

  it("role_list without Single Role Attribute: the patch removes role_list and keeps the other scopes", () => {
    const document = mapperRealm((_client, r) => (((scopeOf(r, "role_list").protocolMappers as Json[])[0] as Json).config = { single: "false" }));
    const { finding, patch, recheck } = outcomeOf(document, "mapper.duplicate-attribute-name");
    expect(finding.fix).toMatch(/^Remove role_list from the client \(Client scopes tab › role_list/);
    expect(patch).toEqual([{ op: "add", path: "/defaultClientScopes", value: ["saml_organization", "sentry-attributes"] }]);
    expect(findings(recheck(), "mapper.duplicate-attribute-name")).toEqual([]);
  });

  it("two mappers under one Name: lists where each is, first one's field", () => {
    const document = mapperRealm((client) => (client.protocolMappers = [userProperty("mail", "email", "user_email")]));
    const { finding, patch } = outcomeOf(document, "mapper.duplicate-attribute-name");
    const places = [`Clients › ${ENTITY_ID} › Client scopes › ${DEDICATED} › Mappers › mail`, "Client scopes › sentry-attributes › Mappers › user_email"];
    expect(finding.actual).toEqual(places);
    expect(finding.expected).toBe("one mapper per SAML Attribute Name");
    expect(finding.message).toContain(`2 mappers emit an attribute named "user_email": ${places.join("; ")}.`);
    expect(finding.field.section).toBe(`${DEDICATED} › Mappers › mail`);
    expect(patch).toEqual([]);
  });

  it("cannot tell when role_list is assigned but not in the file: says so, and removes it only when the needed mappers are the client's own", () => {
    const withoutScope = (client: Json, r: Json) => (r.clientScopes = (r.clientScopes as Json[]).filter((scope) => scope.name !== "role_list"));
    const shared = outcomeOf(mapperRealm(withoutScope), "mapper.duplicate-attribute-name");
    expect(shared.finding).toMatchObject({ severity: "warning", actual: null, expected: "true" });
    expect(shared.finding.message).toContain("role_list is assigned to the client, but this file does not define the scope.");
    expect(shared.finding.fix).toMatch(/Evaluate/);
    expect(shared.patch).toEqual([{ op: "add", path: "/defaultClientScopes", value: ["saml_organization", "sentry-attributes"] }]);
  });

  it("cannot tell for a client export: removes role_list only when the client's own mappers carry what Sentry needs", () => {
    const client = sentryClientOf(fixture("realm-role-list-single.realm.json"));
    delete client.defaultClientScopes;
    const bare = outcomeOf({ ...client, protocolMappers: [] }, "mapper.duplicate-attribute-name");
    expect(bare.finding.message).toContain("A client export does not list the client's scopes");
    expect(bare.patch).toEqual([]);
    const own = outcomeOf({ ...client, protocolMappers: [userProperty("user_email", "email", "user_email"), userProperty("user_id", "id", "user_id")] }, "mapper.duplicate-attribute-name");
    expect(own.patch).toEqual([{ op: "add", path: "/defaultClientScopes", value: [] }]);
  });
});

describe("mapper.email-as-identifier", () => {
  it("IdP User ID read from a client mapper of the e-mail: Property set to id in place", () => {
    const preset = sentryPreset({ identifier: "user_id" });
    const { finding, recheck } = outcomeOf(ownMappers(userProperty("user_email", "email", "user_email"), userProperty("user_id", "email", "user_id")), "mapper.email-as-identifier", preset);
    expect(finding).toMatchObject({ severity: "suggestion", expected: "id", actual: "email", attributeKey: "user.attribute", field: { section: `${DEDICATED} › Mappers › user_id` } });
    expect(finding.message).toContain(`The "user_id" attribute (Sentry's IdP User ID) carries the e-mail.`);
    expect(finding.fix).toMatch(/^Set Property to "id" in Clients › .* › Mappers › user_id\. Existing members are asked once/);
    expect(findings(recheck(), "mapper.email-as-identifier")).toEqual([]);
  });

  it("both Sentry fields on the e-mail attribute: adds user_id unless it is already sent", () => {
    const preset = sentryPreset({ identifier: "user_email" });
    const withoutStable = outcomeOf(ownMappers(userProperty("user_email", "email", "user_email")), "mapper.email-as-identifier", preset);
    expect(withoutStable.finding.message).toContain(`Sentry's IdP User ID and User Email both read "user_email", the e-mail.`);
    expect(withoutStable.finding.fix).toMatch(/^Add a User Property mapper \(Property "id", SAML Attribute Name "user_id"\) to the client's dedicated scope, then set Sentry's IdP User ID to "user_id"\./);
    expect(withoutStable.patch).toHaveLength(1);
    const withStable = outcomeOf(mapperRealm(() => undefined), "mapper.email-as-identifier", preset);
    expect(withStable.finding.fix).toMatch(/^set Sentry's IdP User ID to "user_id"/);
    expect(withStable.patch).toEqual([]);
  });

  it("the exact fixes: the client's mapper reads id, or a user_id mapper reading id is added", () => {
    const preset = sentryPreset({ identifier: "user_id" });
    const inPlace = outcomeOf(ownMappers(userProperty("user_email", "email", "user_email"), userProperty("user_id", "email", "user_id")), "mapper.email-as-identifier", preset);
    expect(inPlace.finding.fix).toMatch(/\. Existing members are asked once to link their Sentry account to the new identity\.$/);
    expect(inPlace.patch).toEqual([{ op: "add", path: "/protocolMappers/1/config/user.attribute", value: "id" }]);
    const added = outcomeOf(ownMappers(userProperty("user_email", "email", "user_email")), "mapper.email-as-identifier", sentryPreset({ identifier: "user_email" }));
    expect(added.patch).toEqual([{ op: "add", path: "/protocolMappers/-", value: expect.objectContaining({ name: "user_id", config: expect.objectContaining({ "user.attribute": "id", "attribute.name": "user_id" }) }) }]);
  });

  it("the e-mail sent as the identifier by a shared scope: no in-place patch into the client's mappers", () => {
    const document = mapperRealm((_client, r) => (scopeOf(r, "sentry-attributes").protocolMappers as Json[]).push(userProperty("user_id mail", "email", "user_id")));
    const found = check(document, sentryPreset({ identifier: "user_id" }), ENTITY_ID).outcomes.filter((outcome) => outcome.finding.id === "mapper.email-as-identifier");
    expect(found).toHaveLength(1);
    for (const outcome of found) {
      expect(outcome.finding.field.section).toBe(`${DEDICATED} › Mappers`);
      expect(outcome.patch.every((operation) => operation.path === "/protocolMappers/-")).toBe(true);
    }
  });

  it("needs both Sentry fields, in whatever order the preset lists them, and a mapper that sends the identifier", () => {
    const base = sentryPreset();
    const only = (key: string) => ({ ...base, sp: { ...base.sp, attributes: { ...base.sp.attributes, required: base.sp.attributes.required.filter((attribute) => attribute.key === key) } } });
    const reversed = { ...base, sp: { ...base.sp, attributes: { ...base.sp.attributes, required: [...base.sp.attributes.required].reverse() } } };
    const mailOnly = ownMappers(userProperty("user_email", "email", "user_email"));
    for (const preset of [only("user_email"), only("identifier"), reversed]) {
      expect(findings(check(mailOnly, preset, ENTITY_ID), "mapper.email-as-identifier")).toEqual([]);
    }
    expect(findings(check(ownMappers(userProperty("user_id", "email", "user_id")), only("identifier"), ENTITY_ID), "mapper.email-as-identifier")).toEqual([]);
    const nothingSent = ownMappers(userProperty("mail", "email", "mail"));
    expect(findings(check(nothingSent, sentryPreset({ identifier: "user_email" }), ENTITY_ID), "mapper.email-as-identifier")).toEqual([]);
  });

  it("says nothing when the identifier is not sent, or is not the e-mail", () => {
    expect(findings(check(mapperRealm(() => undefined)), "mapper.email-as-identifier")).toEqual([]);
    expect(findings(check(ownMappers(userProperty("user_email", "email", "user_email")), sentryPreset({ identifier: "user_id" }), ENTITY_ID), "mapper.email-as-identifier")).toEqual([]);
  });
});
