/** Loads the Keycloak export fixtures and runs the checker on them, as a user's file would be. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkClientExport, type ClientCheckResult } from "../../../../src/core/client-check/check-client.js";
import type { ClientFinding, FindingId } from "../../../../src/core/client-check/finding.js";
import { keycloakExpectations } from "../../../../src/core/presets/keycloak-expectations.js";
import type { Preset } from "../../../../src/core/presets/schema.js";
import { sentrySelfHostedPreset, type SentryPresetInput } from "../../../../src/core/presets/sentry-self-hosted.js";

export const FIXTURES = join(__dirname, "../../../fixtures/keycloak");

export type Json = Record<string, unknown>;

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as Json;
}

export function sentryPreset(attributeNames?: SentryPresetInput["attributeNames"]): Preset {
  const result = sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "acme", ...(attributeNames ? { attributeNames } : {}) });
  if (!result.ok) throw new Error(result.error.message);
  return result.preset;
}

/** The Sentry preset for an SP whose Single Logout Services are these (none: no logout). */
export function sentryPresetWithLogout(singleLogoutServices: Preset["sp"]["singleLogoutServices"]): Preset {
  const base = sentryPreset();
  const sp = { ...base.sp, singleLogoutServices };
  return { ...base, sp, keycloak: keycloakExpectations(sp) };
}

export function check(document: Json, preset: Preset = sentryPreset(), clientId?: string): ClientCheckResult {
  const response = checkClientExport(JSON.stringify(document), preset, clientId === undefined ? {} : { clientId });
  if (!response.ok) throw new Error(response.error.message);
  return response.result;
}

export function findings(result: ClientCheckResult, id: FindingId): ClientFinding[] {
  return result.findings.filter((finding) => finding.id === id);
}

/** The Sentry client inside a realm export, to modify in place. */
export function sentryClientOf(realm: Json): Json {
  const clients = realm.clients as Json[];
  const client = clients.find((candidate) => candidate.clientId === "https://sentry.example.com/saml/metadata/acme/");
  if (client === undefined) throw new Error("no Sentry client in the fixture");
  return client;
}

export function attributesOf(client: Json): Record<string, string> {
  return client.attributes as Record<string, string>;
}

export function scopeOf(realm: Json, name: string): Json {
  const scope = (realm.clientScopes as Json[]).find((candidate) => candidate.name === name);
  if (scope === undefined) throw new Error(`no scope ${name}`);
  return scope;
}

export type Mapper = { name: string; protocolMapper: string; protocol?: string; config?: Record<string, string> };

/** The role-list fixture realm, its Sentry client changed by `change`. */
export function mapperRealm(change: (client: Json, realm: Json) => void): Json {
  const document = fixture("realm-role-list-single.realm.json");
  change(sentryClientOf(document), document);
  return document;
}

/** The client without the shared sentry-attributes scope, its own mappers instead. */
export function ownMappers(...mappers: Mapper[]): Json {
  return mapperRealm((client) => {
    client.defaultClientScopes = ["role_list", "saml_organization"];
    client.protocolMappers = mappers;
  });
}

/**
 * The role-list realm with the three settings Sentry does not need changed (Sign assertions On, Full scope allowed Off,
 * IDP-Initiated SSO URL name cleared): only the accepted security findings are left, so each test's one change shows.
 */
export function secureRealm(change: (client: Json) => void = () => {}): Json {
  return mapperRealm((client) => {
    attributesOf(client)["saml.assertion.signature"] = "true";
    attributesOf(client)["saml_idp_initiated_sso_url_name"] = "";
    client.fullScopeAllowed = false;
    change(client);
  });
}

/** The one security outcome of `id` (its finding and patch); fails the test when there is none or more than one. */
export function securityOutcome(result: ClientCheckResult, id: FindingId): ClientCheckResult["securityOutcomes"][number] {
  const found = result.securityOutcomes.filter((outcome) => outcome.finding.id === id);
  if (found.length !== 1 || found[0] === undefined) throw new Error(`${found.length} outcomes of ${id}, expected one`);
  return found[0];
}
