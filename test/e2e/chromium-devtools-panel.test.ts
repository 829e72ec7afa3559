/**
 * Smoke test of the real DevTools panel in Chromium: the "SAML" panel registers and shows the inspected page's URL.
 * It drives DevTools front-end internals that are not a stable API (see docs/browsers.md), so it stays one test.
 */
import type { Browser, Frame } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBrowser, CHROMIUM, launchChromiumForDevtools, tempProfile, until } from "./support/browsers.js";
import { startPageServer, type PageServer } from "./support/pages.js";

requireBrowser(CHROMIUM);

describe("Chromium DevTools", () => {
  let server: PageServer;
  let profile: { dir: string; remove: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    server = await startPageServer();
    profile = await tempProfile("devtools");
    browser = await launchChromiumForDevtools(profile.dir);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await profile?.remove();
  });

  it("shows the SAML panel with the inspected tab's URL", async () => {
    const worker = await browser.waitForTarget((target) => target.type() === "service_worker" && target.url().startsWith("chrome-extension://"));
    const extensionId = new URL(worker.url()).host;
    const page = await browser.newPage();
    await page.goto(server.decoyUrl);
    const devtools = await page.openDevTools();
    await devtools.waitForSelector("pierce/#tab-elements");
    const panelId = `chrome-extension://${extensionId}SAML`;
    // A string, not a function: vitest would rewrite a dynamic import() inside a function it transforms.
    await devtools.evaluate(`(async (id) => {
      const legacy = await import("devtools://devtools/bundled/ui/legacy/legacy.js");
      const view = legacy.InspectorView.InspectorView.instance();
      for (let i = 0; i < 100 && !view.hasPanel(id); i++) await new Promise((r) => setTimeout(r, 50));
      if (!view.hasPanel(id)) throw new Error("no panel " + id);
      void view.showPanel(id);
    })(${JSON.stringify(panelId)})`);
    const panelFrame = await until(
      async () => devtools.frames().find((frame: Frame) => frame.url() === `chrome-extension://${extensionId}/panel.html`),
      "the panel frame",
    );
    const inspected = await until(async () => {
      const value = await panelFrame.$eval('[data-testid="inspected-url"]', (element) => (element as HTMLElement).innerText);
      return value.startsWith("http") ? value : undefined;
    }, "the inspected URL in the panel");
    expect(inspected).toBe(server.decoyUrl);
    expect(await panelFrame.$eval("h1", (element) => (element as HTMLElement).innerText)).toBe("SAML");
  });
});
