/**
 * The overlay on the console of every Keycloak release line the project can start (besides the two tested in full by
 * overlay-real-console and wizard-real-console): each release's own server, its own console, a Sentry client with a
 * mistake on every tab the overlay covers. On Settings — where older consoles name their fields differently (26.0–26.2
 * select ids without `attributes.`, 26.0's `addValue` button, 24–25's PatternFly 4) — every badge, Fix all and the
 * user's Save, read back over the admin REST API; on Keys, Advanced, Client scopes and the dedicated scope, the badge.
 *
 * The servers are started by the global set-up (global-setup.ts), one after the other while the browser tests run.
 * `SAML_LENS_CONSOLE_RELEASES=26.2.5,25.0.6` runs others.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { checkClient } from "../../src/core/client-check/check-client.js";
import { readKeycloakExport } from "../../src/core/client-check/input.js";
import { until } from "../e2e/support/browsers.js";
import { badgeState, extensionErrors, fixField, waitForBadge } from "../e2e/support/overlay.js";
import type { JsonRecord } from "./admin.js";
import { openClientTab, useConsoleWithClient } from "./console.js";
import { REALM, sentryClient, sentryPreset } from "./realm.js";
import { keycloakReady, KEYCLOAK_READY_TIMEOUT_MS } from "./provided.js";

const SENTRY = "https://sentry.example.com";
const ORG = "releases";
const ACS = `${SENTRY}/saml/acs/${ORG}/`;
const EMAIL_OID = "urn:oid:1.2.840.113549.1.9.1";

/**
 * Settings: Force POST binding off, Name ID format "username" not forced (a select), RSA_SHA1 (a select shown only
 * while a signing switch is on), no Valid redirect URI (the list's add button). Keys: Client signature required.
 * Advanced: the logout URL without its trailing slash. Client scopes: role_list linked. Dedicated: e-mail under its OID.
 */
function brokenClient(): JsonRecord {
  const client = sentryClient(SENTRY, ORG);
  const mappers = (client.protocolMappers as JsonRecord[]).map((mapper) => {
    const config = mapper.config as JsonRecord;
    return config["attribute.name"] === "user_email" ? { ...mapper, name: "X500 email", config: { ...config, "attribute.name": EMAIL_OID } } : mapper;
  });
  return {
    ...client,
    redirectUris: [],
    protocolMappers: mappers,
    attributes: {
      ...(client.attributes as JsonRecord),
      "saml.force.post.binding": "false",
      saml_name_id_format: "username",
      saml_force_name_id_format: "false",
      "saml.signature.algorithm": "RSA_SHA1",
      "saml.client.signature": "true",
      saml_single_logout_service_url_redirect: `${SENTRY}/saml/sls/${ORG}`,
    },
  };
}

describe.each(inject("consoleReleaseServers"))("Keycloak $version: the overlay on its own console", (server) => {
  // Started by the global set-up while the browser tests ran, one release after the other (global-setup.ts).
  beforeAll(() => keycloakReady(server), KEYCLOAK_READY_TIMEOUT_MS);
  const console_ = useConsoleWithClient(server, () => brokenClient());
  const { admin } = console_;
  let page: Page;
  let errors: string[];
  let uuid: string;
  beforeAll(() => {
    ({ page, errors } = console_.session());
    uuid = console_.uuid();
  });

  const open = (tab: string) => openClientTab(page, server.url, uuid, tab);

  const stored = async () => (await admin.client(REALM, uuid)) as JsonRecord & { attributes: JsonRecord; redirectUris?: string[] };

  it("Settings: a badge on every field with a mistake; Fix all on this tab and the user's Save store them", async () => {
    await open("settings");
    const card = page.locator('[data-saml-lens="summary"]');
    await waitForBadge(page, "attributes.saml.force.post.binding", "warning", 20_000);
    expect((await card.innerText()).replace(/\s+/g, " ")).not.toContain("not recognised");
    expect(await badgeState(page, "clientId")).toBe("ok");
    await waitForBadge(page, "redirectUris", "error");
    // Sentry reads no NameID: a format other than email/persistent is only a suggestion, fixed on its own below.
    expect(await badgeState(page, "attributes.saml_name_id_format")).toBe("suggestion");
    expect(await badgeState(page, "attributes.saml.signature.algorithm")).toBe("warning");

    await card.locator('[data-action="fix-all"]').click();
    for (const field of ["redirectUris", "attributes.saml.force.post.binding", "attributes.saml.signature.algorithm"]) await waitForBadge(page, field, "ok");
    const nameIdFix = await fixField(page, "attributes.saml_name_id_format");
    for (const field of ["redirectUris", "attributes.saml_name_id_format", "attributes.saml.force.post.binding", "attributes.saml.signature.algorithm"]) {
      await waitForBadge(page, field, "ok").catch(async (error: unknown) => {
        await page.screenshot({ path: `/tmp/console-release-${server.version}.png`, fullPage: true });
        const said = await card.evaluate((host) => (host.shadowRoot ?? host).textContent ?? "");
        throw new Error(`${String(error)}; Fix of Name ID format said: ${nameIdFix}; the card says: ${said.replace(/\s+/g, " ")}`);
      });
    }
    await page.locator('[data-testid="settings-save"], button[type="submit"]:has-text("Save")').first().click();
    await until(async () => (await stored()).attributes["saml.force.post.binding"] === "true", "the saved settings", 20_000);
    const saved = await stored();
    expect(saved.redirectUris).toContain(ACS);
    expect(saved.attributes.saml_name_id_format).toBe("email");
    expect(saved.attributes.saml_force_name_id_format).toBe("true");
    expect(saved.attributes["saml.signature.algorithm"]).toBe("RSA_SHA256");
  });

  it("Keys, Advanced, Client scopes and the dedicated scope: each mistake's badge", async () => {
    await open("keys");
    await waitForBadge(page, "attributes.saml.client.signature", "error", 20_000);
    await open("advanced");
    await waitForBadge(page, "attributes.saml_single_logout_service_url_redirect", "warning", 20_000);
    await open("clientScopes");
    await waitForBadge(page, "scope:role_list", "error", 20_000);
    await open("clientScopes/dedicated");
    const mapperId = ((await stored()).protocolMappers as JsonRecord[]).find((mapper) => (mapper.config as JsonRecord)["attribute.name"] === EMAIL_OID)?.id;
    await waitForBadge(page, `mapper:${String(mapperId)}`, "error", 20_000);
  });

  it("read back over the admin REST API, Settings has no check-client finding left, and the extension logged no error", async () => {
    const input = readKeycloakExport(JSON.stringify(await admin.partialExport(REALM)), { clientId: `${SENTRY}/saml/metadata/${ORG}/` });
    if (!input.ok) throw new Error(input.error.message);
    const ids = checkClient(input.input, sentryPreset(SENTRY, ORG)).findings.map((finding) => finding.id);
    for (const settingsFinding of ["client.redirect-uris", "client.name-id-format", "client.force-post-binding", "client.signature-algorithm"]) {
      expect(ids).not.toContain(settingsFinding);
    }
    expect(extensionErrors(errors)).toEqual([]);
  });
});
