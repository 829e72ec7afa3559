/**
 * The overlay speaks the console's language (issue #23, "The overlay in a live console"): values as the console labels
 * them, settings by their labels, one true sentence per Fix, what the console loaded rather than what a client export
 * lacks, the console's dialogs in front, and the console's theme followed when it switches at run time.
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { BROKEN_CLIENT, badgeSelector, badgeState, fixField, openClient, overlaySettled, SENTRY_CLIENT, waitForBadge, useOverlayConsole } from "./support/overlay.js";

requireBrowser(CHROMIUM);

/** Opens a badge's popover and returns its text (the badge's shadow root is open). */
async function popoverText(page: Page, field: string): Promise<string> {
  const badge = page.locator(badgeSelector(field));
  await badge.locator("button.badge").focus();
  await page.keyboard.press("Enter");
  await until(async () => (await badge.locator("button.badge").getAttribute("aria-expanded")) === "true" || undefined, `the popover of ${field}`);
  return (await badge.locator(".popover").textContent()) ?? "";
}

const cardText = async (page: Page) => (await page.locator('[data-saml-lens="summary"]').evaluate((host) => host.shadowRoot?.textContent ?? "")) ?? "";

describe("overlay: the console's words", () => {
  const bench = useOverlayConsole({ locale: "en" });
  let harness: Harness;
  let page: Page;
  beforeEach(() => {
    ({ harness, page } = bench);
  });

  it("shows switch values as On/Off with the stored value beside them, and names settings by their labels", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    const signing = "attributes.saml.authnstatement";
    await waitForBadge(page, signing, "error");
    await popoverText(page, signing);
    const values = await page.locator(badgeSelector(signing)).locator("dd").allTextContents();
    expect(values).toEqual(["On stored as true", "Off stored as false"]);
    // An OK badge is read aloud by the setting's label, never by its representation key.
    await openClient(page, harness, SENTRY_CLIENT, "settings");
    const ok = page.locator(badgeSelector("attributes.saml.force.post.binding"));
    await waitForBadge(page, "attributes.saml.force.post.binding", "ok");
    expect(await ok.locator("button.badge").getAttribute("aria-label")).toBe("SAML Lens: Force POST binding is as Sentry expects");
  });

  it("a Keys switch's Fix makes way for the console's confirmation dialog and says one thing about saving", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "keys");
    const field = "attributes.saml.client.signature";
    await waitForBadge(page, field, "error");
    const said = await fixField(page, field);
    await page.locator('[role="dialog"][aria-modal="true"]').waitFor();
    // The dialog is what the user answers: the popover (top layer, above everything) has closed for it.
    expect(await page.locator(badgeSelector(field)).locator("button.badge").getAttribute("aria-expanded")).toBe("false");
    expect(await page.locator(badgeSelector(field)).locator(".popover").evaluate((popover) => popover.matches(":popover-open"))).toBe(false);
    expect(said).toBe("Confirm in the console's dialog: the console saves the client as soon as you do.");
    expect(said).not.toContain("press Save");
  });

  it("says what the console has loaded about role_list, not what a client export lacks, and knows once the Client scopes tab loaded", async () => {
    await openClient(page, harness, SENTRY_CLIENT, "settings");
    await overlaySettled(page);
    const before = await cardText(page);
    expect(before).not.toContain("client export");
    expect(before).toContain("SAML Lens has not seen this client's assigned client scopes yet");
    // The console loads the client's scopes on its Client scopes tab: from then on the overlay knows role_list is there.
    await page.evaluate((uuid) => (location.hash = `#/acme/clients/${uuid}/clientScopes/setup`), SENTRY_CLIENT);
    await waitForBadge(page, "scope:role_list", "error");
    await page.evaluate((uuid) => (location.hash = `#/acme/clients/${uuid}/settings`), SENTRY_CLIENT);
    await waitForBadge(page, "clientId", "ok");
    await overlaySettled(page);
    const after = await cardText(page);
    expect(after).not.toContain("has not seen this client's assigned client scopes");
    expect(after).toContain("role_list");
  });

  it("role_list's badge on Client scopes says its fix once and opens the row's own Remove instead of reloading the tab", async () => {
    await openClient(page, harness, SENTRY_CLIENT, "clientScopes/setup");
    await waitForBadge(page, "scope:role_list", "error");
    const text = await popoverText(page, "scope:role_list");
    expect(text.split("Remove role_list from the client").length - 1).toBe(1);
    const badge = page.locator(badgeSelector("scope:role_list"));
    const fix = badge.locator('[data-action="fix"]');
    expect(await fix.textContent()).toBe("Show Remove");
    const urlBefore = page.url();
    await fix.click();
    const status = await until(async () => (await badge.locator('[role="status"]').textContent())?.trim() || undefined, "what Show Remove did");
    expect(status).toContain("role_list's menu is open");
    const menuOpen = await page.evaluate(() => {
      const rows = Array.from(document.querySelectorAll("table tbody tr")).filter((row) => Array.from(row.querySelectorAll("td")).some((cell) => cell.textContent?.trim() === "role_list"));
      return rows.map((row) => row.querySelector(".pf-v5-c-table__action button")?.getAttribute("aria-expanded"));
    });
    expect(menuOpen).toEqual(["true"]);
    expect(page.url()).toBe(urlBefore);
  });

  it("the dedicated scope's Mappers page badges its own mappers, not role_list's", async () => {
    await openClient(page, harness, SENTRY_CLIENT, "clientScopes/setup");
    await waitForBadge(page, "scope:role_list", "error");
    await page.locator('table tbody a[href*="/clientScopes/dedicated"]').click();
    // The bench's Sentry client has all its own mappers; its one mapper mistake is the role_list scope's.
    await waitForBadge(page, "mapper:page", "ok");
    await overlaySettled(page);
    expect(await badgeState(page, "mapper:page")).toBe("ok");
    expect(await popoverText(page, "mapper:page")).not.toContain("role_list");
    // The card still says it: it is this client's mistake, made on another page.
    expect(await cardText(page)).toContain("role_list");
  });

  it("the Clients list marker counts role_list once the console has loaded the client's scopes", async () => {
    await page.goto(harness.consoleUrl("acme", "clients"));
    const marker = page.locator(`[data-saml-lens="list-marker"][data-client="${SENTRY_CLIENT}"]`);
    const count = async () => Number((await marker.getAttribute("data-errors")) ?? "0");
    const first = await until(async () => (await count()) || undefined, "the Sentry client's marker");
    await page.evaluate((uuid) => (location.hash = `#/acme/clients/${uuid}/clientScopes/setup`), SENTRY_CLIENT);
    await waitForBadge(page, "scope:role_list", "error");
    await page.evaluate(() => (location.hash = "#/acme/clients"));
    await until(async () => (await count()) === first + 1 || undefined, `the marker at ${first + 1} errors (role_list counted)`);
  });

  it("the card stays compact with many findings: a quarter of the window at most, every finding one click away", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    await waitForBadge(page, "clientId", "error");
    await overlaySettled(page);
    const { card, window, findings } = await page.evaluate(() => ({
      card: document.querySelector('[data-saml-lens="summary"]')?.getBoundingClientRect().height ?? 0,
      window: innerHeight,
      findings: document.querySelector('[data-saml-lens="summary"]')?.shadowRoot?.querySelectorAll("li").length ?? 0,
    }));
    expect(findings).toBeGreaterThanOrEqual(8);
    expect(card / window).toBeLessThanOrEqual(0.25);
    // The last finding scrolls into the card's list, and its link opens its badge.
    const last = page.locator('[data-saml-lens="summary"] ul[aria-label="Findings"] li button.where').last();
    await last.click();
    await until(async () => (await page.locator('[data-saml-lens="badge"] button.badge[aria-expanded="true"]').count()) === 1 || undefined, "the last finding's badge open");
  });

  it("follows the console's theme when it switches at run time", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    await waitForBadge(page, "clientId", "error");
    await overlaySettled(page);
    const themes = () =>
      page.evaluate(() => [document.querySelector<HTMLElement>('[data-saml-lens="summary"]')?.dataset.theme, document.querySelector<HTMLElement>('[data-saml-lens="badge"][data-field="clientId"]')?.dataset.theme]);
    expect(await themes()).toEqual(["light", "light"]);
    await page.evaluate(() => document.documentElement.classList.add("pf-v5-theme-dark"));
    await until(async () => (await themes()).every((theme) => theme === "dark") || undefined, "the overlay in the dark theme");
    await page.evaluate(() => document.documentElement.classList.remove("pf-v5-theme-dark"));
    await until(async () => (await themes()).every((theme) => theme === "light") || undefined, "the overlay back in the light theme");
  });
});
