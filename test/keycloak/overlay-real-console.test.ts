/**
 * The overlay on the admin console the real Keycloak server serves: a Sentry client with one mistake on each tab the
 * overlay covers gets its badges (Settings, Keys, Advanced, Client scopes, the dedicated scope's mappers); Fix writes
 * through the console's own form and the user's Save stores it; the client read back over the admin REST API then
 * has no check-client error on what was fixed.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { checkClient } from "../../src/core/client-check/check-client.js";
import { readKeycloakExport } from "../../src/core/client-check/input.js";
import { badgeState, extensionErrors, fixField, waitForBadge } from "../e2e/support/overlay.js";
import { until } from "../e2e/support/browsers.js";
import type { JsonRecord } from "./admin.js";
import { REALM, sentryClient, sentryPreset } from "./realm.js";
import { openClientTab, useConsoleWithClient } from "./console.js";
import { keycloakReady, KEYCLOAK_READY_TIMEOUT_MS } from "./provided.js";

const SENTRY = "https://sentry.example.com";
const ORG = "overlay-org";

/**
 * The product's client with a mistake on every tab the overlay covers: Settings (Force POST binding off), Keys (Client
 * signature required), Advanced (logout URL without its trailing slash), Client scopes (role_list left linked) and the
 * dedicated scope (the e-mail mapper under the X500 OID name).
 */
function brokenClient(): JsonRecord {
  const client = sentryClient(SENTRY, ORG);
  const mappers = (Array.isArray(client.protocolMappers) ? (client.protocolMappers as JsonRecord[]) : []).map((mapper) => {
    const config = mapper.config as JsonRecord;
    return config["attribute.name"] === "user_email" ? { ...mapper, name: "X500 email", config: { ...config, "attribute.name": EMAIL_OID } } : mapper;
  });
  return {
    ...client,
    protocolMappers: mappers,
    attributes: {
      ...(client.attributes as JsonRecord),
      "saml.force.post.binding": "false",
      "saml.client.signature": "true",
      saml_single_logout_service_url_redirect: `${SENTRY}/saml/sls/${ORG}`,
    },
  };
}

const EMAIL_OID = "urn:oid:1.2.840.113549.1.9.1";

