/**
 * The overlay on the real admin console (harness, English UI, Debian Chromium): a badge on each checked field, the
 * summary card, fixes written through the console's own form, and the user's Save sending the corrected client.
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { BROKEN_CLIENT, badgeState, clientPuts, fixField, openClient, PLAIN_CLIENT, SENTRY_CLIENT, SHA1_CLIENT, summaryState, waitForBadge, useOverlayConsole } from "./support/overlay.js";

requireBrowser(CHROMIUM);

/** The broken client's Settings fields and what the checker says about each (finding id → badge). */
const SETTINGS_FINDINGS = [
  { id: "client.client-id", field: "clientId", state: "error" },
  { id: "client.redirect-uris", field: "redirectUris", state: "error" },
  { id: "client.signing", field: "attributes.saml.server.signature", state: "error" },
  { id: "client.authn-statement", field: "attributes.saml.authnstatement", state: "error" },
  { id: "client.force-post-binding", field: "attributes.saml.force.post.binding", state: "warning" },
  { id: "client.front-channel-logout", field: "frontchannelLogout", state: "warning" },
  { id: "client.name-id-format", field: "attributes.saml_name_id_format", state: "suggestion" },
] as const;

async function save(page: Page, harness: Harness, uuid: string, button: string): Promise<Record<string, unknown>> {
  const before = clientPuts(harness, uuid).length;
  await page.locator(`[data-testid="${button}"]`).click();
  return until(async () => clientPuts(harness, uuid)[before], `the PUT of ${button}`);
}

const attributes = (body: Record<string, unknown>) => body.attributes as Record<string, unknown>;

