/**
 * The standalone recorder in Firefox ESR (event-page background, webRequest with Firefox's own request bodies), on
 * the demo bench: a real SP-initiated login — the Redirect AuthnRequest to the IdP and the auto-submitted POST of the
 * Response to Sentry's ACS — is recorded and shown decoded in the panel UI of the recorder page. Then a HAR imports
 * in the same page through the import worker (Firefox builds the worker from the extension's own script too).
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USER, startBench, type Bench } from "../harness/bench.js";
import { requirePythonSaml } from "../harness/sp/index.js";
import { FIREFOX, FIREFOX_UUID, ROOT, requireBrowser, launchFirefoxWithExtension, tempProfile, until } from "./support/browsers.js";

requireBrowser(FIREFOX);
requirePythonSaml();

const text = (page: Page, selector: string) => page.$eval(selector, (element) => (element as HTMLElement).innerText).catch(() => "");
const rowTexts = (page: Page, selector: string) => page.$$eval(`.mrow ${selector}`, (elements) => elements.map((element) => (element as HTMLElement).innerText));

describe("Firefox ESR: the standalone recorder", () => {
  let bench: Bench;
  let profile: { dir: string; remove: () => Promise<void> };
  let browser: Browser;
  let recorder: Page;

  beforeAll(async () => {
    bench = await startBench();
    profile = await tempProfile("recorder-firefox");
    browser = await launchFirefoxWithExtension(profile.dir);
    recorder = await browser.newPage();
    // moz-extension:// navigations may never report "load" over BiDi: poll instead.
    void recorder.goto(`moz-extension://${FIREFOX_UUID}/recorder.html`).catch(() => undefined);
    await until(() => recorder.evaluate(() => document.querySelector('[data-testid="recorder-start"]') !== null && document.querySelector('[data-testid="empty-list"]') !== null), "the recorder page");
  });

  afterAll(async () => {
    await browser?.close();
    await bench?.close();
    await profile?.remove();
  });

  it("records the Redirect AuthnRequest and the POSTed Response of a login, decoded", async () => {
    await recorder.type('[data-testid="recorder-sites"]', `${bench.harness.url} ${bench.sp.urlPrefix}`);
    await recorder.click('[data-testid="recorder-start"]');
    await until(async () => (await text(recorder, '[data-testid="recorder-status"]')).includes("Recording http://127.0.0.1/*"), "recording status");

    const login = await browser.newPage();
    await login.goto(bench.sp.loginUrl("acme-ok"));
    await login.waitForSelector("#username");
    await login.type("#username", DEMO_USER.username);
    await login.type("#password", DEMO_USER.password);
    await Promise.all([login.waitForNavigation({ waitUntil: "load" }).catch(() => undefined), login.click("#kc-login")]);
    await until(async () => login.url().startsWith(bench.sp.urlPrefix), "the SP after the login", 20_000);
    await login.close();

    await until(async () => (await rowTexts(recorder, ".kind")).length === 2, "two recorded messages", 20_000);
    // A row shows its parameter name until the analysis worker has read the message.
    await until(async () => (await rowTexts(recorder, ".kind")).join() === "AuthnRequest,Response", "both messages read", 20_000).catch(async () => {
      expect(await rowTexts(recorder, ".kind")).toEqual(["AuthnRequest", "Response"]);
    });
    expect(await rowTexts(recorder, ".binding")).toEqual(["Redirect", "POST"]);
    expect(await rowTexts(recorder, ".issuer")).toEqual([bench.sp.entityId("acme-ok"), bench.realmUrl("acme")]);
    await recorder.click('.mrow[data-row="1"]');
    await until(async () => (await text(recorder, '[data-testid="summary-audience"]')) === bench.sp.entityId("acme-ok"), "the Response's audience");
    // The answer's status, from webRequest, as in Chromium (recorder-answers.test.ts).
    await recorder.click('[data-tab="HTTP"]');
    await until(async () => (await text(recorder, '[data-testid="http-status"]')).startsWith("200"), "the Response's HTTP status");
    await recorder.click('[data-testid="recorder-stop"]');
    await until(async () => (await text(recorder, '[data-testid="recorder-status"]')).includes("Not recording"), "stopped");
  });

  it("imports a HAR through the import worker", async () => {
    const har = join(profile.dir, "session.har");
    copyFileSync(join(ROOT, "test/fixtures/panel/session.har"), har);
    await recorder.click('[data-testid="clear"]');
    const input = await recorder.$('input[data-testid="import-file"]');
    if (input === null) throw new Error("no file input");
    await input.uploadFile(har);
    await until(async () => (await text(recorder, '[data-testid="import-status"]')) === "session.har: 8 SAML messages in 8 requests.", "the import status", 20_000);
    expect((await rowTexts(recorder, ".kind")).length).toBe(8);
    // The worker's script was loaded by this page: the import did not fall back to the UI thread.
    // The panel's import worker runs in Firefox: given the same file, it answers with the file's SAML entries.
    await recorder.evaluate(() => {
      const input = document.createElement("input");
      input.type = "file";
      input.id = "worker-probe";
      document.body.append(input);
    });
    const probe = await recorder.$("input#worker-probe");
    await probe?.uploadFile(har);
    const answer = await recorder.evaluate(async () => {
      const har = (document.querySelector("input#worker-probe") as HTMLInputElement | null)?.files?.[0];
      return new Promise<string>((resolve) => {
        const worker = new Worker("import-worker.js");
        worker.onerror = (event) => resolve(`error: ${event.message}`);
        worker.onmessage = (event: MessageEvent<{ type: string; read?: { ok: boolean; messageCount?: number } }>) => {
          if (event.data.type === "done") resolve(`ok=${event.data.read?.ok} messages=${event.data.read?.messageCount}`);
        };
        worker.postMessage({ type: "import", file: har });
      });
    });
    expect(answer).toBe("ok=true messages=8");
  });
});