describe.each(inject("keycloakServers"))("Keycloak $version: the overlay on the console the server serves", (server) => {
  // The server starts while the browser tests run (global-setup.ts).
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

  it("Settings: the card and the Force POST binding badge; Fix and the user's Save store it", async () => {
    await open("settings");
    const summary = (await page.locator('[data-saml-lens="summary"]').innerText()).replace(/\s+/g, " ");
    expect(summary).not.toContain("not recognised");
    await waitForBadge(page, "attributes.saml.force.post.binding", "warning", 20_000);
    expect(await badgeState(page, "clientId")).toBe("ok");
    await fixField(page, "attributes.saml.force.post.binding");
    await waitForBadge(page, "attributes.saml.force.post.binding", "ok");
    await page.locator('[data-testid="settings-save"], button[type="submit"]:has-text("Save")').first().click();
    await until(async () => (await admin.client(REALM, uuid)).attributes !== undefined && ((await admin.client(REALM, uuid)).attributes as JsonRecord)["saml.force.post.binding"] === "true", "the saved switch", 20_000);
  });

  it("Keys: Client signature required gets its error badge; Fix goes through the console's dialog", async () => {
    await open("keys");
    await waitForBadge(page, "attributes.saml.client.signature", "error", 20_000);
    await fixField(page, "attributes.saml.client.signature");
    // The user's click in the console's own dialog, not ours.
    await page.locator('[role="dialog"] [data-testid="confirm"]').click();
    await until(async () => ((await admin.client(REALM, uuid)).attributes as JsonRecord)["saml.client.signature"] === "false", "the saved switch", 20_000);
  });

  it("Advanced: the logout URL's badge; Fix all on this tab and the user's Save store it", async () => {
    await open("advanced");
    const field = "attributes.saml_single_logout_service_url_redirect";
    await waitForBadge(page, field, "warning", 20_000);
    await page.locator('[data-saml-lens="summary"] [data-action="fix-all"]').click();
    await waitForBadge(page, field, "ok");
    await page.locator('[data-testid="fineGrainSave"]').click();
    await until(async () => ((await admin.client(REALM, uuid)).attributes as JsonRecord).saml_single_logout_service_url_redirect === `${SENTRY}/saml/sls/${ORG}/`, "the saved URL", 20_000);
  });

  it("Client scopes: role_list and the dedicated scope are badged; the badge opens the row's menu and the user removes role_list", async () => {
    // "clientScopes" is the tab on every release (24 has no "clientScopes/setup" route).
    await open("clientScopes");
    await waitForBadge(page, "scope:role_list", "error", 20_000).catch(async (error: unknown) => {
      const card = await page.locator('[data-saml-lens="summary"]').evaluate((host) => (host.shadowRoot ?? host).textContent ?? "");
      throw new Error(`${String(error)}; the card says: ${card.replace(/\s+/g, " ")}`);
    });
    await waitForBadge(page, "scope:dedicated", "error");
    // The badge's Show Remove opens the row's own ⋮ menu; the user clicks Remove and confirms.
    const badge = page.locator('[data-saml-lens="badge"][data-field="scope:role_list"]');
    await badge.locator("button.badge").click();
    await badge.locator('[data-action="fix"]').click();
    await page.getByRole("menuitem", { name: "Remove" }).click();
    await page.locator('[role="dialog"] [data-testid="confirm"]').click();
    await until(async () => !(await admin.defaultClientScopes(REALM, uuid)).some((scope) => scope.name === "role_list"), "role_list removed", 20_000);
  });

  it("dedicated scope: the misnamed e-mail mapper's badge; Fix opens its form filled in; the user's Save stores it", async () => {
    await open("clientScopes/dedicated");
    const mapperId = (((await admin.client(REALM, uuid)).protocolMappers as JsonRecord[]).find((mapper) => (mapper.config as JsonRecord)["attribute.name"] === EMAIL_OID)?.id ?? "") as string;
    await waitForBadge(page, `mapper:${mapperId}`, "error", 20_000);
    const badge = page.locator(`[data-saml-lens="badge"][data-field="mapper:${mapperId}"]`);
    await badge.locator("button.badge").click();
    await badge.locator('[data-action="fix"]').click();
    const attributeName = page.locator('[id="config.attribute\u{1F37A}name"], [name="config.attribute\u{1F37A}name"]').first();
    await until(async () => (await attributeName.inputValue().catch(() => "")) === "user_email", "SAML Attribute Name filled in", 20_000);
    await page.locator('form [data-testid="save"], form button[type="submit"]').first().click();
    await until(
      async () => ((await admin.client(REALM, uuid)).protocolMappers as JsonRecord[]).some((mapper) => (mapper.config as JsonRecord)["attribute.name"] === "user_email"),
      "the saved mapper",
      20_000,
    );
    // Still on the mapper's page: its card follows what the Save stored, with no navigation.
    await until(async () => (await page.locator('[data-saml-lens="summary"] li[data-finding="mapper.email"]').count()) === 0, "the card without the e-mail mapper's finding after Save", 20_000);
  });

  it("read back over the admin REST API, the client has no check-client error left", async () => {
    const exported = await admin.partialExport(REALM);
    const input = readKeycloakExport(JSON.stringify(exported), { clientId: `${SENTRY}/saml/metadata/${ORG}/` });
    if (!input.ok) throw new Error(input.error.message);
    const findings = checkClient(input.input, sentryPreset(SENTRY, ORG)).findings;
    expect(findings.filter((finding) => finding.severity === "error").map((finding) => finding.id)).toEqual([]);
    expect(findings.map((finding) => finding.id)).not.toContain("client.force-post-binding");
    expect(findings.map((finding) => finding.id)).not.toContain("client.logout-redirect-url");
    expect(extensionErrors(errors)).toEqual([]);
  });
});
