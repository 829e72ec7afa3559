/**
 * The wizard's steps 2 (by hand), 4 and 6 on real inputs: the client checker's own findings (as the overlay receives
 * them from the background) turned into the user's tasks, the Create client values taken from the import file, and
 * the test login's addresses.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOverlayClient } from "../../../../src/background/overlay-check.js";
import { newClientForPreset } from "../../../../src/core/client-check/new-client.js";
import { sentrySelfHostedPreset } from "../../../../src/core/presets/sentry-self-hosted.js";
import { parseConsolePage } from "../../../../src/core/keycloak/console-routes.js";
import { createValuesFrom } from "../../../../src/content/wizard/steps/create.js";
import { loginUrls } from "../../../../src/content/wizard/sentry-urls.js";
import { mapperTasks } from "../../../../src/content/wizard/steps/mappers.js";

const root = resolve(import.meta.dirname, "../../../..");
const acme = JSON.parse(readFileSync(join(root, "test/harness/fixtures/realms/acme.json"), "utf8")) as {
  clientScopes: Array<{ name: string; protocol?: string }>;
  defaultDefaultClientScopes: string[];
};
/** Keycloak assigns a new SAML client the realm's default scopes of its protocol: role_list and saml_organization here. */
const samlDefaults = acme.defaultDefaultClientScopes.filter((name) => acme.clientScopes.find((scope) => scope.name === name)?.protocol === "saml");
const preset = { kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "acme-org" } as const;

/** As Keycloak answers for a client without mappers: an empty list (a missing list means "not exported"). */
function bareClient(): Record<string, unknown> {
  return { ...newClient(), protocolMappers: [] };
}

function newClient(): Record<string, unknown> {
  const result = sentrySelfHostedPreset(preset);
  if (!result.ok) throw new Error(result.error.message);
  return newClientForPreset(result.preset);
}

async function tasksFor(client: Record<string, unknown>, defaultClientScopes: string[]) {
  const response = await checkOverlayClient({ client, defaultClientScopes, clientScopes: acme.clientScopes, preset, keycloakUrl: "https://kc.example.com", realm: "acme" });
  expect(response.ok).toBe(true);
  return mapperTasks(response.outcomes);
}

describe("step 4: the mapper tasks", () => {
  it("asks to remove role_list and to add the e-mail and identifier mappers of a client Create client left bare", async () => {
    const bare = bareClient();
    const tasks = await tasksFor(bare, samlDefaults);
    expect(tasks.map((task) => [task.findingId, task.action?.kind]).sort()).toEqual([
      ["mapper.duplicate-attribute-name", "remove-scope"],
      ["mapper.email", "add-mapper"],
      ["mapper.identifier", "add-mapper"],
    ]);
  });

  it("the values it fills into Add mapper's form, saved, and role_list removed, leave nothing to do", async () => {
    const bare = bareClient();
    const tasks = await tasksFor(bare, samlDefaults);
    const mappers = tasks.flatMap((task) => {
      if (task.action?.kind !== "add-mapper") return [];
      const type = task.action.target.kind === "new-mapper" ? task.action.target.mapperType : "";
      const config = Object.fromEntries(task.action.values.filter((value) => value.key !== "name").map((value) => [value.key, value.value]));
      return [{ name: task.action.mapperName, protocol: "saml", protocolMapper: type, config }];
    });
    expect(mappers.map((mapper) => mapper.config["attribute.name"]).sort()).toEqual(["user_email", "user_id"]);
    expect(mappers.every((mapper) => mapper.config["attribute.nameformat"] === "Basic")).toBe(true);
    const after = await tasksFor({ ...bare, protocolMappers: mappers }, samlDefaults.filter((scope) => scope !== "role_list"));
    expect(after).toEqual([]);
  });

  it("has nothing to do for the client the import path creates", async () => {
    expect(await tasksFor(newClient(), [])).toEqual([]);
  });
});

describe("step 2 by hand: Create client's values", () => {
  it("are the import file's, Master SAML Processing URL empty (Keycloak would post logout answers to it; step 3 sets the ACS URL)", () => {
    const values = createValuesFrom(JSON.stringify(newClient()));
    expect(values).toEqual({
      clientId: "https://sentry.example.com/saml/metadata/acme-org/",
      name: "Sentry",
      rootUrl: "",
      homeUrl: "",
      redirectUri: "https://sentry.example.com/saml/acs/acme-org/",
      idpInitiatedSsoUrlName: "acme-org",
      masterSamlProcessingUrl: "",
    });
    expect(createValuesFrom("not json")).toBeNull();
  });

  it("knows the Create client page from its route", () => {
    expect(parseConsolePage("http://kc/admin/master/console/#/acme/clients/add-client")).toEqual({ kind: "add-client", realm: "acme" });
    expect(parseConsolePage("https://kc/auth/admin/master/console/acme/clients/add-client")).toEqual({ kind: "add-client", realm: "acme" });
  });
});

describe("step 6: where the test login starts", () => {
  it("is Keycloak's IdP-initiated URL for the org's client, or Sentry's SSO page", () => {
    const progress = { step: "login", kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com/", orgSlug: "acme-org" } as const;
    expect(loginUrls(progress, "https://kc.example.com/auth/", "acme")).toEqual({
      idpInitiatedUrl: "https://kc.example.com/auth/realms/acme/protocol/saml/clients/acme-org",
      sentryLoginUrl: "https://sentry.example.com/auth/login/acme-org/",
      acsUrl: "https://sentry.example.com/saml/acs/acme-org/",
    });
    expect(loginUrls({ ...progress, kind: "sentry-saas", urlPrefix: "" }, "https://kc.example.com", "acme").sentryLoginUrl).toBe("https://sentry.io/auth/login/acme-org/");
  });
});
