/**
 * The console version is a parameter of the bench. npm has these releases of @keycloak/keycloak-admin-ui: 26.0.7
 * (a different library API: no `routes` export), 26.2.0 and 26.6.2 (they depend on unpublished
 * @keycloak/keycloak-ui-shared versions), 26.7.0, 26.7.3 and 26.7.4 (pinned). This proves a second release renders.
 */
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, CHROMIUM_ARGS } from "./support/browsers.js";

requireBrowser(CHROMIUM);
const SECOND_RELEASE = "26.7.0";

describe(`the bench with console ${SECOND_RELEASE}`, () => {
  let harness: Harness;
  let browser: Browser;

  beforeAll(async () => {
    harness = await startHarness({ consoleVersion: SECOND_RELEASE });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it("renders the Sentry client's Settings tab from the backend", async () => {
    expect(harness.console.version).toBe(SECOND_RELEASE);
    const page = await browser.newPage();
    await page.goto(harness.consoleUrl("acme", "clients/9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9/settings"));
    await page.locator('[data-testid="settings-save"]').waitFor({ state: "visible" });
    expect(await page.locator('[data-testid="clientId"]').inputValue()).toBe("https://sentry.acme.test/saml/metadata/acme/");
    expect(harness.unknownCalls()).toEqual([]);
    await page.close();
  });
});