describe("overlay on the real console (en)", () => {
  const bench = useOverlayConsole({ locale: "en" });
  let harness: Harness;
  let page: Page;
  beforeEach(() => {
    ({ harness, page } = bench);
  });

  it("badges every checked Settings field; Fix per field and the user's Save send the corrected client, keeping the user's own edit", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    for (const { field, state } of SETTINGS_FINDINGS) await waitForBadge(page, field, state);
    expect(await summaryState(page)).toBe("error");
    const findings = await page.locator('[data-saml-lens="summary"] li').evaluateAll((items) => items.map((item) => item.getAttribute("data-finding")));
    for (const { id } of SETTINGS_FINDINGS) expect(findings).toContain(id);

    // The user's own unsaved edit in another field must survive every fix.
    await page.locator('[id="attributes.saml_idp_initiated_sso_url_name"]').fill("my-own-edit");
    for (const { field } of SETTINGS_FINDINGS) {
      await fixField(page, field);
      await waitForBadge(page, field, "ok");
    }
    await waitForBadge(page, "attributes.saml.signature.algorithm", "ok");
    expect(clientPuts(harness, BROKEN_CLIENT)).toEqual([]);
    expect(await page.locator('[id="attributes.saml_idp_initiated_sso_url_name"]').inputValue()).toBe("my-own-edit");

    const body = await save(page, harness, BROKEN_CLIENT, "settings-save");
    expect(body.clientId).toBe("https://sentry.acme.test/saml/metadata/acme-broken/");
    expect(body.redirectUris).toContain("https://sentry.acme.test/saml/acs/acme-broken/");
    expect(body.frontchannelLogout).toBe(true);
    expect(attributes(body)).toMatchObject({
      "saml.server.signature": "true",
      "saml.authnstatement": "true",
      "saml.force.post.binding": "true",
      saml_name_id_format: "email",
      saml_force_name_id_format: "true",
      saml_idp_initiated_sso_url_name: "my-own-edit",
    });
    for (const { field } of SETTINGS_FINDINGS) expect(await badgeState(page, field)).toBe("ok");
    await until(async () => {
      const left = await page.locator('[data-saml-lens="summary"] li').evaluateAll((items) => items.map((item) => item.getAttribute("data-finding")));
      return SETTINGS_FINDINGS.every(({ id }) => !left.includes(id));
    }, "the summary without the Settings findings after Save");
  });

  it("a badge follows the user's typing and switch flips before any Save", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "advanced");
    const acs = "attributes.saml_assertion_consumer_url_post";
    await waitForBadge(page, acs, "warning");
    await page.locator(`[id="${acs}"]`).fill("https://sentry.acme.test/saml/acs/acme-broken/");
    await waitForBadge(page, acs, "ok");
    await page.locator(`[id="${acs}"]`).fill("https://sentry.acme.test/saml/acs/typo/");
    await waitForBadge(page, acs, "warning");

    await openClient(page, harness, BROKEN_CLIENT, "settings");
    const forcePost = "attributes.saml.force.post.binding";
    await waitForBadge(page, forcePost, "warning");
    await page.locator(`label.pf-v5-c-switch[for="attributes.saml\u{1F37A}force\u{1F37A}post\u{1F37A}binding"]`).click();
    await waitForBadge(page, forcePost, "ok");
    expect(clientPuts(harness, BROKEN_CLIENT)).toEqual([]);
  });

  it("Advanced: Fix all on this tab fills both endpoint URLs; the card's Save sends them", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "advanced");
    await waitForBadge(page, "attributes.saml_single_logout_service_url_redirect", "warning");
    await page.locator('[data-saml-lens="summary"] [data-action="fix-all"]').click();
    await waitForBadge(page, "attributes.saml_assertion_consumer_url_post", "ok");
    await waitForBadge(page, "attributes.saml_single_logout_service_url_redirect", "ok");
    const body = await save(page, harness, BROKEN_CLIENT, "fineGrainSave");
    expect(attributes(body)).toMatchObject({
      saml_assertion_consumer_url_post: "https://sentry.acme.test/saml/acs/acme-broken/",
      saml_single_logout_service_url_redirect: "https://sentry.acme.test/saml/sls/acme-broken/",
    });
  });

  it("Keys: Fix flips the switch, the user confirms the console's dialog, the client is saved at once", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "keys");
    for (const [field, key] of [
      ["attributes.saml.client.signature", "saml.client.signature"],
      ["attributes.saml.encrypt", "saml.encrypt"],
    ] as const) {
      await waitForBadge(page, field, "error");
      const before = clientPuts(harness, BROKEN_CLIENT).length;
      await fixField(page, field);
      expect(await page.locator(`[data-saml-lens="badge"][data-field="${field}"] .note`).allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("asks you to confirm")]),
      );
      // The user's click in the console's own dialog, not ours.
      await page.locator('[role="dialog"] [data-testid="confirm"]').click();
      const body = await until(async () => clientPuts(harness, BROKEN_CLIENT)[before], `the PUT after ${key}`);
      expect(attributes(body)[key]).toBe("false");
      await waitForBadge(page, field, "ok");
    }
  });

  it("Signature algorithm: the select is fixed by clicking the right option", async () => {
    await openClient(page, harness, SHA1_CLIENT, "settings");
    const field = "attributes.saml.signature.algorithm";
    await waitForBadge(page, field, "warning");
    await fixField(page, field);
    await waitForBadge(page, field, "ok");
    const body = await save(page, harness, SHA1_CLIENT, "settings-save");
    expect(attributes(body)["saml.signature.algorithm"]).toBe("RSA_SHA256");
  });

  it("mapper problems: the Client scopes rows are badged (role_list in its name cell) and Fix opens the mapper's page", async () => {
    await openClient(page, harness, SENTRY_CLIENT, "clientScopes/setup");
    await waitForBadge(page, "scope:dedicated", "error");
    // role_list repeats the Role attribute: its row's name cell, not the selection checkbox before it, holds the badge.
    await waitForBadge(page, "scope:role_list", "error");
    const roleListCell = page.locator('[data-saml-lens="badge"][data-field="scope:role_list"]').locator("xpath=..");
    expect((await roleListCell.textContent())?.trim()).toContain("role_list");
    const badge = page.locator('[data-saml-lens="badge"][data-field="scope:dedicated"]');
    await badge.locator("button.badge").click();
    expect(await badge.locator(".popover").textContent()).toContain("X500 email");
    await badge.locator('[data-action="fix"]').click();
    await until(async () => /\/clientScopes\/dedicated\/mappers\/af53b214-c7fc-4ad1-97b6-04d3b1c29fba\/edit$/.test(page.url()), "the mapper page");
    // The console shows the mapper's form there (its own route needs the /edit view mode).
    await until(async () => (await page.locator('[id="config.attribute🍺name"], [name="config.attribute🍺name"]').count()) > 0, "the mapper form");
  });

  it("asks once which Sentry a client with a plain Client ID is for, and remembers it", async () => {
    await openClient(page, harness, PLAIN_CLIENT, "settings");
    await until(async () => (await summaryState(page)) === "choose-preset", "the preset form");
    const form = page.locator('[data-saml-lens="summary"] form');
    await form.locator('input[name="urlPrefix"]').fill("https://sentry.acme.test");
    await form.locator('input[name="orgSlug"]').fill("acme-ok");
    await form.locator('button[type="submit"]').click();
    await waitForBadge(page, "clientId", "error");
    await page.reload();
    await waitForBadge(page, "clientId", "error");
    expect(await summaryState(page)).not.toBe("choose-preset");
  });

  it("leaves the clients list and other pages alone, and removes itself when the user leaves a client", async () => {
    await page.goto(harness.consoleUrl("acme", "clients"));
    await until(async () => (await page.locator('[data-saml-lens="chip"]').count()) === 1, "the chip");
    // The overlay has done its work on this page once the broken clients' list markers are drawn.
    await until(async () => (await page.locator('[data-saml-lens="list-marker"]').count()) > 0, "the list's markers");
    expect(await page.locator('[data-saml-lens="summary"], [data-saml-lens="badge"]').count()).toBe(0);

    await openClient(page, harness, SENTRY_CLIENT, "settings");
    await waitForBadge(page, "clientId", "ok");
    await page.locator('a[href="#/acme/clients"]').first().click();
    await until(async () => (await page.locator('[data-saml-lens="summary"], [data-saml-lens="badge"]').count()) === 0, "the overlay gone");
    expect(harness.log().filter((entry) => entry.method !== "GET")).toEqual([]);
  });
});
