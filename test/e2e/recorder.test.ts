/**
 * The standalone recorder in Chromium, on the demo bench: a real SP-initiated login (Redirect-binding AuthnRequest to
 * the IdP, auto-submitted POST Response to Sentry's ACS) is captured by the background's webRequest listener, survives
 * a stop of the MV3 service worker, and shows decoded and diagnosed.
 */
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBench, type Bench } from "../harness/bench.js";
import { requirePythonSaml } from "../harness/sp/index.js";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, tempProfile } from "./support/browsers.js";
import { benchLogin } from "./support/bench-login.js";

requireBrowser(CHROMIUM);
requirePythonSaml();

describe("Chromium: the standalone recorder", () => {
  let bench: Bench;
  let context: BrowserContext;
  let profile: { dir: string; remove: () => Promise<void> };
  let recorder: Page;
  let extensionId: string;

  const rows = () => recorder.locator(".mrow");
  const kept = async () => Number(/(\d+) kept/.exec(await recorder.getByTestId("recorder-status").innerText())?.[1]);

  async function login(org: string): Promise<void> {
    await benchLogin(context, bench, org);
  }

  beforeAll(async () => {
    bench = await startBench();
    profile = await tempProfile("recorder");
    ({ context, extensionId } = await launchChromiumWithExtension(profile.dir));
    recorder = await context.newPage();
    await recorder.goto(`chrome-extension://${extensionId}/recorder.html`);
  });

  afterAll(async () => {
    await context?.close();
    await bench?.close();
    await profile?.remove();
  });

  it("captures the AuthnRequest (Redirect) and the Response (POST) of a login on the granted sites", async () => {
    await recorder.getByTestId("recorder-sites").fill(`${bench.harness.url} ${bench.sp.urlPrefix}`);
    await recorder.getByTestId("recorder-start").click();
    await expect.poll(() => recorder.getByTestId("recorder-status").innerText()).toContain("Recording http://127.0.0.1/*");
    await login("acme-ok");
    await expect.poll(() => rows().count()).toBe(2);
    // A row shows its parameter name until the analysis worker has read the message.
    await expect.poll(() => recorder.locator('.mrow [data-verdict="pending"]').count()).toBe(0);
    expect(await rows().nth(0).locator(".kind").innerText()).toBe("AuthnRequest");
    expect(await rows().nth(0).locator(".binding").innerText()).toBe("Redirect");
    expect(await rows().nth(0).locator(".direction").innerText()).toBe("SP → IdP");
    expect(await rows().nth(0).locator(".issuer").innerText()).toBe(bench.sp.entityId("acme-ok"));
    expect(await rows().nth(1).locator(".kind").innerText()).toBe("Response");
    expect(await rows().nth(1).locator(".binding").innerText()).toBe("POST");
    expect(await rows().nth(1).locator(".issuer").innerText()).toBe(bench.realmUrl("acme"));
    // Decoded and diagnosed like in the panel: the detail of the Response names its audience.
    await rows().nth(1).click();
    expect(await recorder.getByTestId("summary-audience").innerText()).toBe(bench.sp.entityId("acme-ok"));
  });

  it("loses nothing when the browser stops the service worker, and keeps recording after it", async () => {
    const cdp = await context.newCDPSession(recorder);
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await recorder.reload();
    await expect.poll(() => rows().count()).toBe(2);
    await login("acme-ok");
    await expect.poll(() => rows().count()).toBe(4);
    expect(await kept()).toBe(4);
  });

  it("keeps only as many requests as the user chose, and says how many were dropped", async () => {
    await recorder.getByTestId("recorder-cap").fill("3");
    await recorder.getByTestId("recorder-cap").dispatchEvent("change");
    await expect.poll(kept).toBe(3);
    expect(await recorder.getByTestId("recorder-status").innerText()).toContain("1 older dropped");
  });

  it("stops, and records nothing more", async () => {
    // Room for everything, so that records made after Stop could not hide behind the cap.
    await recorder.getByTestId("recorder-cap").fill("50");
    await recorder.getByTestId("recorder-cap").dispatchEvent("change");
    await recorder.getByTestId("recorder-stop").click();
    await expect.poll(() => recorder.getByTestId("recorder-status").innerText()).toContain("Not recording");
    await login("acme-ok");
    // The positive signal that the recorder had its chance at the login above: it records the next one, after Start.
    // The background handles requests in order, so a record of the stopped login would be in before these two.
    await recorder.getByTestId("recorder-start").click();
    await expect.poll(() => recorder.getByTestId("recorder-status").innerText()).toContain("Recording");
    await login("acme-ok");
    await expect.poll(kept, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    expect(await kept()).toBe(5);
    await recorder.getByTestId("recorder-clear").click();
    await expect.poll(kept).toBe(0);
  });
});
