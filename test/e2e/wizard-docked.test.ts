/**
 * The wizard's card is docked at the console's right edge: while it is open on a wide window, the console makes room
 * for it (its form, the overlay's own card and its toasts stay uncovered); folded, the console has its whole width
 * back. Real console (harness, English UI), Debian Chromium at 1280 × 900.
 */
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM, requireBrowser, until } from "./support/browsers.js";
import { BROKEN_CLIENT, clientPuts, overlaySettled, useOverlayConsole } from "./support/overlay.js";
import { putWizardProgress, wizardPanel } from "./support/wizard.js";

requireBrowser(CHROMIUM);

/** Whether the wizard's card (or the window's edge) hides the element at its centre, or near its right end. */
function coveredByWizard(locator: Locator, at: "centre" | "right end" = "centre"): Promise<boolean> {
  return locator.evaluate((element, at) => {
    element.scrollIntoView({ block: "center" });
    const box = element.getBoundingClientRect();
    const x = at === "centre" ? box.left + box.width / 2 : box.right - 4;
    const y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return true;
    const hit = document.elementFromPoint(x, y);
    return hit === null || hit.closest('[data-saml-lens="wizard"]') !== null;
  }, at);
}

describe("the wizard's docked card in the real console", () => {
  const ui = useOverlayConsole();

  it("leaves the form, the overlay's card and the console's toasts uncovered while open; folded, the console gets its width back", async () => {
    const { page, harness, browser } = ui;
    await page.goto(harness.consoleUrl("acme", "realm-settings"));
    await page.locator('[data-saml-lens="chip"]').waitFor({ state: "attached" });
    await putWizardProgress(browser.context, page, harness.url, "acme", { step: "checks", kind: "sentry-self-hosted", urlPrefix: "https://sentry.acme.test", orgSlug: "acme-broken", clientUuid: BROKEN_CLIENT, checkTab: "settings" });
    await page.goto(harness.consoleUrl("acme", `clients/${BROKEN_CLIENT}/settings`));
    await page.reload();
    const wizard = wizardPanel(page);
    await until(async () => (await wizard.step()) === "checks", "the wizard at step 3");
    await overlaySettled(page);

    const clientId = page.locator("input#clientId");
    expect(await coveredByWizard(clientId, "right end")).toBe(false);
    expect(await coveredByWizard(page.locator('[data-saml-lens="summary"] .toggle'))).toBe(false);
    const save = page.locator('[data-testid="settings-save"]');
    expect(await coveredByWizard(save)).toBe(false);

    // The console's toast after the user's Save: its close button is not under the card.
    await save.click();
    await until(async () => clientPuts(harness, BROKEN_CLIENT).length === 1, "the user's Save");
    const toastClose = page.locator('[class*="c-alert-group"][class*="m-toast"] button[aria-label^="Close"]').first();
    await toastClose.waitFor({ state: "visible" });
    expect(await coveredByWizard(toastClose)).toBe(false);

    // Folded to its title, the card no longer claims the edge: the form runs under where the card was.
    await wizard.action("toggle").click();
    await until(async () => (await wizard.panel.getAttribute("data-collapsed")) !== null, "the card folded");
    const width = page.viewportSize()?.width ?? 0;
    await expect.poll(async () => (await clientId.boundingBox())?.x !== undefined && ((await clientId.boundingBox())?.x ?? 0) + ((await clientId.boundingBox())?.width ?? 0) > width - 380, { timeout: 5000 }).toBe(true);
  });
});
