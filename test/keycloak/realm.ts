/**
 * The test realm imported into the real Keycloak, and the Sentry client SAML Lens recommends, created as a user
 * would create it, so the server links its own default client scopes (`role_list` among them) exactly as the
 * console's "Create client" does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { newClientForPreset } from "../../src/core/client-check/new-client.js";
import type { Preset } from "../../src/core/presets/schema.js";
import { sentrySelfHostedPreset } from "../../src/core/presets/sentry-self-hosted.js";
import { BENCH_USER } from "../harness/idp/sentry-clients.js";
import { ROOT } from "../harness/paths.js";
import type { JsonRecord } from "./admin.js";

export const REALM = "acme";
/** Sentry's attribute mapping in every test org: IdP User ID ← `user_id` (the user's id), User Email ← `user_email`. */
export const SENTRY_MAPPING = { identifier: "user_id", user_email: "user_email" } as const;

export function testRealm(): JsonRecord {
  return {
    realm: REALM,
    enabled: true,
    roles: { realm: [{ name: "developer" }, { name: "sentry-admin" }] },
    users: [
      {
        username: BENCH_USER.username,
        email: BENCH_USER.email,
        emailVerified: true,
        firstName: "Alice",
        lastName: "Example",
        enabled: true,
        // More than one role, so that role_list (when it stays linked) repeats its Role attribute.
        realmRoles: ["developer", "sentry-admin"],
        credentials: [{ type: "password", value: BENCH_USER.password, temporary: false }],
      },
    ],
  };
}

/** The preset check-client and the analysis judge an org's client by: Sentry self-hosted at `urlPrefix`, our mapping. */
export function sentryPreset(urlPrefix: string, org: string): Preset {
  const preset = sentrySelfHostedPreset({ urlPrefix, orgSlug: org, attributeNames: { identifier: SENTRY_MAPPING.identifier, userEmail: SENTRY_MAPPING.user_email } });
  if (!preset.ok) throw new Error(preset.error.message);
  return preset.preset;
}

/**
 * The client SAML Lens generates for the org (`check-client --new-client`), as the body of "Create client"
 * (POST /clients) without its client scope lists, so the server links its own defaults as the console would.
 */
export function sentryClient(urlPrefix: string, org: string): JsonRecord {
  const { defaultClientScopes: _default, optionalClientScopes: _optional, ...client } = newClientForPreset(sentryPreset(urlPrefix, org));
  return JSON.parse(JSON.stringify(client)) as JsonRecord;
}

/** A certificate to encrypt for (the SP has no matching key, as Sentry has none). */
export function otherCertificateBase64(): string {
  return readFileSync(join(ROOT, "test/fixtures/saml/keys/other-cert.pem"), "utf8")
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, "")
    .replace(/\s+/g, "");
}

/** The realm's signing certificate as Keycloak publishes it in its IdP descriptor (what Sentry is given). */
export async function descriptorCertificate(keycloakUrl: string, realm = REALM): Promise<string> {
  const xml = await (await fetch(`${keycloakUrl}/realms/${realm}/protocol/saml/descriptor`)).text();
  const certificate = /<(?:\w+:)?X509Certificate>([^<]+)</.exec(xml)?.[1];
  if (certificate === undefined) throw new Error(`No X509Certificate in the descriptor of ${realm}:\n${xml.slice(0, 500)}`);
  return certificate.replace(/\s+/g, "");
}
