/**
 * The page-world observer stays out of every page that is not the admin console (Chromium, test build, the harness
 * origin enabled): no wrapped fetch, no touched XMLHttpRequest. The pages other than the console are served on the
 * enabled origin by the browser's request interception (the harness serves only the console there).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { launchWithOverlay, SENTRY_CLIENT, waitForBadge, type OverlayBrowser } from "./support/overlay.js";

requireBrowser(CHROMIUM);

/** How the page's own scripts see fetch and XMLHttpRequest. */
async function networkApis(page: Page): Promise<{ fetch: string; open: string; send: string }> {
  return page.evaluate(() => ({
    fetch: Function.prototype.toString.call(window.fetch),
    open: Function.prototype.toString.call(XMLHttpRequest.prototype.open),
    send: Function.prototype.toString.call(XMLHttpRequest.prototype.send),
  }));
}

const NATIVE = { fetch: "function fetch() { [native code] }", open: "function open() { [native code] }", send: "function send() { [native code] }" };

describe("page-world script off the console", () => {
  let harness: Harness;
  let browser: OverlayBrowser;

  beforeAll(async () => {
    harness = await startHarness({ locale: "en" });
    browser = await launchWithOverlay();
    const html = (title: string) => `<!doctype html><title>${title}</title><p>${title}</p><script>window.loaded = true</script>`;
    await browser.context.route(`${harness.url}/not-the-console/**`, (route) => route.fulfill({ contentType: "text/html", body: html("another page") }));
    // A console-like path that is not a console (no environment script): only the URL looks like one.
    await browser.context.route(`${harness.url}/admin/master/console-lookalike/**`, (route) => route.fulfill({ contentType: "text/html", body: html("lookalike") }));
    await browser.context.route(`${harness.url}/other/admin/master/console/`, (route) => route.fulfill({ contentType: "text/html", body: html("console path, no console") }));
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it("wraps fetch on the console (so this test can see a wrapper) and nowhere else on the enabled origin", async () => {
    const page = await browser.context.newPage();
    await page.goto(harness.consoleUrl("acme", `clients/${SENTRY_CLIENT}/settings`));
    await waitForBadge(page, "clientId", "ok");
    const onConsole = await networkApis(page);
    expect(onConsole.fetch).not.toBe(NATIVE.fetch);
    // It never touches XMLHttpRequest, even there.
    expect({ open: onConsole.open, send: onConsole.send }).toEqual({ open: NATIVE.open, send: NATIVE.send });

    for (const path of ["/not-the-console/", "/admin/master/console-lookalike/", "/other/admin/master/console/"]) {
      await page.goto(`${harness.url}${path}`);
      await until(async () => page.evaluate(() => (window as unknown as { loaded?: boolean }).loaded === true && document.readyState === "complete"), `${path} loaded`);
      expect(await networkApis(page), path).toEqual(NATIVE);
    }
    await page.close();
  });
});
