/**
 * The harness runs the real Keycloak admin console (npm @keycloak/keycloak-admin-ui) on its in-memory admin REST
 * backend: the SAML client tabs render from the fixtures, Save sends what a Keycloak server would receive, and the
 * console speaks the admin's language.
 */
import { connect } from "node:net";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness, type LogEntry } from "../harness/index.js";
import { requireBrowser, CHROMIUM, CHROMIUM_ARGS, ROOT, until } from "./support/browsers.js";
import { docsScreenshot } from "./support/screenshots.js";

requireBrowser(CHROMIUM);

/** The Sentry client of the `acme` fixture realm (three typical mistakes) and its values as the fixture has them. */
const SENTRY = {
  uuid: "9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9",
  clientId: "https://sentry.acme.test/saml/metadata/acme/",
  acsPost: "https://sentry.acme.test/saml/acs/acme/",
};
const route = (tab: string) => `clients/${SENTRY.uuid}/${tab}`;

/** React keeps a switch's state in the `checked` property only (no aria-checked, no role=switch). */
const isChecked = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).evaluate((el) => (el as HTMLInputElement).checked);

describe("the real admin console on the harness backend", () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  const open = async (tab: string, ready: string): Promise<void> => {
    // A fresh document per test: the console caches nothing across loads, as after a browser reload.
    await page.goto("about:blank");
    await page.goto(harness.consoleUrl("acme", route(tab)));
    await page.locator(ready).first().waitFor({ state: "visible" });
  };
  const shot = (name: string) => docsScreenshot(page, `console-${name}`);
  /** Requests by method and path end; a trailing slash (the admin client sends `…/clients/`) does not count. */
  const calls = (method: string, suffix: string): LogEntry[] =>
    harness.log().filter((entry) => entry.method === method && entry.path.replace(/\/$/, "").endsWith(suffix));

  beforeAll(async () => {
    harness = await startHarness({ locale: "en" });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  beforeEach(() => {
    harness.reset();
    harness.setLocale("en");
  });

  it("renders the Settings tab of the SAML client from the backend's client record", async () => {
    await open("settings", '[data-testid="settings-save"]');
    expect(await page.locator('[data-testid="clientId"]').inputValue()).toBe(SENTRY.clientId);
    for (const section of ["general-settings", "access-settings", "saml-capabilities", "signature-and-encryption", "login-settings", "logout-settings"]) {
      await expect.poll(() => page.locator(`[id="${section}"]`).count()).toBe(1);
    }
    expect(await isChecked(page, "attributes.saml.force.post.binding")).toBe(true);
    expect(await isChecked(page, "attributes.saml.server.signature")).toBe(true);
    expect(await page.locator('[data-testid="redirectUris0"]').inputValue()).toBe(SENTRY.acsPost);
    expect(calls("GET", `/clients/${SENTRY.uuid}`).length).toBeGreaterThan(0);
    expect(harness.unknownCalls()).toEqual([]);
    await shot("settings");
  });

  it("renders the Keys tab: client signature required, with the client's certificate", async () => {
    await open("keys", '[data-testid="clientSignature"]');
    expect(await isChecked(page, "clientSignature")).toBe(true);
    const stored = (await (await fetch(`${harness.url}/admin/realms/acme/clients/${SENTRY.uuid}`)).json()) as { attributes: Record<string, string> };
    const expected = stored.attributes["saml.signing.certificate"];
    expect(typeof expected).toBe("string");
    await expect.poll(() => page.locator('[data-testid="certificate"]').first().inputValue()).toBe(expected);
    expect(await isChecked(page, "encryptAssertions")).toBe(false);
    expect(calls("GET", "/certificates/saml.signing")).toHaveLength(1);
    expect(harness.unknownCalls()).toEqual([]);
    await shot("keys");
  });

  it("renders Client scopes → Setup and the dedicated scope's mappers", async () => {
    await open("clientScopes/setup", "table tbody tr");
    await expect.poll(() => page.locator("table tbody tr").allInnerTexts()).toEqual([
      expect.stringContaining(`${SENTRY.clientId}-dedicated`),
      expect.stringMatching(/role_list\s+Default\s+SAML role list/),
      expect.stringMatching(/saml_organization\s+Default\s+Organization Membership/),
    ]);
    await shot("client-scopes");

    await page.getByRole("link", { name: `${SENTRY.clientId}-dedicated` }).click();
    await page.locator('[data-testid="mappersTab"]').waitFor();
    await expect.poll(() => page.locator("table tbody tr").allInnerTexts()).toEqual([
      expect.stringMatching(/X500 email\s+AttributeStatement Mapper\s+User Property/),
      expect.stringMatching(/username\s+AttributeStatement Mapper\s+User Property/),
    ]);
    expect(harness.unknownCalls()).toEqual([]);
    await shot("dedicated-mappers");
  });

  it("renders the Advanced tab with the fine-grain SAML endpoints", async () => {
    await open("advanced", '[data-testid="fineGrainSave"]');
    await page.locator('[id="attributes.saml_assertion_consumer_url_post"]').scrollIntoViewIfNeeded();
    expect(await page.locator('[id="attributes.saml_assertion_consumer_url_post"]').inputValue()).toBe(SENTRY.acsPost);
    expect(await page.locator('[id="attributes.saml_single_logout_service_url_redirect"]').inputValue()).toBe("https://sentry.acme.test/saml/sls/acme/");
    expect(calls("GET", "/authentication/flows")).toHaveLength(1);
    expect(harness.unknownCalls()).toEqual([]);
    await shot("advanced");
  });

  it("saves an edit with a PUT of the whole client representation, which the backend then serves", async () => {
    await open("settings", '[data-testid="settings-save"]');
    harness.clearLog();
    // The switch's input is visually hidden under PatternFly's track: click the switch as a user does.
    await page.locator('label.pf-v5-c-switch:has([data-testid="attributes.saml.force.post.binding"])').click();
    await page.locator('[data-testid="settings-save"]').click();
    const put = await until(async () => calls("PUT", `/clients/${SENTRY.uuid}`)[0], "the PUT of the client");
    await page.getByText("Client successfully updated").waitFor();

    expect(put.status).toBe(204);
    const body = put.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("PUT body is not a client");
    expect(body).toMatchObject({ id: SENTRY.uuid, clientId: SENTRY.clientId, protocol: "saml", frontchannelLogout: true, redirectUris: [SENTRY.acsPost] });
    // The whole representation, not a diff: untouched attributes and the mappers travel along.
    expect(body.attributes).toMatchObject({
      "saml.force.post.binding": "false",
      "saml.client.signature": "true",
      "saml.server.signature": "true",
      "saml.signature.algorithm": "RSA_SHA256",
      saml_assertion_consumer_url_post: SENTRY.acsPost,
    });
    expect(Array.isArray(body.protocolMappers) ? body.protocolMappers.length : 0).toBe(2);

    // Reload: the console now shows what the backend stored.
    await open("settings", '[data-testid="settings-save"]');
    expect(await isChecked(page, "attributes.saml.force.post.binding")).toBe(false);
    expect(harness.unknownCalls()).toEqual([]);
  });

  it("shows the console in German and in French when the admin's locale says so", async () => {
    harness.setLocale("de");
    await open("settings", '[data-testid="settings-save"]');
    await expect.poll(() => page.locator('[data-testid="client-tabs"] [role="tab"]').allInnerTexts()).toEqual(
      expect.arrayContaining(["Einstellungen", "Schlüssel", "Erweitert"]),
    );
    expect(await page.locator('[data-testid="settings-save"]').innerText()).toBe("Speichern");
    await expect.poll(() => page.locator('label.pf-v5-c-form__label[for="attributes.saml🍺server🍺signature"]').innerText()).toContain("Signiere Dokumente");
    expect(calls("GET", "/resources/acme/admin/de").length).toBeGreaterThan(0);
    await shot("settings-de");

    harness.setLocale("fr");
    await open("settings", '[data-testid="settings-save"]');
    await expect.poll(() => page.locator('label.pf-v5-c-form__label[for="attributes.saml🍺force🍺post🍺binding"]').innerText()).toContain("Forcer un POST");
    expect(await page.locator('[data-testid="settings-save"]').innerText()).toBe("Sauvegarder");
  });

  it("imports a client from Sentry's SP metadata: Keycloak's converter fills the form, Save creates the client", async () => {
    await page.goto("about:blank");
    await page.goto(harness.consoleUrl("acme", "clients/import-client"));
    await page.locator('input[type="file"]').setInputFiles(join(ROOT, "test/fixtures/keycloak/sentry-sp-metadata/self-hosted-acme.xml"));
    const entityId = "https://sentry.example.com/saml/metadata/acme/";
    await expect.poll(() => page.locator('[data-testid="clientId"]').inputValue()).toBe(entityId);
    expect(calls("POST", "/client-description-converter")).toHaveLength(1);
    await page.getByRole("button", { name: "Save" }).click();
    const post = await until(async () => calls("POST", "/admin/realms/acme/clients")[0], "the POST of the new client");
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({
      clientId: entityId,
      protocol: "saml",
      redirectUris: ["https://sentry.example.com/saml/acs/acme/"],
      attributes: {
        saml_assertion_consumer_url_post: "https://sentry.example.com/saml/acs/acme/",
        saml_single_logout_service_url_redirect: "https://sentry.example.com/saml/sls/acme/",
        saml_name_id_format: "username",
        // The import form's own switches, sent as JSON booleans (a server stores them as strings).
        "saml.client.signature": false,
        "saml.encrypt": false,
      },
    });
    // The console lands on the new client; its Keys tab reads back what was stored.
    await page.locator('[data-testid="settings-save"]').waitFor();
    await page.locator('[data-testid="keysTab"]').click();
    await page.locator('[data-testid="clientSignature"]').waitFor();
    expect(await isChecked(page, "clientSignature")).toBe(false);
    expect(harness.unknownCalls()).toEqual([]);
  });

  it("resets to the fixtures and reports its request log over HTTP", async () => {
    const put = await fetch(`${harness.url}/admin/realms/acme/clients/${SENTRY.uuid}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ clientId: SENTRY.clientId, attributes: { "saml.client.signature": "false" } }),
    });
    expect(put.status).toBe(204);
    const unknown = await fetch(`${harness.url}/admin/realms/acme/not-a-keycloak-endpoint`);
    expect(unknown.status).toBe(501);

    const log = (await (await fetch(`${harness.url}/__harness/log`)).json()) as LogEntry[];
    expect(log.map((entry) => `${entry.status} ${entry.method} ${entry.path}${entry.unknown ? " unknown" : ""}`)).toEqual([
      `204 PUT /admin/realms/acme/clients/${SENTRY.uuid}`,
      "501 GET /admin/realms/acme/not-a-keycloak-endpoint unknown",
    ]);
    expect(log[0]?.body).toMatchObject({ attributes: { "saml.client.signature": "false" } });

    expect((await fetch(`${harness.url}/__harness/reset`, { method: "POST" })).status).toBe(204);
    const client = (await (await fetch(`${harness.url}/admin/realms/acme/clients/${SENTRY.uuid}`)).json()) as { attributes: Record<string, string> };
    expect(client.attributes["saml.client.signature"]).toBe("true");
  });
});

describe("harness lifecycle", () => {
  it("close() frees its port", async () => {
    const harness = await startHarness();
    const port = Number(new URL(harness.url).port);
    expect((await fetch(`${harness.url}/admin/serverinfo`)).status).toBe(200);
    await harness.close();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(false);
      });
      socket.once("error", () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
