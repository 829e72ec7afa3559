/**
 * The standalone recorder keeps the HTTP status of each SAML request's answer (webRequest's statusCode), shows it in the
 * HTTP tab, writes it into the HAR export, and lets it decide the verdict: on the demo bench, Keycloak refuses the
 * AuthnRequest of organization "acme" (its client requires a signature Sentry never makes) with its error page, HTTP 400,
 * and the recorder says "Rejected", where a prediction from the message alone said "Accepted".
 */
import { readFile } from "node:fs/promises";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { startBench, type Bench } from "../harness/bench.js";
import { requirePythonSaml } from "../harness/sp/index.js";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, tempProfile, until } from "./support/browsers.js";
import { benchLogin } from "./support/bench-login.js";

requireBrowser(CHROMIUM);
requirePythonSaml();

const exported = z.object({ log: z.object({ entries: z.array(z.object({ request: z.object({ url: z.string() }), response: z.object({ status: z.number() }) })) }) });

describe("Chromium: the recorder keeps the receiver's answer", () => {
  let bench: Bench;
  let context: BrowserContext;
  let profile: { dir: string; remove: () => Promise<void> };
  let recorder: Page;

  const rows = () => recorder.locator(".mrow");

  beforeAll(async () => {
    bench = await startBench();
    profile = await tempProfile("recorder-answers");
    const launched = await launchChromiumWithExtension(profile.dir, { acceptDownloads: true });
    context = launched.context;
    recorder = await context.newPage();
    await recorder.goto(`chrome-extension://${launched.extensionId}/recorder.html`);
    await recorder.getByTestId("recorder-sites").fill(`${bench.harness.url} ${bench.sp.urlPrefix}`);
    await recorder.getByTestId("recorder-start").click();
    await until(async () => (await recorder.getByTestId("recorder-status").innerText()).includes("Recording"), "the recorder to start");
  });

  afterAll(async () => {
    await context?.close();
    await bench?.close();
    await profile?.remove();
  });

  it("shows the status of a login's answers in the HTTP tab", async () => {
    await benchLogin(context, bench);
    await recorder.bringToFront();
    await expect.poll(() => rows().count()).toBe(2);
    // Keycloak answered the AuthnRequest with its login page; Sentry answered the Response with its page.
    for (const index of [0, 1]) {
      await rows().nth(index).click();
      await recorder.locator('[data-tab="HTTP"]').click();
      expect(await recorder.getByTestId("http-status").innerText()).toContain("200");
    }
    await rows().nth(0).click();
    expect(await rows().nth(0).locator("[data-verdict]").getAttribute("data-verdict")).toBe("accept");
  });

  it("reads Rejected for the AuthnRequest Keycloak refused with its error page (HTTP 400)", async () => {
    const page = await context.newPage();
    await page.goto(bench.sp.loginUrl("acme"));
    await expect.poll(() => page.locator("#kc-error-message").innerText()).toContain("Invalid requester");
    await page.close();
    await recorder.bringToFront();
    await expect.poll(() => rows().count()).toBe(3);
    const badge = rows().nth(2).locator("[data-verdict]");
    await expect.poll(() => badge.getAttribute("data-verdict")).toBe("reject");
    expect(await badge.innerText()).toBe("Rejected");
    expect(await badge.getAttribute("title")).toBe("Keycloak refused this AuthnRequest: Keycloak answered the AuthnRequest with HTTP 400 (an error page, not its login page).");
    await rows().nth(2).click();
    await recorder.locator('[data-tab="HTTP"]').click();
    expect(await recorder.getByTestId("http-status").innerText()).toContain("400");
  });

  it("writes each answer's status into the HAR export", async () => {
    const saved = recorder.waitForEvent("download");
    await recorder.getByTestId("export").click();
    const har = z.parse(exported, JSON.parse(await readFile(await (await saved).path(), "utf8")));
    expect(har.log.entries.map((entry) => entry.response.status)).toEqual([200, 200, 400]);
  });
});
