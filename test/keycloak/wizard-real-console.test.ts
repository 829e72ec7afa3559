/**
 * "Set up Sentry SSO" on the console the real Keycloak serves, from a realm without any Sentry client, on both paths:
 * step 1 (where), step 2 by import (the console's Import client, the user's Save) or by hand (Create client's two
 * steps filled in, the user's Next and Save), step 3 (the client's tabs: Fix all and the user's
 * Save or confirmation), step 4 (role_list removed and the two mappers added through the console's own forms), step 5
 * (what to enter in Sentry, entered into the Sentry-grade SP), step 6: a real IdP-initiated login that the SP accepts,
 * and the wizard saying so.
 */
import type { Locator, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkClient } from "../../src/core/client-check/check-client.js";
import { readKeycloakExport } from "../../src/core/client-check/input.js";
import { until } from "../e2e/support/browsers.js";
import { extensionErrors, watchErrors, type OverlayBrowser } from "../e2e/support/overlay.js";
import { shownAttribute, walkChecksAsTheUser, wizardPanel } from "../e2e/support/wizard.js";
import { BENCH_USER } from "../harness/idp/sentry-clients.js";
import { startSentrySp, type SentrySp } from "../harness/sp/index.js";
import { KeycloakAdmin, type JsonRecord } from "./admin.js";
import { descriptorCertificate, SENTRY_MAPPING, sentryPreset, testRealm } from "./realm.js";
import { openConsoleWithOverlay } from "./console.js";
import { ADMIN_PASSWORD, ADMIN_USERNAME } from "./server.js";
import { keycloakReady, KEYCLOAK_READY_TIMEOUT_MS } from "./provided.js";

const REALM = "wizard";

