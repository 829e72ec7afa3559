/**
 * The SAML panel at the widths it is used at (DevTools docked to the side: 480–800 px; undocked: 1400 px) and the
 * recorder page, in Debian Chromium: every column is whole or gone (no cut-off Issuer or Verdict, no overlap), the
 * details sit beside the list when there is room and below it when not, and the page itself never scrolls. The panel
 * runs as a page of the test build, fed the signed capture of test/fixtures/panel through its HAR import.
 * (Screenshots at these widths are `npm run screenshots`, never this test.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, ROOT, tempProfile } from "./support/browsers.js";
import { panelGeometry } from "./support/layout.js";

requireBrowser(CHROMIUM);
const sessionHar = readFileSync(join(ROOT, "test/fixtures/panel/session.har"));

describe("Chromium: the panel's layout from 480 px up", () => {
  let profile: { dir: string; remove: () => Promise<void> };
  let context: BrowserContext;
  let extensionId: string;

  beforeAll(async () => {
    profile = await tempProfile("panel-layout");
    ({ context, extensionId } = await launchChromiumWithExtension(profile.dir, { viewport: { width: 1400, height: 800 } }));
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
  });

  async function openWithCapture(page: string, width: number, height = 800): Promise<Page> {
    const tab = await context.newPage();
    await tab.setViewportSize({ width, height });
    await tab.goto(`chrome-extension://${extensionId}/${page}`);
    await tab.getByTestId("import-file").setInputFiles({ name: "session.har", mimeType: "application/json", buffer: sessionHar });
    await expect.poll(() => tab.getByTestId("import-status").innerText()).toBe("session.har: 8 SAML messages in 8 requests.");
    await expect.poll(() => tab.locator('.mrow [data-verdict="pending"]').count()).toBe(0);
    // The widest kind (LogoutResponse) selected, on the Diagnostics tab.
    await tab.locator('.mrow[data-row="6"]').click();
    await tab.getByRole("tab", { name: /^Diagnostics/ }).click();
    return tab;
  }

  it.each([
    { width: 480, detail: "below", columns: ["Time", "Direction", "Kind", "Issuer", "Verdict"] },
    { width: 800, detail: "below", columns: ["Time", "Direction", "Kind", "Binding", "Issuer", "Verdict"] },
    { width: 1000, detail: "beside", columns: ["Time", "Kind", "Issuer", "Verdict"] },
    { width: 1400, detail: "beside", columns: ["Time", "Direction", "Kind", "Binding", "Issuer", "Verdict"] },
  ])("$width px: no column cut off or overlapping, details $detail the list", async ({ width, detail, columns }) => {
    const panel = await openWithCapture("panel.html", width);
    const geometry = await panel.evaluate(panelGeometry);
    expect(geometry.problems).toEqual([]);
    expect(geometry.detail).toBe(detail);
    expect(geometry.columns).toEqual(columns);
    // Every message's verdict is readable in the list.
    expect(await panel.locator(".mrow [data-verdict]").evaluateAll((badges) => badges.every((badge) => badge.checkVisibility()))).toBe(true);
    await panel.close();
  });

  it("the recorder page is exactly as tall as its window: the list scrolls, not the page", async () => {
    for (const width of [480, 1400]) {
      const recorder = await openWithCapture("recorder.html", width, 700);
      const geometry = await recorder.evaluate(panelGeometry);
      expect(geometry.problems).toEqual([]);
      expect(geometry.scrollHeight).toBe(geometry.innerHeight);
      await recorder.close();
    }
  });
});
