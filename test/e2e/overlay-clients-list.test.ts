/**
 * The realm's Clients list on the real console (harness, Chromium): a marker on each SAML client that has errors for
 * its Sentry, none on a good one, none on a client whose Sentry is not known yet, and one once the user has chosen it.
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { BROKEN_CLIENT, openClient, PLAIN_CLIENT, REFERENCE_CLIENT, SENTRY_CLIENT, SHA1_CLIENT, summaryState, waitForBadge, useOverlayConsole } from "./support/overlay.js";

requireBrowser(CHROMIUM);

/** Marker per client uuid (error count), read from the rows the console rendered. */
async function markers(page: Page): Promise<Record<string, number>> {
  return page.locator('[data-saml-lens="list-marker"]').evaluateAll((hosts) =>
    Object.fromEntries(
      hosts
        .filter((host) => host.closest("tr")?.querySelector(`a[href$="/clients/${host.getAttribute("data-client")}/settings"]`) != null)
        .map((host) => [host.getAttribute("data-client"), Number(host.getAttribute("data-errors"))]),
    ),
  );
}

async function openList(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.consoleUrl("acme", "clients"));
  await until(async () => (await page.locator(`table tbody a[href$="/clients/${PLAIN_CLIENT}/settings"]`).count()) === 1, "the clients list");
}

describe("Clients list markers", () => {
  const bench = useOverlayConsole({ locale: "en" });
  let harness: Harness;
  let page: Page;
  beforeEach(() => {
    ({ harness, page } = bench);
  });

  it("marks the SAML clients with errors, in their own rows; not the good one, not one with warnings only, not one with no known Sentry", async () => {
    await openList(page, harness);
    // The markers of one pass over the list are drawn together (clients-list.ts renders once every client is checked):
    // the first ones shown are the whole answer.
    const found = await until(async () => {
      const shown = await markers(page);
      return Object.keys(shown).length > 0 ? shown : undefined;
    }, "the list's markers");
    expect(Object.keys(found).sort()).toEqual([BROKEN_CLIENT, SENTRY_CLIENT].sort());
    expect(found[BROKEN_CLIENT]).toBeGreaterThanOrEqual(4);
    expect(found[REFERENCE_CLIENT]).toBeUndefined();
    expect(found[SHA1_CLIENT]).toBeUndefined();
    expect(found[PLAIN_CLIENT]).toBeUndefined();

    const marker = page.locator(`[data-saml-lens="list-marker"][data-client="${BROKEN_CLIENT}"] button`);
    expect(await marker.getAttribute("aria-label")).toContain(`${found[BROKEN_CLIENT]} errors for Sentry`);
    // A keyboard user reaches it and opens the client with it.
    await marker.focus();
    await page.keyboard.press("Enter");
    await until(async () => page.url().endsWith(`/clients/${BROKEN_CLIENT}/settings`), "the client's page");
    await waitForBadge(page, "clientId", "error");
    expect(await page.locator('[data-saml-lens="list-marker"]').count()).toBe(0);
    expect(harness.log().filter((entry) => entry.method !== "GET")).toEqual([]);
  });

  it("marks a client once the user has chosen its Sentry on its page, and a client once it is saved with an error", async () => {
    await openClient(page, harness, PLAIN_CLIENT, "settings");
    await until(async () => (await summaryState(page)) === "choose-preset", "the preset form");
    const form = page.locator('[data-saml-lens="summary"] form');
    await form.locator('input[name="urlPrefix"]').fill("https://sentry.acme.test");
    await form.locator('input[name="orgSlug"]').fill("acme-ok");
    await form.locator('button[type="submit"]').click();
    await waitForBadge(page, "clientId", "error");
    await page.locator('a[href="#/acme/clients"]').first().click();
    await until(async () => (await markers(page))[PLAIN_CLIENT] !== undefined, "the marker on the client with a chosen Sentry");

    // The good client, made wrong through the console itself and saved: its marker appears when the list loads again.
    await openClient(page, harness, REFERENCE_CLIENT, "settings");
    await waitForBadge(page, "attributes.saml.authnstatement", "ok");
    await page.locator('label.pf-v5-c-switch[for="attributes.saml\u{1F37A}authnstatement"]').click();
    await waitForBadge(page, "attributes.saml.authnstatement", "error");
    await page.locator('[data-testid="settings-save"]').click();
    await until(async () => harness.log().some((entry) => entry.method === "PUT"), "the Save");
    await page.locator('a[href="#/acme/clients"]').first().click();
    await until(async () => (await markers(page))[REFERENCE_CLIENT] !== undefined, "the marker on the client saved with an error");
  });
});
