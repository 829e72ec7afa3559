/**
 * Firefox ESR: the recorder keeps the request headers of a SAML request, Cookie included, without Chrome's
 * `extraHeaders` (which Firefox does not take); the listener registers and a real bench login is captured with it.
 */
import { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { DEMO_USER, startBench, type Bench } from "../harness/bench.js";
import { requirePythonSaml } from "../harness/sp/index.js";
import { FIREFOX, FIREFOX_UUID, requireBrowser, launchFirefoxWithExtension, tempProfile, until } from "./support/browsers.js";
import { storedRecords } from "./support/recorder-store.js";

requireBrowser(FIREFOX);
requirePythonSaml();
const COOKIE = "KEYCLOAK_SESSION=acme/firefox-seeded-session-5d2e";

const stored = z.object({
  recorder: z.object({
    records: z.array(z.object({ url: z.string(), form: z.optional(z.record(z.string(), z.string())), headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))) })),
  }),
});

async function extensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(`moz-extension://${FIREFOX_UUID}/${path}`).catch(() => undefined);
  await until(() => page.evaluate(() => document.readyState === "complete" && location.protocol === "moz-extension:"), path);
  return page;
}

describe("Firefox ESR: the recorder keeps the Cookie header", () => {
  let bench: Bench;
  let profile: { dir: string; remove: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    bench = await startBench();
    profile = await tempProfile("privacy-firefox");
    browser = await launchFirefoxWithExtension(profile.dir);
  });

  afterAll(async () => {
    await browser?.close();
    await bench?.close();
    await profile?.remove();
  });

  it("captures a login with the session cookie the browser sent to the IdP", async () => {
    const options = await extensionPage(browser, "options.html");
    const started = await options.evaluate(() =>
      (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: "recorder.start", payload: { origins: ["http://127.0.0.1/*"] } }),
    );
    expect(started).toMatchObject({ ok: true, value: { recording: true } });

    const login = await browser.newPage();
    await login.goto(`${bench.harness.url}/realms/acme/`).catch(() => undefined);
    await login.evaluate((cookie) => {
      document.cookie = `${cookie}; path=/`;
    }, COOKIE);
    await login.goto(bench.sp.loginUrl("acme-ok"));
    await login.type("#username", DEMO_USER.username);
    await login.type("#password", DEMO_USER.password);
    await login.click("#kc-login");
    await until(async () => login.url().startsWith(bench.sp.urlPrefix), "the login to land on Sentry", 20_000);

    const records = await until(async () => {
      const state = z.parse(stored, { recorder: { records: await options.evaluate(storedRecords) } });
      return state.recorder.records.length >= 2 ? state.recorder.records : undefined;
    }, "two recorded requests");
    const toIdp = records.filter((record) => record.url.startsWith(bench.harness.url));
    expect(toIdp.length).toBeGreaterThan(0);
    for (const record of toIdp) expect(record.headers?.find((header) => header.name.toLowerCase() === "cookie")?.value).toContain(COOKIE);
    await Promise.all([login.close(), options.close()]);
  });
});
