/**
 * The extension in Debian Firefox ESR (puppeteer-core over WebDriver BiDi, installed as a temporary add-on).
 * moz-extension:// navigations may never report "load" over BiDi, so pages are polled instead of awaited.
 */
import { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIREFOX, FIREFOX_UUID, requireBrowser, launchFirefoxWithExtension, tempProfile, until } from "./support/browsers.js";
import { startPageServer, type PageServer } from "./support/pages.js";

requireBrowser(FIREFOX);
const extensionPage = (path: string) => `moz-extension://${FIREFOX_UUID}/${path}`;

async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(extensionPage(path)).catch(() => undefined);
  await until(
    () => page.evaluate(() => document.readyState === "complete" && location.protocol === "moz-extension:" && document.getElementById("root")?.childElementCount === 1),
    `${path} to render`,
  );
  return page;
}

const text = (page: Page, selector: string) => page.$eval(selector, (element) => (element as HTMLElement).innerText).catch(() => "");
const chipCount = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-saml-lens="chip"]').length);

describe("Firefox ESR: the extension's contexts", () => {
  let server: PageServer;
  let profile: { dir: string; remove: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    server = await startPageServer();
    profile = await tempProfile("firefox");
    browser = await launchFirefoxWithExtension(profile.dir);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await profile?.remove();
  });

  it("shows the chip only after the popup enabled the origin, and only on a real console", async () => {
    const consoleTab = await browser.newPage();
    await consoleTab.goto(server.consoleUrl);
    expect(await chipCount(consoleTab)).toBe(0);

    const options = await openExtensionPage(browser, "options.html");
    // The test build holds the host permission, so tab URLs are readable here.
    const tabId = await options.evaluate(async (prefix) => {
      const tabs = await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({});
      return tabs.find((tab: { url?: string }) => tab.url?.startsWith(prefix))?.id;
    }, `${server.origin}/admin/`);
    expect(typeof tabId).toBe("number");

    const popup = await openExtensionPage(browser, `popup.html?tabId=${tabId}`);
    await until(async () => (await text(popup, '[data-testid="site-status"]')).includes("Not enabled on http://127.0.0.1"), "popup status");
    await popup.click('[data-testid="enable-site"]');
    await until(async () => (await text(popup, '[data-testid="site-status"]')).includes("Enabled on http://127.0.0.1"), "enabled status");

    await consoleTab.reload();
    await until(async () => (await chipCount(consoleTab)) === 1, "the chip on the console");

    const decoy = await browser.newPage();
    await decoy.goto(server.decoyUrl);
    await new Promise((r) => setTimeout(r, 300));
    expect(await chipCount(decoy)).toBe(0);
    await Promise.all([decoy.close(), popup.close(), consoleTab.close(), options.close()]);
  });

  it("background answers ping from its event page and counts in storage.session", async () => {
    const options = await openExtensionPage(browser, "options.html");
    const ping = () =>
      options.evaluate(() =>
        (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: "ping", payload: {} }),
      ) as Promise<{ ok: boolean; value: { pong: boolean; pingCount: number } }>;
    const first = await ping();
    const second = await ping();
    expect(first).toMatchObject({ ok: true, value: { pong: true } });
    expect(second.value.pingCount).toBe(first.value.pingCount + 1);
    await options.close();
  });

  it("renders the panel page as a plain tab", async () => {
    const panel = await openExtensionPage(browser, "panel.html");
    expect(await text(panel, "h1")).toBe("SAML");
    expect(await text(panel, '[data-testid="inspected-url"]')).toBe("Not attached to DevTools");
    expect(await text(panel, '[data-testid="empty-list"]')).toContain("No SAML messages captured yet");
    await panel.close();
  });

  it("options page removes the origin; the console is then left alone", async () => {
    const options = await openExtensionPage(browser, "options.html");
    await until(async () => (await text(options, '[data-testid="origin-list"]')).includes("http://127.0.0.1"), "origin list");
    await options.click('button[aria-label="Remove http://127.0.0.1"]');
    await until(async () => (await options.$('[data-testid="no-origins"]')) !== null, "empty origin list");
    const tab = await browser.newPage();
    await tab.goto(server.consoleUrl);
    await new Promise((r) => setTimeout(r, 300));
    expect(await chipCount(tab)).toBe(0);
    await Promise.all([tab.close(), options.close()]);
  });
});
