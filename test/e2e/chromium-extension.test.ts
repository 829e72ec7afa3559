/**
 * The extension in Debian Chromium (playwright-core, the unpacked test build): every context does its one visible thing.
 */
import { chromium, type BrowserContext, type Page, type Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBrowser, CHROMIUM, contentScriptHadItsTurn, launchChromiumWithExtension, tempProfile, until } from "./support/browsers.js";
import { startPageServer, type PageServer } from "./support/pages.js";

requireBrowser(CHROMIUM);

const launch = (profileDir: string) => launchChromiumWithExtension(profileDir);

const chipCount = (page: Page) => page.locator('[data-saml-lens="chip"]').count();

describe("Chromium: the extension's contexts", () => {
  let server: PageServer;
  let profile: { dir: string; remove: () => Promise<void> };
  let context: BrowserContext;
  let worker: Worker;
  let extensionId: string;
  const page = (path: string) => `chrome-extension://${extensionId}/${path}`;

  beforeAll(async () => {
    server = await startPageServer();
    profile = await tempProfile("chromium");
    ({ context, worker, extensionId } = await launch(profile.dir));
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await profile?.remove();
  });

  it("injects nothing on a console whose origin the user has not enabled", async () => {
    const tab = await context.newPage();
    await tab.goto(server.consoleUrl);
    await tab.waitForLoadState("load");
    expect(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    expect(await chipCount(tab)).toBe(0);
    await tab.close();
  });

  it("popup enables the origin; the chip then appears on the console, and not on a page that only says Keycloak", async () => {
    const consoleTab = await context.newPage();
    await consoleTab.goto(server.consoleUrl);
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${server.origin}/admin/*`);
    const popup = await context.newPage();
    await popup.goto(page(`popup.html?tabId=${tabId}`));
    await expect.poll(() => popup.getByTestId("site-status").innerText()).toContain("Not enabled on http://127.0.0.1");
    await popup.getByTestId("enable-site").click();
    await expect.poll(() => popup.getByTestId("site-status").innerText()).toContain("Enabled on http://127.0.0.1");

    await consoleTab.reload();
    await until(async () => (await chipCount(consoleTab)) === 1, "the SAML Lens chip on the console");
    expect(await consoleTab.locator('[data-saml-lens="chip"]').getAttribute("data-saml-lens")).toBe("chip");
    expect(await consoleTab.getByRole("status", { name: /SAML Lens is active/ }).innerText()).toContain("SAML Lens");

    const decoy = await context.newPage();
    await decoy.goto(server.decoyUrl);
    await decoy.waitForLoadState("load");
    // The content script is injected (same origin) but must recognise that this is not a console.
    expect(await contentScriptHadItsTurn(decoy)).toBe(true);
    expect(await chipCount(decoy)).toBe(0);
    await Promise.all([decoy.close(), popup.close(), consoleTab.close()]);
  });

  it("background answers ping and keeps its state in storage.session, not in worker memory", async () => {
    const options = await context.newPage();
    await options.goto(page("options.html"));
    const ping = () => options.evaluate(() => chrome.runtime.sendMessage({ type: "ping", payload: {} }));
    const first = await ping();
    const second = await ping();
    expect(first).toMatchObject({ ok: true, value: { pong: true, version: "0.1.0" } });
    expect(second.value.pingCount).toBe(first.value.pingCount + 1);
    const stored = await worker.evaluate(() => chrome.storage.session.get("pingCount"));
    expect(stored).toEqual({ pingCount: second.value.pingCount });
    // Malformed messages get no answer from the typed message map.
    expect(await options.evaluate(() => chrome.runtime.sendMessage({ type: "ping", payload: "nope" }))).toMatchObject({ ok: false });
    await options.close();
  });

  it("renders the panel page as a plain tab, without DevTools APIs", async () => {
    const panel = await context.newPage();
    await panel.goto(page("panel.html"));
    await expect.poll(() => panel.getByRole("heading", { level: 1 }).innerText()).toBe("SAML");
    expect(await panel.getByTestId("inspected-url").innerText()).toBe("Not attached to DevTools");
    expect(await panel.getByTestId("empty-list").innerText()).toContain("No SAML messages captured yet");
    await panel.close();
  });

  it("keeps the content script after a browser restart", async () => {
    await context.close();
    ({ context, worker, extensionId } = await launch(profile.dir));
    // An unpacked build loses its registrations on relaunch and registers them again at startup; a page that loads
    // before that gets nothing (docs/hardening.md), so the test waits for the registration it is about.
    await until(async () => (await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).length === 2, "the content scripts registered again");
    const tab = await context.newPage();
    await tab.goto(server.consoleUrl);
    await until(async () => (await chipCount(tab)) === 1, "the chip after a restart");
    await tab.close();
  });

  it("options page lists the enabled origin and removes it; the console is then left alone", async () => {
    const options = await context.newPage();
    await options.goto(page("options.html"));
    const list = options.getByTestId("origin-list");
    await expect.poll(() => list.innerText()).toContain("http://127.0.0.1");
    await options.getByRole("button", { name: "Remove http://127.0.0.1" }).click();
    await expect.poll(() => options.getByTestId("no-origins").count()).toBe(1);
    expect(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    const tab = await context.newPage();
    await tab.goto(server.consoleUrl);
    // The site was removed: the content script is not even injected.
    expect(await contentScriptHadItsTurn(tab)).toBe(false);
    expect(await chipCount(tab)).toBe(0);
    await Promise.all([tab.close(), options.close()]);
  });
});
