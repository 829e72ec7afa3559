/**
 * The overlay in a second language (German console: the selectors use ids and test ids, never label text), plus
 * the screenshots for the README in the console's light and dark themes.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { BROKEN_CLIENT, clientPuts, extensionErrors, fixField, launchWithOverlay, openClient, waitForBadge, watchErrors, type OverlayBrowser } from "./support/overlay.js";
import { docsScreenshot } from "./support/screenshots.js";

requireBrowser(CHROMIUM);

describe("overlay on the German console", () => {
  let harness: Harness;
  let browser: OverlayBrowser;

  beforeAll(async () => {
    harness = await startHarness({ locale: "de" });
    browser = await launchWithOverlay();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it("finds the same fields by id in German, on Settings, Keys and Advanced, and a fix reaches the PUT", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    expect(await page.locator('[data-testid="settings-save"]').innerText()).toBe("Speichern");
    await waitForBadge(page, "clientId", "error");
    await waitForBadge(page, "attributes.saml.server.signature", "error");
    await waitForBadge(page, "frontchannelLogout", "warning");
    await fixField(page, "attributes.saml.server.signature");
    await waitForBadge(page, "attributes.saml.server.signature", "ok");
    await page.locator('[data-testid="settings-save"]').click();
    const body = await until(async () => clientPuts(harness, BROKEN_CLIENT)[0], "the PUT");
    expect((body.attributes as Record<string, unknown>)["saml.server.signature"]).toBe("true");

    await page.locator('[data-testid="keysTab"]').click();
    await waitForBadge(page, "attributes.saml.client.signature", "error");
    await page.locator('[data-testid="advancedTab"]').click();
    await waitForBadge(page, "attributes.saml_assertion_consumer_url_post", "warning");
    expect(extensionErrors(errors)).toEqual([]);
    await page.close();
  });
});

describe("the overlay in the console's light and dark themes (and the README's screenshots)", () => {
  let harness: Harness;
  let browser: OverlayBrowser;

  beforeAll(async () => {
    harness = await startHarness({ locale: "en" });
    browser = await launchWithOverlay();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  async function shoot(page: Page, theme: "light" | "dark"): Promise<void> {
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    if (theme === "dark") {
      // What the console does when the server's darkMode is on and the system prefers dark (PatternFly 5's class).
      await page.evaluate(() => document.documentElement.classList.add("pf-v5-theme-dark"));
    }
    await waitForBadge(page, "attributes.saml.force.post.binding", "warning");
    await until(async () => (await page.locator(`[data-saml-lens="badge"][data-theme="${theme}"]`).count()) > 3, `badges in ${theme}`);
    await page.locator('[data-saml-lens="summary"] button.toggle').click();
    const badge = page.locator('[data-saml-lens="badge"][data-field="attributes.saml.force.post.binding"]');
    await badge.evaluate((element) => element.scrollIntoView({ block: "center" }));
    await badge.locator("button.badge").click();
    // What the reader sees: the popover open, in the console's theme.
    const popover = badge.locator(".popover");
    await popover.waitFor({ state: "visible" });
    expect(await popover.innerText()).toContain("Force POST binding");
    const lightness = await popover.evaluate((element) => {
      const [r = 0, g = 0, b = 0] = (getComputedStyle(element).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });
    if (theme === "dark") expect(lightness).toBeLessThan(0.35);
    else expect(lightness).toBeGreaterThan(0.65);
    await docsScreenshot(page, `overlay-settings-${theme}`);
    await badge.locator(".popover button.secondary").click();
    await page.locator('[data-saml-lens="summary"] button.toggle').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.locator('[data-saml-lens="summary"] li').count()).toBeGreaterThan(3);
    await docsScreenshot(page, `overlay-summary-${theme}`);
  }

  it("light: badges, the open popover and the summary in the light theme", async () => {
    const page = await browser.context.newPage();
    await shoot(page, "light");
    await page.close();
  });

  it("dark: the same in the console's dark theme", async () => {
    const page = await browser.context.newPage();
    await shoot(page, "dark");
    await page.close();
  });
});
