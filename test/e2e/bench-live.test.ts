/**
 * The product's story, live on the bench: the Sentry client as the real admin console shows it drives what the
 * Keycloak-shaped IdP sends, and the python3-saml SP judges it. Flipping a switch in the console changes the next login.
 */
import { connect } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USER, startBench, type Bench } from "../harness/bench.js";
import { requirePythonSaml } from "../harness/sp/index.js";
import { requireBrowser, CHROMIUM, CHROMIUM_ARGS } from "./support/browsers.js";

requireBrowser(CHROMIUM);
requirePythonSaml();
const SENTRY_CLIENT_UUID = "9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9";

const portOpen = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

describe("the demo bench: console → IdP → Sentry", () => {
  let bench: Bench;
  let browser: Browser;

  beforeAll(async () => {
    bench = await startBench();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  async function login(org: string): Promise<string> {
    const page = await browser.newPage();
    await page.goto(bench.sp.loginUrl(org));
    if ((await page.locator("#kc-form-login").count()) === 1) {
      await page.locator("#username").fill(DEMO_USER.username);
      await page.locator("#password").fill(DEMO_USER.password);
      await Promise.all([page.waitForURL((url) => url.href.startsWith(bench.sp.urlPrefix), { timeout: 15_000 }), page.locator("#kc-login").click()]);
      await page.waitForLoadState("load");
    }
    const text = await page.locator("body").innerText();
    await page.close();
    return text;
  }

  it("seeds the realm with Sentry's real address and configures the SP for both clients", () => {
    expect(bench.orgs).toEqual(expect.arrayContaining(["acme", "acme-ok"]));
    expect(JSON.stringify(bench.harness.context.store.realm("acme"))).not.toContain("sentry.acme.test");
  });

  it("logs in with the reference client; the client with mistakes stops at Keycloak first", async () => {
    expect(await login("acme-ok")).toContain("Logged in as jane@acme.test");
    expect(await login("acme")).toContain("Invalid requester");
  });

  it("a switch flipped in the real console changes what the next login gets", async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(bench.harness.consoleUrl("acme", `clients/${SENTRY_CLIENT_UUID}/keys`));
    const toggle = page.locator('[data-testid="clientSignature"]');
    await toggle.waitFor({ state: "attached" });
    expect(await toggle.evaluate((element) => (element as HTMLInputElement).checked)).toBe(true);
    // The switch input is visually hidden: click its label, as a user does, then confirm the console's dialog.
    await page.locator('label:has([data-testid="clientSignature"])').click();
    await page.locator('[role="dialog"] [data-testid="confirm"]').click();
    await expect.poll(() => bench.harness.log().some((entry) => entry.method === "PUT" && entry.path.endsWith(`/clients/${SENTRY_CLIENT_UUID}`))).toBe(true);
    await page.close();
    // Keycloak now lets Sentry's unsigned request through; the next mistake surfaces at Sentry: the e-mail mapper
    // still emits its OID name, and role_list repeats Role, which python3-saml refuses first (an HTTP 500).
    const text = await login("acme");
    expect(text).not.toContain("Invalid requester");
    expect(text).toContain("Internal Server Error");
    expect((await bench.sp.results()).at(-1)?.error).toMatch(/duplicated Name/);
  });

  it("stops cleanly: no port left open", async () => {
    const urls = [bench.harness.url, bench.sp.urlPrefix];
    await bench.close();
    for (const url of urls) expect(await portOpen(url)).toBe(false);
  });
});
