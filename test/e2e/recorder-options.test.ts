/**
 * What the recorder is doing and what the extension remembers, where a user looks for it, in Debian Chromium with the
 * test build (which may record 127.0.0.1 without a prompt): the recorder page's Sites field names the sites being
 * recorded however the recording was started, and the options page lists the remembered IdP certificates and
 * metadata (forgettable) and sets how many requests the recorder keeps.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, ROOT, tempProfile } from "./support/browsers.js";

requireBrowser(CHROMIUM);
const FIXTURES = join(ROOT, "test/fixtures/panel");
const sessionHar = readFileSync(join(FIXTURES, "session.har"));
const metadata = readFileSync(join(FIXTURES, "idp-metadata.xml"), "utf8");
const IDP = "https://keycloak.example.com/realms/demo";

describe("Chromium: the recorder's sites and the options page", () => {
  let profile: { dir: string; remove: () => Promise<void> };
  let context: BrowserContext;
  let extensionId: string;

  beforeAll(async () => {
    profile = await tempProfile("recorder-options");
    ({ context, extensionId } = await launchChromiumWithExtension(profile.dir));
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
  });

  async function open(page: string): Promise<Page> {
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${extensionId}/${page}`);
    return tab;
  }

  /** The panel with the signed capture imported; the Response of row 1 is signed by the IdP of idp-metadata.xml. */
  async function panelWithCapture(): Promise<Page> {
    const panel = await open("panel.html");
    await panel.getByTestId("import-file").setInputFiles({ name: "session.har", mimeType: "application/json", buffer: sessionHar });
    await expect.poll(() => panel.locator('.mrow [data-verdict]:not([data-verdict="pending"])').count()).toBe(8);
    return panel;
  }
  /** Whether the panel trusts the key of the session's signed Response (its Signature tab's Key line). */
  const responseKey = async (panel: Page) => {
    await panel.locator('.mrow[data-row="1"]').click();
    await panel.getByRole("tab", { name: /^Signature/ }).click();
    return panel.getByTestId("trust-check").getAttribute("class");
  };

  it("the Sites field names the sites being recorded, also when the recording was started in another tab", async () => {
    const watching = await open("recorder.html");
    await watching.getByTestId("recorder-start").waitFor();
    const sites = watching.getByTestId("recorder-sites");
    expect(await sites.inputValue()).toBe("");

    const starting = await open("recorder.html");
    await starting.getByTestId("recorder-sites").fill("http://127.0.0.1");
    await starting.getByTestId("recorder-start").click();
    await expect.poll(() => watching.getByTestId("recorder-status").innerText()).toContain("Recording http://127.0.0.1/*");
    await expect.poll(() => sites.inputValue()).toBe("http://127.0.0.1");
    expect(await sites.isDisabled()).toBe(true);

    // A page opened during the recording shows it too, and keeps it after Stop, ready for the next Start.
    const later = await open("recorder.html");
    await expect.poll(() => later.getByTestId("recorder-sites").inputValue()).toBe("http://127.0.0.1");
    await later.getByTestId("recorder-stop").click();
    await expect.poll(() => watching.getByTestId("recorder-status").innerText()).toContain("Not recording");
    expect(await sites.inputValue()).toBe("http://127.0.0.1");
    expect(await sites.isDisabled()).toBe(false);
    for (const page of [watching, starting, later]) await page.close();
  });

  it("lists the remembered IdP metadata with its certificate, and Forget makes open and new panels forget it", async () => {
    const options = await open("options.html");
    await options.getByTestId("no-trusted").waitFor();

    const panel = await panelWithCapture();
    expect(await responseKey(panel)).not.toBe("check-ok");
    await panel.getByTestId("trust-input").fill(metadata);
    await panel.getByTestId("trust-save").click();
    await expect.poll(() => responseKey(panel)).toBe("check-ok");

    await options.reload();
    const entry = options.locator(`[data-entity-id="${IDP}"]`);
    await entry.waitFor();
    expect(await entry.getByTestId("trusted-what").innerText()).toContain("metadata, pasted");
    expect(await entry.getByTestId("trusted-certificate").innerText()).toMatch(/saml-lens test idp.*valid until \d{4}-\d\d-\d\d/);
    await entry.getByRole("button", { name: `Forget ${IDP}` }).click();
    await options.getByTestId("no-trusted").waitFor();
    // The panel that was open forgets it too, and so does one opened afterwards.
    await expect.poll(() => responseKey(panel)).not.toBe("check-ok");
    await panel.close();

    const reopened = await panelWithCapture();
    expect(await responseKey(reopened)).not.toBe("check-ok");
    await reopened.close();
    await options.close();
  });

  it("sets how many requests the recorder keeps, as the recorder page shows it", async () => {
    const options = await open("options.html");
    const cap = options.getByTestId("options-recorder-cap");
    await expect.poll(() => cap.inputValue()).toBe("500");
    await cap.fill("3");
    await cap.dispatchEvent("change");
    const recorder = await open("recorder.html");
    await expect.poll(() => recorder.getByTestId("recorder-cap").inputValue()).toBe("3");
    // And back from the recorder page: the options page follows.
    await recorder.getByTestId("recorder-cap").fill("250");
    await recorder.getByTestId("recorder-cap").dispatchEvent("change");
    await expect.poll(() => cap.inputValue()).toBe("250");
    await recorder.close();
    await options.close();
  });
});
