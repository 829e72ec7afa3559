/**
 * The security findings on the real server: a Sentry client stored with wildcard Valid redirect URIs and RSA_SHA1,
 * read back from the server's own Partial export, gets the security findings (and the fit warning for RSA_SHA1); the
 * fix, stored through the admin REST API as the console would save it, clears them. The realm's keys, as the server
 * lists them (GET /admin/realms/{realm}/keys), feed the realm-key checks: its default keys pass, a 1024-bit one does not.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { actionableSecurityFindings, checkClientExport, type ClientCheckResult } from "../../src/core/client-check/check-client.js";
import { buildClientFix } from "../../src/core/client-check/fix.js";
import { readRealmKeys, type RealmKeys } from "../../src/core/client-check/realm-keys.js";
import { KeycloakAdmin, type JsonRecord } from "./admin.js";
import { sentryClient, sentryPreset, testRealm } from "./realm.js";
import { ADMIN_PASSWORD, ADMIN_USERNAME } from "./server.js";
import { keycloakReady, KEYCLOAK_READY_TIMEOUT_MS } from "./provided.js";
import { addWeakRealmKey } from "./console.js";

const REALM = "security";
const URL_PREFIX = "https://sentry.example.com";
const ORG = "acme";
const CLIENT_ID = `${URL_PREFIX}/saml/metadata/${ORG}/`;
const ACS = `${URL_PREFIX}/saml/acs/${ORG}/`;

describe.each(inject("keycloakServers"))("Keycloak $version: security findings on a stored client", (server) => {
  // The server starts while the browser tests run (global-setup.ts).
  beforeAll(() => keycloakReady(server), KEYCLOAK_READY_TIMEOUT_MS);
  const admin = new KeycloakAdmin(server.url, ADMIN_USERNAME, ADMIN_PASSWORD);
  let uuid: string;

  beforeAll(async () => {
    await admin.importRealm({ ...testRealm(), realm: REALM });
    const good = sentryClient(URL_PREFIX, ORG);
    uuid = await admin.createClient(REALM, {
      ...good,
      redirectUris: [`${URL_PREFIX}/*`, "*"],
      attributes: { ...(good.attributes as JsonRecord), "saml.signature.algorithm": "RSA_SHA1" },
    });
  });

  afterAll(async () => {
    await admin.call("DELETE", `/${REALM}`).catch(() => undefined);
  });

  async function checkStored(realmKeys?: RealmKeys): Promise<ClientCheckResult> {
    const exported = await admin.partialExport(REALM);
    const response = checkClientExport(JSON.stringify(exported), sentryPreset(URL_PREFIX, ORG), {
      clientId: CLIENT_ID,
      ...(realmKeys === undefined ? {} : { realmKeys }),
    });
    if (!response.ok) throw new Error(response.error.message);
    return response.result;
  }

  async function realmKeys(): Promise<RealmKeys> {
    const read = readRealmKeys(JSON.stringify(await admin.call("GET", `/${REALM}/keys`)));
    if (!read.ok) throw new Error(read.message);
    return read.keys;
  }

  it("finds the wildcards and RSA_SHA1 in the server's export, and the fix stored back clears every one Sentry allows fixing", async () => {
    const before = await checkStored();
    const ids = (result: ClientCheckResult) => actionableSecurityFindings(result.securityFindings).map((finding) => finding.id);
    expect(ids(before)).toEqual(expect.arrayContaining(["security.redirect-wildcard", "security.weak-signature-algorithm", "security.client-signature"]));
    expect(before.securityFindings.find((finding) => finding.id === "security.redirect-wildcard")).toMatchObject({ severity: "error", actual: [`${URL_PREFIX}/*`, "*"] });
    expect(before.findings.map((finding) => finding.id)).toContain("client.signature-algorithm");
    // The server linked role_list with Full scope allowed On: every role the user has would reach Sentry.
    expect(ids(before)).toContain("security.full-scope-roles");

    const fix = buildClientFix(before);
    if (!fix.ok) throw new Error(fix.message);
    await admin.call("PUT", `/${REALM}/clients/${uuid}`, { ...fix.fix.client, id: uuid });
    const stored = await admin.client(REALM, uuid);
    expect(stored.redirectUris).toEqual([ACS]);
    expect((stored.attributes as JsonRecord)["saml.signature.algorithm"]).toBe("RSA_SHA256");
    expect(stored.fullScopeAllowed).toBe(false);

    const after = await checkStored();
    expect(ids(after)).toEqual([]);
    expect(after.securityFindings.map((finding) => finding.id).sort()).toEqual(
      ["security.client-signature", "security.encryption", "security.idp-initiated", "security.one-time-use"].sort(),
    );
    expect(after.securityFindings.find((finding) => finding.id === "security.client-signature")?.accepted).toContain("compensated by exact Valid redirect URIs");
  });

  it("reads the realm's keys as the server lists them: its default key passes, an added 1024-bit key is flagged", async () => {
    const defaults = await realmKeys();
    expect(defaults.keys.some((key) => key.type === "RSA" && key.use === "SIG")).toBe(true);
    const clean = await checkStored(defaults);
    expect(clean.securityFindings.filter((finding) => finding.id.startsWith("security.realm-"))).toEqual([]);

    await addWeakRealmKey(admin, REALM);
    const weak = await checkStored(await realmKeys());
    expect(weak.securityFindings.filter((finding) => finding.id === "security.realm-key-size").map((finding) => finding.actual)).toEqual([
      expect.stringMatching(/: 1024 bits$/),
    ]);
  });
});
