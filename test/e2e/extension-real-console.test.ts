/** The extension on the real Keycloak admin console of the bench: detected by its environment, not by any text. */
import { type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, contentScriptHadItsTurn, launchChromiumWithExtension, tempProfile, until } from "./support/browsers.js";

requireBrowser(CHROMIUM);

describe("Chromium: the extension on the real admin console", () => {
  let harness: Harness;
  let context: BrowserContext;
  let profile: { dir: string; remove: () => Promise<void> };

  beforeAll(async () => {
    harness = await startHarness({ locale: "de" });
    profile = await tempProfile("real-console");
    const launched = await launchChromiumWithExtension(profile.dir);
    context = launched.context;
    const options = await context.newPage();
    await options.goto(`chrome-extension://${launched.extensionId}/options.html`);
    const enabled = await options.evaluate(() => chrome.runtime.sendMessage({ type: "origins.enable", payload: { pattern: "http://127.0.0.1/*" } }));
    expect(enabled).toMatchObject({ ok: true, value: { enabled: true } });
    await options.close();
  });

  afterAll(async () => {
    await context?.close();
    await harness?.close();
    await profile?.remove();
  });

  it("marks the console (German UI) and leaves the backend's other pages alone", async () => {
    const page = await context.newPage();
    await page.goto(harness.consoleUrl("acme", "clients"));
    await until(async () => (await page.locator('[data-saml-lens="chip"]').count()) === 1, "the chip on the real console");
    await page.goto(`${harness.url}/__harness/log`);
    // Injected there too (same site), the content script has had its turn and recognised no console.
    expect(await contentScriptHadItsTurn(page)).toBe(true);
    expect(await page.locator('[data-saml-lens="chip"]').count()).toBe(0);
    await page.close();
  });
});
