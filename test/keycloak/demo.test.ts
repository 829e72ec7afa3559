/**
 * `npm start -- --keycloak` prepares the demo on the real server: the bench's realm imports as it is, the reference
 * client logs in through the Sentry-grade SP, the client with three mistakes is refused by Keycloak, and check-client
 * on the server's own export finds those three mistakes.
 */
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkClientExport } from "../../src/core/client-check/check-client.js";
import { sentrySelfHostedPreset } from "../../src/core/presets/sentry-self-hosted.js";
import { requireBrowser, CHROMIUM, CHROMIUM_ARGS } from "../e2e/support/browsers.js";
import { DEMO_USER } from "../harness/bench.js";
import { KeycloakAdmin } from "./admin.js";
import { DEMO_REALM, prepareDemo, type RealKeycloakDemo } from "./demo.js";
import { ADMIN_PASSWORD, ADMIN_USERNAME } from "./server.js";
import { keycloakReady, KEYCLOAK_READY_TIMEOUT_MS } from "./provided.js";

requireBrowser(CHROMIUM);

describe.each(inject("keycloakServers"))("Keycloak $version: the demo realm on the real server", (server) => {
  // The server starts while the browser tests run (global-setup.ts).
  beforeAll(() => keycloakReady(server), KEYCLOAK_READY_TIMEOUT_MS);
  const admin = new KeycloakAdmin(server.url, ADMIN_USERNAME, ADMIN_PASSWORD);
  let demo: RealKeycloakDemo;
  let browser: Browser;

  beforeAll(async () => {
    demo = await prepareDemo(server.url, admin);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function login(org: string): Promise<string> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(demo.sp.loginUrl(org));
    if ((await page.locator("#kc-form-login").count()) === 1) {
      await page.locator("#username").fill(DEMO_USER.username);
      await page.locator("#password").fill(DEMO_USER.password);
      await Promise.all([page.waitForURL((url) => url.origin === new URL(demo.sp.urlPrefix).origin || url.pathname.includes("login-actions"), { timeout: 20_000 }), page.locator("#kc-login").click()]);
      await page.waitForLoadState("load");
    }
    const text = (await page.locator("body").innerText()).replace(/\s+/g, " ");
    await context.close();
    return text;
  }

  it("the reference client logs in; the client with mistakes stops at Keycloak", async () => {
    expect(demo.orgs).toEqual(expect.arrayContaining(["acme", "acme-ok"]));
    expect(await login("acme-ok")).toContain("Logged in as jane@acme.test");
    expect(await login("acme")).toContain("Invalid requester");
  });

  it("the console route npm start opens names a client the server has, and check-client finds its three mistakes", async () => {
    const client = await admin.client(DEMO_REALM, demo.demoClientUuid);
    expect(client.clientId).toBe(demo.sp.entityId("acme"));
    expect(demo.consoleUrl(`clients/${demo.demoClientUuid}/settings`)).toBe(`${server.url}/admin/master/console/#/acme/clients/${demo.demoClientUuid}/settings`);
    const preset = sentrySelfHostedPreset({ urlPrefix: demo.sp.urlPrefix, orgSlug: "acme", attributeNames: { identifier: "user_email", userEmail: "user_email" } });
    if (!preset.ok) throw new Error(preset.error.message);
    const checked = checkClientExport(JSON.stringify(await admin.partialExport(DEMO_REALM)), preset.preset, { clientId: String(client.clientId) });
    if (!checked.ok) throw new Error(checked.error.message);
    const errors = checked.result.findings.filter((finding) => finding.severity === "error").map((finding) => finding.id);
    // With the seed guide's mapping (both fields read `user_email`), the e-mail under its OID name is also a missing identifier.
    expect(errors.sort()).toEqual(["client.client-signature-required", "mapper.duplicate-attribute-name", "mapper.email", "mapper.identifier"]);
  });
});
