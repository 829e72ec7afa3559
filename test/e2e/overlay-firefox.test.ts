/**
 * Firefox ESR smoke test: the MAIN-world observer (registerContentScripts world "MAIN", Firefox 128+) and the overlay
 * work there too — badges appear on the real console's Settings tab.
 */
import { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness/index.js";
import { FIREFOX, FIREFOX_UUID, requireBrowser, launchFirefoxWithExtension, tempProfile, until } from "./support/browsers.js";
import { BROKEN_CLIENT } from "./support/overlay.js";

requireBrowser(FIREFOX);

async function openOptions(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(`moz-extension://${FIREFOX_UUID}/options.html`).catch(() => undefined);
  await until(() => page.evaluate(() => document.readyState === "complete" && location.protocol === "moz-extension:"), "the options page");
  return page;
}

const badges = (page: Page) =>
  page.$$eval('[data-saml-lens="badge"]', (hosts) => Object.fromEntries(hosts.map((host) => [(host as HTMLElement).dataset.field, (host as HTMLElement).dataset.state])));

describe("Firefox ESR: the overlay on the real console", () => {
  let harness: Harness;
  let profile: { dir: string; remove: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    harness = await startHarness({ locale: "en" });
    profile = await tempProfile("overlay-firefox");
    browser = await launchFirefoxWithExtension(profile.dir);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await profile?.remove();
  });

  it("shows the badges and the summary on a client's Settings tab", async () => {
    const options = await openOptions(browser);
    const enabled = await options.evaluate(() =>
      (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: "origins.enable", payload: { pattern: "http://127.0.0.1/*" } }),
    );
    expect(enabled).toMatchObject({ ok: true, value: { enabled: true } });
    const page = await browser.newPage();
    await page.goto(harness.consoleUrl("acme", `clients/${BROKEN_CLIENT}/settings`));
    await until(async () => (await badges(page)).clientId === "error", "the Client ID badge", 20_000);
    const states = await badges(page);
    expect(states).toMatchObject({ "attributes.saml.server.signature": "error", frontchannelLogout: "warning", "attributes.saml.force.post.binding": "warning" });
    expect(await page.$eval('[data-saml-lens="summary"]', (host) => host.getAttribute("data-state"))).toBe("error");
    // Firefox takes the <style> path (content scripts cannot adopt constructed sheets there): styled all the same.
    const badgeLook = await page.$eval('[data-saml-lens="badge"]', (host) => {
      const button = host.shadowRoot?.querySelector("button.badge");
      return button == null ? null : getComputedStyle(button).display;
    });
    expect(badgeLook).toBe("inline-flex");
    await Promise.all([page.close(), options.close()]);
  });
});
