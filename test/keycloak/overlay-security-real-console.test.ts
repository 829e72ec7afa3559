/**
 * The overlay's security findings on the console the real Keycloak server serves: a Sentry client stored with Valid
 * redirect URIs "*" shows the wildcard in the card's Security group and on its own Security badge, the Sentry verdict
 * untouched; the badge's Fix writes exactly Sentry's ACS URL through the console's form, and the user's Save stores
 * it. The realm's signing certificates come from the server's own IdP descriptor: a 1024-bit key added to the realm
 * is flagged in the overlay as the CLI flags it with --realm-keys.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { badgeSelector, badgeState, extensionErrors, waitForBadge } from "../e2e/support/overlay.js";
import { until } from "../e2e/support/browsers.js";
import { REALM, sentryClient } from "./realm.js";
import { addWeakRealmKey, openClientTab, useConsoleWithClient } from "./console.js";
import { keycloakReady, KEYCLOAK_READY_TIMEOUT_MS } from "./provided.js";

const SENTRY = "https://sentry.example.com";
const ORG = "security-org";
const ACS = `${SENTRY}/saml/acs/${ORG}/`;
const REDIRECT = "security:redirectUris";

describe.each(inject("keycloakServers"))("Keycloak $version: security findings in the console's overlay", (server) => {
  // The server starts while the browser tests run (global-setup.ts).
  beforeAll(() => keycloakReady(server), KEYCLOAK_READY_TIMEOUT_MS);
  const console_ = useConsoleWithClient(server, () => ({ ...sentryClient(SENTRY, ORG), redirectUris: ["*", `${SENTRY}/*`] }));
  const { admin } = console_;
  let page: Page;
  let errors: string[];
  let uuid: string;
  beforeAll(() => {
    ({ page, errors } = console_.session());
    uuid = console_.uuid();
  });

  const group = () => page.locator('[data-saml-lens="summary"] details[aria-label="Security"]');

  it("the stored wildcard shows in the Security group and on its badge; Fix and the user's Save store exactly Sentry's ACS URL", async () => {
    await openClientTab(page, server.url, uuid, "settings");
    await waitForBadge(page, REDIRECT, "error", 20_000);
    expect(await badgeState(page, "redirectUris")).toBe("ok");
    expect(await group().locator('li[data-finding="security.redirect-wildcard"]').count()).toBe(1);
    expect(await group().locator('li[data-finding="security.client-signature"]').getAttribute("data-accepted")).toBe("false");
    expect(await page.locator('[data-saml-lens="summary"] ul[aria-label="Findings"] li[data-finding^="security."]').count()).toBe(0);

    const badge = page.locator(badgeSelector(REDIRECT));
    await badge.locator("button.badge").click();
    await badge.locator('[data-action="fix"]').click();
    await until(async () => (await page.locator(badgeSelector(REDIRECT)).count()) === 0, "the security badge gone", 20_000);
    await page.locator('[data-testid="settings-save"], button[type="submit"]:has-text("Save")').first().click();
    await until(async () => JSON.stringify((await admin.client(REALM, uuid)).redirectUris) === JSON.stringify([ACS]), "the saved redirect URIs", 20_000);
    await until(async () => (await group().locator('li[data-finding="security.client-signature"]').getAttribute("data-accepted")) === "true", "Client signature required Off accepted", 20_000);
    expect(await group().locator('li[data-finding="security.redirect-wildcard"]').count()).toBe(0);
  });

  it("a 1024-bit realm key, read from the server's IdP descriptor, is flagged in the overlay", async () => {
    await addWeakRealmKey(admin);
    // A fresh page load reads the descriptor again (once per realm and page load).
    await page.goto("about:blank");
    await openClientTab(page, server.url, uuid, "settings");
    const item = group().locator('li[data-finding="security.realm-key-size"]');
    await until(async () => (await item.count()) === 1, "the realm key finding", 20_000);
    expect(await item.textContent()).toContain("1024 bits");
    expect(extensionErrors(errors)).toEqual([]);
  });
});
