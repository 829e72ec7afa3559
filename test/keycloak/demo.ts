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
import type { KeycloakAdmin, JsonRecord } from "./admin.js";
import { descriptorCertificate } from "./realm.js";

export const DEMO_REALM = "acme";
/** The Sentry client with three typical mistakes, the one `npm start` opens. */
export const DEMO_CLIENT_UUID = "9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9";

export interface RealKeycloakDemo {
  readonly sp: SentrySp;
  readonly orgs: readonly string[];
  consoleUrl(route?: string): string;
  close(): Promise<void>;
}

/** The bench's realm fixture for a Sentry at `urlPrefix`. */
export function demoRealm(urlPrefix: string): JsonRecord {
  const text = readFileSync(join(FIXTURES_DIR, "realms", `${DEMO_REALM}.json`), "utf8");
  return JSON.parse(text.replaceAll(FIXTURE_SENTRY_URL, urlPrefix)) as JsonRecord;
}

export async function prepareDemo(keycloakUrl: string, admin: KeycloakAdmin): Promise<RealKeycloakDemo> {
  const sp = await startSentrySp();
  try {
    const realm = demoRealm(sp.urlPrefix);
    await admin.importRealm(realm);
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
    return {
      sp,
      orgs,
      consoleUrl: (route = "") => `${keycloakUrl}/admin/master/console/#/${DEMO_REALM}/${route.replace(/^\//, "")}`,
      close: () => sp.close(),
    };
  } catch (error) {
    await sp.close();
    throw error;
  }
}