describe.each(inject("keycloakServers"))("Keycloak $version: the setup wizard on the console the server serves", (server) => {
  // The server starts while the browser tests run (global-setup.ts).
  beforeAll(() => keycloakReady(server), KEYCLOAK_READY_TIMEOUT_MS);
  const admin = new KeycloakAdmin(server.url, ADMIN_USERNAME, ADMIN_PASSWORD);
  let sp: SentrySp;
  let browser: OverlayBrowser;
  let page: Page;
  let errors: string[];
  const panel = () => wizardPanel(page).panel;
  const panelText = () => wizardPanel(page).text();
  const step = () => wizardPanel(page).step();
  const action = (name: string): Locator => wizardPanel(page).action(name);
  const clientId = (org: string) => sp.entityId(org);

  beforeAll(async () => {
    sp = await startSentrySp();
    await admin.importRealm({ ...testRealm(), realm: REALM });
    ({ browser, page, errors } = await openConsoleWithOverlay(server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await sp?.close();
  });

  /** The client as the server holds it, checked as check-client checks a realm export. */
  async function serverCheck(org: string) {
    const input = readKeycloakExport(JSON.stringify(await admin.partialExport(REALM)), { clientId: clientId(org) });
    if (!input.ok) throw new Error(input.error.message);
    return checkClient(input.input, sentryPreset(sp.urlPrefix, org)).findings;
  }

  async function storedClient(org: string): Promise<JsonRecord | undefined> {
    return admin.clientUuid(REALM, clientId(org)).then(
      (uuid) => admin.client(REALM, uuid),
      () => undefined,
    );
  }

  /** Step 4 as the user does it: each task's button, then Remove + confirm in the console, or the mapper form's Save. */
  async function doMapperTasksAsTheUser(org: string): Promise<void> {
    await until(async () => (await step()) === "mappers", "the mappers step", 20_000);
    const deadline = Date.now() + 40_000;
    while (!(await panelText()).includes("The mappers are right")) {
      if (Date.now() > deadline) {
        await page.screenshot({ path: `/tmp/wizard-step4-${server.version}.png` });
        throw new Error(`step 4 did not finish at ${page.url()}: ${await panelText()}`);
      }
      if ((await action("open-scopes").count()) === 1 && (await action("mapper-task").count()) === 0) await action("open-scopes").click();
      const task = panel().locator('[data-action="mapper-task"]').first();
      if ((await task.count()) === 0) {
        await page.waitForTimeout(200);
        continue;
      }
      // The list is redrawn as the overlay checks again: a task gone meanwhile is looked for anew.
      const finding = await shownAttribute(task, "data-finding");
      if (finding === null) continue;
      // That task's own button: the list may be redrawn in another order while the overlay checks again.
      await panel().locator(`[data-action="mapper-task"][data-finding="${finding}"]`).click();
      if (finding === "mapper.duplicate-attribute-name") {
        // The wizard opens the row's menu once the console has drawn the row (and again if the console redraws it).
        await page
          .getByRole("menuitem", { name: "Remove" })
          .click({ timeout: 25_000 })
          .catch(async (error: unknown) => {
            await page.screenshot({ path: `/tmp/wizard-remove-${server.version}.png` });
            throw new Error(`${String(error)} at ${page.url()}; the wizard: ${await panelText()}`);
          });
        await page.locator('[role="dialog"] [data-testid="confirm"]').click();
      } else {
        const attributeName = page.locator('[id="config.attribute\u{1F37A}name"], [name="config.attribute\u{1F37A}name"]').first();
        await until(async () => (await attributeName.inputValue().catch(() => "")) !== "", "the mapper form filled in", 20_000).catch(async (error: unknown) => {
          await page.screenshot({ path: `/tmp/wizard-mapper-${server.version}.png` });
          throw new Error(`${String(error)} at ${page.url()}: ${await panelText()}`);
        });
        await until(async () => (await panelText()).includes("SAML Lens filled in this mapper form"), "the wizard done filling in the mapper form", 20_000);
        // The user reviews the form before pressing its Save.
        await page.waitForTimeout(1000);
        const mapperCount = async () => ((await storedClient(org))?.protocolMappers as JsonRecord[] | undefined)?.length ?? 0;
        const mappersBefore = await mapperCount();
        await page.locator('form [data-testid="save"], form button[type="submit"]').first().click();
        await until(async () => (await mapperCount()) > mappersBefore, "the mapper stored by the user's Save", 20_000);
      }
      await until(async () => (await panel().locator(`[data-action="mapper-task"][data-finding="${finding}"]`).count()) === 0 || (await panelText()).includes("The mappers are right"), `the task ${finding} done`, 20_000);
    }
  }

  /** Step 1, from the realm's Clients list. */
  async function startWizard(org: string): Promise<void> {
    // A fresh page per path, as a user's new tab (the wizard's progress belongs to a tab); the login session stays.
    const previous = errors;
    await page.close();
    page = await browser.context.newPage();
    errors = watchErrors(page);
    expect(extensionErrors(previous)).toEqual([]);
    await page.goto(`${server.url}/admin/master/console/#/${REALM}/clients`);
    const start = page.locator('[data-saml-lens="wizard-start"] button');
    await start.waitFor({ state: "visible", timeout: 30_000 });
    await start.click();
    await until(async () => (await step()) === "where", "the wizard's first step");
    await panel().locator('input[name="urlPrefix"]').fill(sp.urlPrefix);
    await panel().locator('input[name="orgSlug"]').fill(org);
    await action("next").click();
    await until(async () => (await step()) === "import", "step 2");
  }

  /** Steps 3 to 6 once the client is stored: the tabs, the mappers, Sentry's side, and a real login Sentry accepts. */
  async function finishToARealLogin(org: string): Promise<void> {
    await until(async () => (await step()) === "checks", "the checks step", 20_000);
    await walkChecksAsTheUser(page, 90_000);
    await doMapperTasksAsTheUser(org);
    const findings = await serverCheck(org);
    expect(findings.filter((finding) => finding.severity === "error" || finding.severity === "warning").map((finding) => finding.id)).toEqual([]);

    // Step 5: what Sentry needs, entered into the Sentry-grade SP as the user enters it into Sentry.
    await action("next").click();
    await until(async () => (await step()) === "sentry", "the Sentry side step");
    const realmUrl = `${server.url}/realms/${REALM}`;
    expect(await panelText()).toContain(`${realmUrl}/protocol/saml/descriptor`);
    await sp.configureOrg(org, {
      idp: { entity_id: realmUrl, x509cert: await descriptorCertificate(server.url, REALM), sso_url: `${realmUrl}/protocol/saml`, slo_url: `${realmUrl}/protocol/saml` },
      attribute_mapping: SENTRY_MAPPING,
    });

    // Step 6: the real login from Keycloak, recorded and judged.
    await action("next").click();
    await until(async () => (await step()) === "login", "the test login step");
    const answered = (await sp.results()).length;
    const opened = browser.context.waitForEvent("page");
    await action("login-keycloak").click();
    const login = await opened;
    // The first path's login left a Keycloak session in this browser: then Keycloak answers without its form.
    const form = await login
      .locator("#kc-form-login")
      .waitFor({ timeout: 10_000 })
      .then(() => true, () => false);
    if (form) {
      await login.locator("#username").fill(BENCH_USER.username);
      await login.locator("#password").fill(BENCH_USER.password);
      await login.locator("#kc-login").click();
    }
    const result = await until(async () => ((await sp.results()).length > answered ? (await sp.results()).at(-1) : undefined), "python3-saml's answer", 20_000);
    expect(result.outcome).toBe("logged-in");
    const verdict = panel().locator(".login-result");
    await until(async () => (await shownAttribute(verdict, "data-state")) === "verdict", "the wizard's verdict", 20_000);
    expect(await verdict.getAttribute("data-verdict")).toBe("accept");
    expect(await verdict.textContent()).toContain("Accepted");
    await login.close();
    await action("cancel").click();
    expect(extensionErrors(errors)).toEqual([]);
  }

  it("by import: Import client filled in, the user's Save, then steps 3–6 to a real login Sentry accepts", async () => {
    const org = "wizard-import";
    await startWizard(org);
    await action("open-import").click();
    await action("fill-import").click();
    await until(async () => (await page.locator('[data-testid="clientId"], #clientId').first().inputValue()) === clientId(org), "the console's form showing the client");
    expect(await storedClient(org)).toBeUndefined();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await until(async () => (await storedClient(org)) !== undefined, "the client stored by the user's Save", 20_000);
    await finishToARealLogin(org);
  });

  it("by hand: each Create client step filled in, the user's Next and Save, then steps 3–6 to a real login Sentry accepts", async () => {
    const org = "wizard-hand";
    await startWizard(org);
    await action("by-hand").click();
    await until(async () => (await step()) === "create", "the by-hand path");
    await action("open-create").click();
    await until(() => page.evaluate(() => location.hash.endsWith("/clients/add-client")), "the Create client page");
    await until(async () => (await action("fill-create").count()) === 1, "the General settings step");
    await action("fill-create").click();
    await until(async () => (await page.locator('[id="clientId"]').inputValue()) === clientId(org), "the Client ID filled in");
    await until(async () => (await page.locator('[id="name"], [name="name"]').first().inputValue()) === "Sentry", "the Name filled in");
    await until(async () => (await panelText()).includes("press the console's Next"), "the wizard done filling in General settings");
    expect(await storedClient(org)).toBeUndefined();
    const next = page.locator(".pf-v5-c-wizard__footer button[type=submit], .pf-c-wizard__footer button[type=submit]").first();
    await next.click();
    await until(async () => (await panelText()).includes("Fill in Login settings"), "the Login settings step");
    await action("fill-create").click();
    await until(async () => (await page.locator('[name="redirectUris.0.value"]').inputValue()) === `${sp.urlPrefix}/saml/acs/${org}/`, "Valid redirect URIs filled in");
    await until(async () => (await panelText()).includes("press the console's Save"), "the wizard done filling in Login settings");
    // The user reviews the outlined fields before pressing Save (a click within the same moment as the last keystroke
    // the wizard typed can find the console's form not yet updated).
    await page.waitForTimeout(1000);
    // Every request the page makes from the Save on (the console may refresh its token before it posts), and how it
    // ended, for the failure message.
    const posts: string[] = [];
    const sent = (request: Request) => `${request.method()} ${request.url().replace(server.url, "")}`;
    const api = (request: Request) => /^\/(admin\/realms|realms)\//.test(new URL(request.url()).pathname) && request.url().startsWith(server.url);
    page.on("request", (request) => void (api(request) && posts.push(`${sent(request)} (sent)`)));
    page.on("requestfinished", (request) => void (api(request) && request.response().then((response) => posts.push(`${sent(request)} → ${response?.status() ?? "?"}`))));
    page.on("requestfailed", (request) => void (api(request) && posts.push(`${sent(request)} failed: ${request.failure()?.errorText ?? "?"}`)));
    await next.click();
    // The console validates its whole form before it posts; a Save it ignored leaves the page as it was. Then the
    // user, as anyone would, presses Save again; what the form showed is kept for the failure message. (A Save that
    // posted is waited for: the server generates the new client's signing key first, which takes seconds.)
    const stored = await until(async () => (await storedClient(org)) !== undefined, "the client stored by the user's Save", 8_000).then(() => true, () => false);
    if (!stored && !posts.some((line) => line.startsWith("POST /admin/realms/"))) {
      const invalid = await page.locator('[aria-invalid="true"], .pf-m-error').evaluateAll((nodes) => nodes.map((node) => node.id || node.textContent || node.tagName));
      console.warn(`Keycloak ${server.version}: the console did not post after the first Save (requests: ${posts.join(", ") || "none"}; invalid: ${invalid.join(", ") || "none"}; page errors: ${errors.join(" | ") || "none"}); pressing Save again`);
      await next.click();
    }
    await until(async () => (await storedClient(org)) !== undefined, "the client stored by the user's Save", 40_000).catch(async (error: unknown) => {
      await page.screenshot({ path: `/tmp/wizard-hand-${server.version}.png` });
      throw new Error(`${String(error)}; at ${page.url()}; requests since the Save: ${posts.join(", ") || "none"}; the wizard: ${await panelText()}`);
    });
    await finishToARealLogin(org);
  });
});
