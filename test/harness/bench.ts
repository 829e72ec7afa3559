/**
 * The whole demo bench on 127.0.0.1: the real admin console and its admin REST backend, the Keycloak-shaped SAML IdP
 * on the same origin (reading the very client records the console edits), and the Sentry-grade SP. The realm
 * fixtures name Sentry `https://sentry.acme.test`; the bench rewrites that to the SP's real address.
 */
import { startHarness, type Harness, type HarnessOptions } from "./index.js";
import type { JsonObject } from "./backend/realm-store.js";
import type { Route } from "./backend/router.js";
import type { AdminContext } from "./backend/admin/context.js";
import { createIdp, type IdpEvent, type IdpRealm } from "./idp/idp.js";
import type { KeycloakClient, KeycloakClientScope, KeycloakUser } from "./idp/keycloak-client.js";
import { certificateBase64 } from "./idp/sign.js";
import { startSentrySp, type SentrySp } from "./sp/index.js";

export const FIXTURE_SENTRY_URL = "https://sentry.acme.test";
export const DEMO_USER = { username: "jane", password: "jane-password" } as const;

export interface Bench {
  readonly harness: Harness;
  readonly sp: SentrySp;
  readonly idpEvents: IdpEvent[];
  realmUrl(realm: string): string;
  /** Sentry orgs with a client in the realm (`…/saml/metadata/<org>/`), configured in the SP to trust the IdP. */
  readonly orgs: readonly string[];
  /**
   * One more Sentry organization in the SP, trusting a realm's IdP: what a user enters in Sentry's SAML2 settings
   * (the setup wizard's step 5; the SP's own settings page, `sp.settingsUrl(org)`, does it as a user would), stored
   * directly. Default mapping: the seed guide's, `user_email` for both.
   */
  trustRealm(org: string, realm: string, attributeMapping?: { identifier: string; user_email: string }): Promise<void>;
  close(): Promise<void>;
}

/**
 * The store holds realm exports as plain JSON. The IdP reads them through these views; the fields it needs have the
 * same names and types in a Keycloak export.
 */
function realmView(realm: JsonObject): IdpRealm {
  const list = (key: string): JsonObject[] => {
    const value = realm[key];
    return Array.isArray(value) ? value.filter((item): item is JsonObject => typeof item === "object" && item !== null && !Array.isArray(item)) : [];
  };
  return {
    name: String(realm.realm),
    clients: list("clients") as unknown as KeycloakClient[],
    clientScopes: list("clientScopes") as unknown as KeycloakClientScope[],
    users: list("users") as unknown as KeycloakUser[],
  };
}

function idpRoutes(context: AdminContext, events: IdpEvent[], origin: () => string): Route[] {
  const idp = createIdp({
    origin,
    realm: (name) => {
      const realm = context.store.realm(name);
      return realm === undefined ? undefined : realmView(realm);
    },
    onEvent: (event) => events.push(event),
  });
  const handle: Route["handle"] = (request) => {
    const query = request.query.toString();
    const reply = idp.handle({
      method: request.method,
      url: new URL(`${request.path}${query === "" ? "" : `?${query}`}`, request.origin),
      body: request.rawBody.toString("utf8"),
    });
    if (reply === undefined) return { status: 404, text: "Not found", contentType: "text/plain" };
    const { "content-type": contentType, ...headers } = reply.headers;
    return { status: reply.status, text: reply.body, contentType: contentType ?? "text/html; charset=utf-8", headers };
  };
  return [
    { method: "GET", pattern: "/realms/*rest", handle },
    { method: "POST", pattern: "/realms/*rest", handle },
  ];
}

export async function startBench(options: Omit<HarnessOptions, "extraRoutes" | "realmTransform"> = {}): Promise<Bench> {
  const sp = await startSentrySp();
  const events: IdpEvent[] = [];
  let origin = "";
  let harness: Harness;
  try {
    harness = await startHarness({
      ...options,
      realmTransform: (realm) => JSON.parse(JSON.stringify(realm).replaceAll(FIXTURE_SENTRY_URL, sp.urlPrefix)) as JsonObject,
      extraRoutes: (context) => idpRoutes(context, events, () => origin),
    });
  } catch (error) {
    await sp.close();
    throw error;
  }
  origin = harness.url;
  const realmUrl = (realm: string) => `${origin}/realms/${realm}`;
  const trustRealm: Bench["trustRealm"] = async (org, realm, attributeMapping = { identifier: "user_email", user_email: "user_email" }) => {
    const descriptor = await (await fetch(`${realmUrl(realm)}/protocol/saml/descriptor`)).text();
    const certificate = /<ds:X509Certificate>([^<]+)</.exec(descriptor)?.[1] ?? "";
    await sp.configureOrg(org, {
      idp: { entity_id: realmUrl(realm), x509cert: certificateBase64(certificate), sso_url: `${realmUrl(realm)}/protocol/saml`, slo_url: `${realmUrl(realm)}/protocol/saml` },
      attribute_mapping: attributeMapping,
    });
  };
  const orgs: string[] = [];
  const acme = harness.context.store.realm("acme");
  for (const client of acme === undefined ? [] : realmView(acme).clients) {
    const org = new RegExp(`^${sp.urlPrefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/saml/metadata/([^/]+)/?$`).exec(client.clientId)?.[1];
    if (org === undefined || orgs.includes(org)) continue;
    orgs.push(org);
    // The seed guide's mapping: both "IdP User ID" and "User Email" read `user_email`.
    await trustRealm(org, "acme");
  }
  let closing: Promise<void> | undefined;
  return {
    harness,
    sp,
    idpEvents: events,
    realmUrl,
    orgs,
    trustRealm,
    close: () => (closing ??= harness.close().then(() => sp.close())),
  };
}
