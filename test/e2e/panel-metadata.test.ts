/**
 * Signature tab, "Fetch from URL", in Chromium against the demo bench: a real login's Response (captured by the
 * standalone recorder, which shows the same panel UI) is verified with the certificate of the bench IdP's realm
 * descriptor, fetched by the extension page after asking for the site's permission (the test build holds
 * http://127.0.0.1/* already, so the browser grants it without a prompt). The refused prompt is covered in
 * test/unit/ui/metadata-url.test.ts.
 */
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBench, type Bench } from "../harness/bench.js";
import { requirePythonSaml } from "../harness/sp/index.js";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, tempProfile } from "./support/browsers.js";
import { benchLogin } from "./support/bench-login.js";

requireBrowser(CHROMIUM);
requirePythonSaml();

describe("Chromium: IdP metadata fetched from the realm descriptor URL", () => {
  let bench: Bench;
  let context: BrowserContext;
  let profile: { dir: string; remove: () => Promise<void> };
  let recorder: Page;

  beforeAll(async () => {
    bench = await startBench();
    profile = await tempProfile("panel-metadata");
    const launched = await launchChromiumWithExtension(profile.dir);
    context = launched.context;
    recorder = await context.newPage();
    await recorder.goto(`chrome-extension://${launched.extensionId}/recorder.html`);
    await recorder.getByTestId("recorder-sites").fill(`${bench.harness.url} ${bench.sp.urlPrefix}`);
    await recorder.getByTestId("recorder-start").click();
    // A regular expression: Playwright's text filter ignores case, so "Recording" alone also matches "Not recording".
    await recorder.getByTestId("recorder-status").filter({ hasText: /^Recording http/ }).waitFor();
    await benchLogin(context, bench);
    await recorder.locator('.mrow[data-row="1"]').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await bench?.close();
    await profile?.remove();
  });

  const tab = () => recorder.getByTestId("tab-signature");
  const badge = () => recorder.locator('.mrow[data-row="1"] [data-verdict]');
  const verdict = () => badge().getAttribute("data-verdict");

  async function fetchFrom(url: string): Promise<void> {
    await tab().getByTestId("trust-url-input").fill(url);
    await tab().getByTestId("trust-fetch").click();
  }

  it("prefills the descriptor URL from the Response's Issuer", async () => {
    await recorder.locator('.mrow[data-row="1"]').click();
    await recorder.getByRole("tab", { name: /^Signature/ }).click();
    expect(await tab().getByTestId("trust-check").allInnerTexts()).toEqual(["Key: no certificate supplied", "Key: no certificate supplied"]);
    expect(await tab().getByTestId("trust-url-input").inputValue()).toBe(`${bench.realmUrl("acme")}/protocol/saml/descriptor`);
    expect(await verdict()).toBe("unverified");
    expect(await badge().innerText()).toBe("Accepted if the IdP's key is trusted");
  });

  it("says what went wrong: HTTP error, an answer that is not XML, an unreachable server", async () => {
    const error = () => tab().getByTestId("trust-fetch-error").innerText();
    const missing = `${bench.harness.url}/realms/no-such-realm/protocol/saml/descriptor`;
    await fetchFrom(missing);
    await expect.poll(error).toMatch(new RegExp(`^${missing.replace(/[.?*+^$()[\]\\/]/g, "\\$&")} answered 404`));
    // The admin console's HTML page (after a redirect from the site's root).
    await fetchFrom(`${bench.harness.url}/`);
    await expect.poll(error).toContain("did not answer with XML (it sent an HTML page");
    await fetchFrom("http://127.0.0.1:9/realms/acme/protocol/saml/descriptor");
    await expect.poll(error).toContain("could not be reached");
    expect(await verdict()).toBe("unverified");
  });

  it("fetches the descriptor, verifies the signature with its certificate, and remembers it for the IdP", async () => {
    const descriptor = `${bench.realmUrl("acme")}/protocol/saml/descriptor`;
    await fetchFrom(descriptor);
    await expect.poll(() => tab().getByTestId("trust-status").innerText()).toContain(`1 certificate trusted for ${bench.realmUrl("acme")} (from metadata)`);
    expect(await tab().getByTestId("trust-url").innerText()).toBe(`Fetched from ${descriptor}`);
    // The key and the Issuer are known now; what is left is Sentry's mapping, which no profile gave.
    await expect.poll(() => badge().innerText()).toBe("Accepted if IdP User ID = user_id");
    await expect.poll(() => tab().getByTestId("trust-check").allInnerTexts()).toEqual(["Key: matches a certificate you supplied", "Key: matches a certificate you supplied"]);

    await recorder.reload();
    await expect.poll(() => recorder.locator(".mrow").count()).toBe(2);
    await expect.poll(() => badge().innerText()).toBe("Accepted if IdP User ID = user_id");
    await recorder.locator('.mrow[data-row="1"]').click();
    await recorder.getByRole("tab", { name: /^Signature/ }).click();
    expect(await tab().getByTestId("trust-url").innerText()).toBe(`Fetched from ${descriptor}`);
  });
});
