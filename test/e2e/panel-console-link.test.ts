/**
 * Diagnostics → "Open in Keycloak", in Chromium on the demo bench. A real SP-initiated login through the "acme"
 * client, which Keycloak refuses ("Invalid requester": the client requires signed requests), is captured as a HAR
 * (the SP's AuthnRequest URL and the IdP's real error page) and imported into the panel. Where the user enabled the
 * overlay on that Keycloak, the finding links to the console: the realm's client list until the overlay has seen the
 * client, then the client's own tab that the fix names (Keys). Without the overlay enabled there, no link.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBench, type Bench } from "../harness/bench.js";
import { requirePythonSaml } from "../harness/sp/index.js";
import { requireBrowser, CHROMIUM } from "./support/browsers.js";
import { launchWithOverlay, SENTRY_CLIENT, type OverlayBrowser } from "./support/overlay.js";

requireBrowser(CHROMIUM);
requirePythonSaml();

/** The SP's redirect to the IdP and the IdP's answer, as DevTools would record the second request. */
async function refusedLoginHar(bench: Bench): Promise<Buffer> {
  const start = await fetch(bench.sp.loginUrl("acme"), { redirect: "manual" });
  const url = new URL(start.headers.get("location") ?? "", bench.sp.loginUrl("acme")).href;
  const answer = await fetch(url);
  const text = await answer.text();
  expect(text).toContain("Invalid requester");
  const entry = {
    startedDateTime: new Date().toISOString(),
    request: { method: "GET", url, headers: [] },
    response: { status: answer.status, statusText: answer.statusText, headers: [], content: { mimeType: answer.headers.get("content-type") ?? "text/html", text } },
  };
  return Buffer.from(JSON.stringify({ log: { version: "1.2", entries: [entry] } }));
}

describe("Chromium: Diagnostics link findings to the client's page in the Keycloak console", () => {
  let bench: Bench;
  let browser: OverlayBrowser;
  let panel: Page;
  let extensionUrl: string;

  beforeAll(async () => {
    bench = await startBench();
    browser = await launchWithOverlay();
    const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent("serviceworker"));
    extensionUrl = `chrome-extension://${new URL(worker.url()).host}`;
    panel = await browser.context.newPage();
    await panel.goto(`${extensionUrl}/panel.html`);
    await panel.getByTestId("import-file").setInputFiles({ name: "refused.har", mimeType: "application/json", buffer: await refusedLoginHar(bench) });
    await panel.locator('.mrow[data-row="0"] [data-verdict="reject"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  /** The refused request's finding, freshly rendered (the Diagnostics tab asks the extension when it opens). */
  async function finding() {
    await panel.locator('.mrow[data-row="0"]').click();
    await panel.getByRole("tab", { name: /^Summary/ }).click();
    await panel.getByRole("tab", { name: /^Diagnostics/ }).click();
    const item = panel.locator('[data-finding-id="idp.error-page"]');
    await item.waitFor();
    return item;
  }

  it("before the overlay has seen the client: links to the realm's client list", async () => {
    const item = await finding();
    expect(await item.locator(".fix").innerText()).toContain("Keys → Client signature required: Off");
    const link = item.getByTestId("open-in-keycloak");
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.innerText()).toBe("Open the realm's clients in Keycloak");
    expect(await link.getAttribute("href")).toBe(`${bench.harness.url}/admin/master/console/#/acme/clients`);
  });

  it("once the overlay has shown the client: opens the client's Keys tab", async () => {
    const console_ = await browser.context.newPage();
    await console_.goto(bench.harness.consoleUrl("acme", `clients/${SENTRY_CLIENT}/settings`));
    const key = `${bench.harness.url} acme ${bench.sp.entityId("acme")}`;
    await expect
      .poll(() => panel.evaluate(async (key) => ((await chrome.storage.local.get("knownClients")).knownClients as Record<string, { uuid: string }> | undefined)?.[key]?.uuid, key), { timeout: 20_000 })
      .toBe(SENTRY_CLIENT);
    await console_.close();

    const link = (await finding()).getByTestId("open-in-keycloak");
    await expect.poll(() => link.innerText()).toBe("Open in Keycloak");
    const target = `${bench.harness.url}/admin/master/console/#/acme/clients/${SENTRY_CLIENT}/keys`;
    expect(await link.getAttribute("href")).toBe(target);
    const [opened] = await Promise.all([browser.context.waitForEvent("page"), link.click()]);
    await opened.waitForURL(target);
    await opened.close();
  });

  it("no link where the overlay is not enabled", async () => {
    await panel.evaluate(() => chrome.runtime.sendMessage({ type: "origins.disable", payload: { pattern: "http://127.0.0.1/*" } }));
    const item = await finding();
    // The extension's answer for this message's client has come (the link follows it): then there is none.
    await panel.locator('[data-testid="tab-diagnostics"][data-console-lookup="answered"]').waitFor();
    expect(await item.getByTestId("open-in-keycloak").count()).toBe(0);
  });
});
