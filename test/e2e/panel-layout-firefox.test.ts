/**
 * The recorder page and the panel in Firefox ESR, narrow and wide: the page is exactly as tall as its window (the list
 * scrolls, not the page under the recorder's controls), no column is cut off, and the details stay visible. Fed the
 * signed capture of test/fixtures/panel through the HAR import, as in recorder-firefox.test.ts.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIREFOX, FIREFOX_UUID, ROOT, requireBrowser, launchFirefoxWithExtension, tempProfile, until } from "./support/browsers.js";
import { panelGeometry } from "./support/layout.js";

requireBrowser(FIREFOX);

describe("Firefox ESR: the recorder page and the panel fit their window", () => {
  let profile: { dir: string; remove: () => Promise<void> };
  let browser: Browser;
  let har: string;

  beforeAll(async () => {
    profile = await tempProfile("panel-layout-firefox");
    browser = await launchFirefoxWithExtension(profile.dir);
    har = join(profile.dir, "session.har");
    copyFileSync(join(ROOT, "test/fixtures/panel/session.har"), har);
  });

  afterAll(async () => {
    await browser?.close();
    await profile?.remove();
  });

  async function openWithCapture(page: string, width: number): Promise<Page> {
    const tab = await browser.newPage();
    await tab.setViewport({ width, height: 700 });
    // moz-extension:// navigations may never report "load" over BiDi: poll instead.
    void tab.goto(`moz-extension://${FIREFOX_UUID}/${page}`).catch(() => undefined);
    await until(() => tab.evaluate(() => document.querySelector('[data-testid="empty-list"]') !== null), `the ${page} page`);
    const input = await tab.$('input[data-testid="import-file"]');
    if (input === null) throw new Error("no file input");
    await input.uploadFile(har);
    await until(() => tab.evaluate(() => document.querySelectorAll('.mrow [data-verdict]:not([data-verdict="pending"])').length === 8), "eight analysed messages", 20_000);
    await tab.click('.mrow[data-row="6"]');
    await until(() => tab.evaluate(() => document.querySelector('[data-testid="detail-kind"]')?.textContent === "LogoutResponse"), "the details");
    return tab;
  }

  it.each([480, 800, 1400])("the recorder page at %i px: as tall as its window, every column whole, details visible", async (width) => {
    const recorder = await openWithCapture("recorder.html", width);
    const geometry = await recorder.evaluate(panelGeometry);
    expect(geometry.problems).toEqual([]);
    expect(geometry.scrollHeight).toBe(geometry.innerHeight);
    expect(geometry.detail).toBe(width < 900 ? "below" : "beside");
    await recorder.close();
  });
});
