/**
 * The client's dedicated scope › Mappers page on the real console (harness, Chromium): badges on the mapper rows and
 * for the list as a whole, and mapper fixes through the mapper's own form (the existing one's, or the one Add mapper ›
 * By configuration opens), filled in by SAML Lens and saved by the user.
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import type { JsonObject } from "../harness/backend/realm-store.js";
import { type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { badgeSelector, SENTRY_CLIENT, waitForBadge, useOverlayConsole, overlaySettled } from "./support/overlay.js";

requireBrowser(CHROMIUM);
const X500_EMAIL = "af53b214-c7fc-4ad1-97b6-04d3b1c29fba";
const USERNAME = "b064c325-d80d-4be2-a8e4-15e4c2d30acb";
const MAPPERS = `/admin/realms/acme/clients/${SENTRY_CLIENT}/protocol-mappers/models`;

/** The Sentry client without its `username` mapper, so Sentry's IdP identifier (user_id) is not sent. */
function withoutIdentifierMapper(realm: JsonObject): JsonObject {
  if (realm.realm !== "acme" || !Array.isArray(realm.clients)) return realm;
  const clients = realm.clients.map((client) => {
    if (typeof client !== "object" || client === null || Array.isArray(client) || client.id !== SENTRY_CLIENT) return client;
    const mappers = Array.isArray(client.protocolMappers) ? client.protocolMappers : [];
    return { ...client, protocolMappers: mappers.filter((mapper) => (mapper as JsonObject | null)?.id !== USERNAME) };
  });
  return { ...realm, clients };
}

async function openDedicated(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.consoleUrl("acme", `clients/${SENTRY_CLIENT}/clientScopes/dedicated`));
  await until(async () => (await page.locator('[data-saml-lens="summary"]').count()) === 1, "the summary card");
}

const writes = (harness: Harness) => harness.log().filter((entry) => entry.method !== "GET");

describe("dedicated scope › Mappers", () => {
  const bench = useOverlayConsole({ locale: "en", realmTransform: withoutIdentifierMapper });
  let harness: Harness;
  let page: Page;
  beforeEach(() => {
    ({ harness, page } = bench);
  });

  it("badges the misnamed e-mail mapper in its own row; Fix opens its form with the right name filled in; the user's Save sends it", async () => {
    await openDedicated(page, harness);
    await waitForBadge(page, `mapper:${X500_EMAIL}`, "error");
    const badge = page.locator(badgeSelector(`mapper:${X500_EMAIL}`));
    expect(await badge.evaluate((host, id) => host.closest("tr")?.querySelector(`a[href*="/mappers/${id}/edit"]`) != null, X500_EMAIL)).toBe(true);
    await badge.locator("button.badge").click();
    expect(await badge.locator(".popover").textContent()).toContain("user_email");
    await badge.locator('[data-action="fix"]').click();

    await until(async () => page.url().endsWith(`/dedicated/mappers/${X500_EMAIL}/edit`), "the mapper's form");
    const attributeName = page.locator('[id="config.attribute\u{1F37A}name"]');
    await until(async () => (await attributeName.inputValue()) === "user_email", "SAML Attribute Name filled in");
    await until(async () => (await page.locator('[data-saml-lens="summary"] [data-notice]').textContent())?.includes("press Save"), "the card's notice");
    // Filled in, not saved: the user reviews and saves.
    await overlaySettled(page);
    expect(await attributeName.inputValue()).toBe("user_email");
    expect(writes(harness)).toEqual([]);
    await page.locator('[data-testid="save"]').click();
    const put = await until(async () => writes(harness).find((entry) => entry.method === "PUT" && entry.path === `${MAPPERS}/${X500_EMAIL}`), "the mapper's PUT");
    expect((put.body as { config: Record<string, string> }).config).toMatchObject({ "attribute.name": "user_email", "user.attribute": "email" });
    // Still on the mapper's page: its card follows what the Save stored, with no navigation.
    expect(page.url()).toContain(`/dedicated/mappers/${X500_EMAIL}`);
    await until(async () => (await page.locator('[data-saml-lens="summary"] li[data-finding="mapper.email"]').count()) === 0, "the card without the e-mail mapper's finding after Save");
  });

  it("badges the list for the missing identifier mapper; Fix opens By configuration's User Property form filled in; the user's Save creates it", async () => {
    // As a user gets there: Client scopes (the console fetches the client's scopes, so every mapper is known), then
    // the dedicated scope's row.
    await page.goto(harness.consoleUrl("acme", `clients/${SENTRY_CLIENT}/clientScopes/setup`));
    await waitForBadge(page, "scope:dedicated", "error");
    await page.locator('table tbody a[href*="/clientScopes/dedicated"]').click();
    await waitForBadge(page, "mapper:page", "error");
    expect(await page.locator('[data-saml-lens="summary"] li[data-finding="mapper.identifier"]').count()).toBe(1);
    const badge = page.locator(badgeSelector("mapper:page"));
    // Next to the console's Add mapper menu, once the console has drawn it (until then the badge waits by the title).
    await expect.poll(() => badge.evaluate((host) => host.parentElement?.querySelector('[id="mapperAction"]') != null), { timeout: 5000 }).toBe(true);
    await badge.locator("button.badge").click();
    const fix = badge.locator('[data-action="fix"]');
    expect(await fix.textContent()).toBe("Add the mapper");
    await fix.click();

    await until(async () => page.url().endsWith("/dedicated/mappers/saml-user-property-mapper/new"), "the new mapper form");
    const field = (key: string) => page.locator(`[id="${key}"]`);
    await until(async () => (await field("config.attribute\u{1F37A}name").inputValue()) === "user_id", "SAML Attribute Name filled in");
    expect(await field("name").inputValue()).toBe("user_id");
    expect(await field("config.user\u{1F37A}attribute").inputValue()).toBe("id");
    expect(writes(harness)).toEqual([]);
    await page.locator('[data-testid="save"]').click();
    const post = await until(async () => writes(harness).find((entry) => entry.method === "POST" && entry.path === MAPPERS), "the new mapper's POST");
    expect(post.body).toMatchObject({ name: "user_id", protocolMapper: "saml-user-property-mapper", config: { "attribute.name": "user_id", "user.attribute": "id", "attribute.nameformat": "Basic" } });
    // Back on the list, the console's own reload of the client settles the list's badge.
    await until(async () => /\/clientScopes\/dedicated(\/mappers)?$/.test(page.url()), "back on the Mappers list", 10_000);
    const identifierFindings = () => page.locator('[data-saml-lens="summary"] li[data-finding="mapper.identifier"]').count();
    await until(async () => (await identifierFindings()) === 0, "the card without the missing-mapper error");
  });

  it("a later visit to a mapper form is the user's own: nothing is filled in", async () => {
    await page.goto(harness.consoleUrl("acme", `clients/${SENTRY_CLIENT}/clientScopes/dedicated/mappers/${X500_EMAIL}/edit`));
    const attributeName = page.locator('[id="config.attribute\u{1F37A}name"]');
    await until(async () => (await attributeName.inputValue()) !== "", "the mapper form");
    await overlaySettled(page);
    expect(await attributeName.inputValue()).toBe("urn:oid:1.2.840.113549.1.9.1");
  });
});
