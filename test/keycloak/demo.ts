/**
 * The demo bench on the real Keycloak server (`npm start -- --keycloak`): the bench's realm `acme` (its user, its
 * Sentry clients with their mistakes and the correct one) imported into the server, and the Sentry-grade SP trusting
 * the server's realm key for every Sentry org the realm has a client for.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURE_SENTRY_URL } from "../harness/bench.js";
import { FIXTURES_DIR } from "../harness/paths.js";
import { startSentrySp, type SentrySp } from "../harness/sp/index.js";
import type { Json, JsonRecord, KeycloakAdmin } from "./admin.js";
import { descriptorCertificate } from "./realm.js";

export const DEMO_REALM = "acme";

export interface RealKeycloakDemo {
  readonly sp: SentrySp;
  readonly orgs: readonly string[];
  /** The server's id of the Sentry client with three typical mistakes (org `acme`), the one `npm start` opens. */
  readonly demoClientUuid: string;
  consoleUrl(route?: string): string;
  close(): Promise<void>;
}

/** The bench's realm fixture for a Sentry at `urlPrefix`. */
export function demoRealm(urlPrefix: string): JsonRecord {
  const text = readFileSync(join(FIXTURES_DIR, "realms", `${DEMO_REALM}.json`), "utf8");
  return JSON.parse(text.replaceAll(FIXTURE_SENTRY_URL, urlPrefix)) as JsonRecord;
}

/**
 * The fixture is a Keycloak 26 realm export; older servers refuse some of its members. So the realm, its roles and
 * users are imported in their plain form, and each SAML client is created as the console creates one, then linked to
 * exactly the default client scopes of the fixture that the server has (24 has no `saml_organization`).
 */
async function importDemo(admin: KeycloakAdmin, realm: JsonRecord): Promise<void> {
  const builtIn = new Set(["offline_access", "uma_authorization", `default-roles-${DEMO_REALM}`]);
  const list = (value: Json | undefined): JsonRecord[] => (Array.isArray(value) ? value.filter((item): item is JsonRecord => typeof item === "object" && item !== null && !Array.isArray(item)) : []);
  const roles = list((realm.roles as JsonRecord | undefined)?.realm).filter((role) => !builtIn.has(String(role.name)));
  const users = list(realm.users).map((user) => ({
    username: user.username ?? null,
    email: user.email ?? null,
    emailVerified: true,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    enabled: true,
    credentials: list(user.credentials).map((credential) => ({ type: credential.type ?? "password", value: credential.value ?? null, temporary: false })),
    realmRoles: (Array.isArray(user.realmRoles) ? user.realmRoles : []).filter((role) => !builtIn.has(String(role))),
  }));
  await admin.importRealm({ realm: DEMO_REALM, enabled: true, roles: { realm: roles.map((role) => ({ name: role.name ?? null })) }, users });
  for (const client of list(realm.clients).filter((candidate) => candidate.protocol === "saml")) {
    const { id: _id, defaultClientScopes, optionalClientScopes: _optional, protocolMappers, ...body } = client;
    const mappers = list(protocolMappers).map(({ id: _mapperId, ...mapper }) => mapper);
    const uuid = await admin.createClient(DEMO_REALM, { ...body, protocolMappers: mappers });
    const wanted = new Set((Array.isArray(defaultClientScopes) ? defaultClientScopes : []).map(String));
    for (const scope of await admin.defaultClientScopes(DEMO_REALM, uuid)) {
      if (!wanted.has(scope.name)) await admin.removeDefaultClientScope(DEMO_REALM, uuid, scope.name);
    }
  }
}

export async function prepareDemo(keycloakUrl: string, admin: KeycloakAdmin): Promise<RealKeycloakDemo> {
  const sp = await startSentrySp();
  try {
    const realm = demoRealm(sp.urlPrefix);
    await importDemo(admin, realm);
    const certificate = await descriptorCertificate(keycloakUrl, DEMO_REALM);
    const realmUrl = `${keycloakUrl}/realms/${DEMO_REALM}`;
    const clients = Array.isArray(realm.clients) ? (realm.clients as JsonRecord[]) : [];
    const orgs = [...new Set(clients.flatMap((client) => /\/saml\/metadata\/([^/]+)\/?$/.exec(String(client.clientId))?.[1] ?? []))];
    for (const org of orgs) {
      await sp.configureOrg(org, {
        idp: { entity_id: realmUrl, x509cert: certificate, sso_url: `${realmUrl}/protocol/saml`, slo_url: `${realmUrl}/protocol/saml` },
        // The seed guide's mapping, as on the embedded bench: both fields read `user_email`.
        attribute_mapping: { identifier: "user_email", user_email: "user_email" },
      });
    }
    const demoClientUuid = await admin.clientUuid(DEMO_REALM, sp.entityId("acme"));
    return {
      sp,
      orgs,
      demoClientUuid,
      consoleUrl: (route = "") => `${keycloakUrl}/admin/master/console/#/${DEMO_REALM}/${route.replace(/^\//, "")}`,
      close: () => sp.close(),
    };
  } catch (error) {
    await sp.close();
    throw error;
  }
}
