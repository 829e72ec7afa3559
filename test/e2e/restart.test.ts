/**
 * A browser restart on the same profile (Debian Chromium, the test build, the real console on the harness) keeps what
 * the user set up: the enabled console site (the overlay comes back without asking again) and the Sentry chosen for a
 * client whose Client ID names none (storage.local `overlayPresets`), which the overlay uses again without asking,
 * and how many requests the recorder keeps (the recording itself lives in storage.session and ends with the browser).
 */
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, tempProfile, until } from "./support/browsers.js";
import { badgeState, openClient, PLAIN_CLIENT, summaryState, waitForBadge } from "./support/overlay.js";

requireBrowser(CHROMIUM);

const launch = (profileDir: string) => launchChromiumWithExtension(profileDir, { viewport: { width: 1280, height: 900 } });

/** The card's head names the Sentry it checks against: "<preset name> · <URL prefix> · <organization>". */
const presetLabel = (page: Page) => page.locator('[data-saml-lens="summary"] .card span').filter({ hasText: " · " }).first().innerText();

describe("Chromium: a browser restart keeps the enabled site and the chosen Sentry", () => {
  let harness: Harness;
  let profile: { dir: string; remove: () => Promise<void> };
  let context: BrowserContext;
  let extensionId: string;
  let labelBefore: string;

  beforeAll(async () => {
    harness = await startHarness({ locale: "en" });
    profile = await tempProfile("restart");
    ({ context, extensionId } = await launch(profile.dir));
  });

  afterAll(async () => {
    await context?.close();
    await harness?.close();
    await profile?.remove();
  });

  it("before: the user enables the console's site in the popup and chooses the Sentry for a plain client", async () => {
    const consoleTab = await context.newPage();
    await consoleTab.goto(harness.consoleUrl("acme", "clients"));
    const popup = await context.newPage();
    const worker = context.serviceWorkers()[0];
    const tabId = await worker?.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${harness.url}/admin/*`);
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    await popup.getByTestId("enable-site").click();
    await until(async () => (await popup.getByTestId("site-status").innerText()).includes("Enabled on http://127.0.0.1"), "the site enabled");
    await popup.close();

    // As the popup says: reload the page after enabling.
    await consoleTab.reload();
    await openClient(consoleTab, harness, PLAIN_CLIENT, "settings");
    await until(async () => (await summaryState(consoleTab)) === "choose-preset", "the preset form");
    const form = consoleTab.locator('[data-saml-lens="summary"] form');
    await form.locator('input[name="urlPrefix"]').fill("https://sentry.acme.test");
    await form.locator('input[name="orgSlug"]').fill("acme-ok");
    await form.locator('button[type="submit"]').click();
    await waitForBadge(consoleTab, "clientId", "error");
    labelBefore = await presetLabel(consoleTab);
    expect(labelBefore).toContain("https://sentry.acme.test · acme-ok");
    await consoleTab.close();

    // And how many requests the recorder keeps, on the options page.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const cap = options.getByTestId("options-recorder-cap");
    await expect.poll(() => cap.isEnabled()).toBe(true);
    await cap.fill("123");
    await cap.dispatchEvent("change");
    await expect.poll(() => context.serviceWorkers()[0]?.evaluate(async () => (await chrome.storage.session.get("recorder")).recorder as { cap?: number } | undefined)).toMatchObject({ cap: 123 });
    await options.close();
  });

  it("after a restart: the overlay runs on the console again and checks the client against the same Sentry, without asking", async () => {
    await context.close();
    ({ context, extensionId } = await launch(profile.dir));
    // The extension registers its content scripts again at startup (registrations do not survive the relaunch of an
    // unpacked build); a console page that loads before that gets no overlay until it is reloaded.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    await until(async () => (await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).length === 2, "the content scripts registered again");
    const consoleTab = await context.newPage();
    await openClient(consoleTab, harness, PLAIN_CLIENT, "settings");
    await waitForBadge(consoleTab, "clientId", "error");
    expect(await summaryState(consoleTab)).not.toBe("choose-preset");
    expect(await presetLabel(consoleTab)).toBe(labelBefore);
    // The Client ID badge names what this Sentry expects, so the check really used the remembered preset.
    await consoleTab.locator('[data-saml-lens="badge"][data-field="clientId"] button.badge').click();
    expect(await consoleTab.locator('[data-saml-lens="badge"][data-field="clientId"] .popover').innerText()).toContain("https://sentry.acme.test/saml/metadata/acme-ok/");
    expect(await badgeState(consoleTab, "clientId")).toBe("error");

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/options.html`);
    await until(async () => (await popup.getByTestId("origin-list").innerText()).includes("http://127.0.0.1"), "the enabled site in the options");
    // The recording itself ended with the browser session; the number of requests to keep did not.
    await expect.poll(() => popup.getByTestId("options-recorder-cap").inputValue()).toBe("123");
    const recorder = await context.newPage();
    await recorder.goto(`chrome-extension://${extensionId}/recorder.html`);
    await expect.poll(() => recorder.getByTestId("recorder-cap").inputValue()).toBe("123");
    await recorder.close();
    await Promise.all([popup.close(), consoleTab.close()]);
  });
});
