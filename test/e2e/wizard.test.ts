/**
 * "Set up Sentry SSO" on the real console (harness, English UI, Debian Chromium): started from the realm's Clients
 * list, it validates the Sentry input inline, fills the console's Import client page, and after the user's own Save
 * the backend holds a client that passes check-client with the same preset. Cancel leaves the backend untouched;
 * a reload resumes at the same step.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as z from "zod";
import { checkClient } from "../../src/core/client-check/check-client.js";
import { newClientForPreset } from "../../src/core/client-check/new-client.js";
import { clientSchema, clientScopeSchema } from "../../src/core/client-check/input.js";
import { sentrySelfHostedPreset } from "../../src/core/presets/sentry-self-hosted.js";
import type { Preset } from "../../src/core/presets/schema.js";
import { DEMO_USER, startBench, type Bench } from "../harness/bench.js";
import { startHarness, type Harness, type LogEntry } from "../harness/index.js";
import { CHROMIUM, FIREFOX, FIREFOX_UUID, ROOT, requireBrowser, launchFirefoxWithExtension, tempProfile, until } from "./support/browsers.js";
import { BROKEN_CLIENT, clientPuts, extensionErrors, launchWithOverlay, watchErrors, type OverlayBrowser } from "./support/overlay.js";
import { docsScreenshot } from "./support/screenshots.js";
import { putWizardProgress, shownAttribute, walkChecksAsTheUser } from "./support/wizard.js";

requireBrowser(CHROMIUM);
requireBrowser(FIREFOX);

const SENTRY_URL = "https://sentry.wizard.test";
const ORG = "wizard-org";
const CLIENT_ID = `${SENTRY_URL}/saml/metadata/${ORG}/`;

function preset(): Preset {
  const result = sentrySelfHostedPreset({ urlPrefix: SENTRY_URL, orgSlug: ORG });
  if (!result.ok) throw new Error(result.error.message);
  return result.preset;
}

const writes = (harness: Harness): LogEntry[] => harness.log().filter((entry) => entry.method === "POST" || entry.method === "PUT" || entry.method === "DELETE");

describe("Set up Sentry SSO wizard on the real console", () => {
  let bench: Bench;
  let harness: Harness;
  let browser: OverlayBrowser;
  let page: Page;
  let errors: string[];
  const panel = () => page.locator('[data-saml-lens="wizard"]');
  /** The panel's text lives in its shadow root. */
  const panelText = async () => (await panel().locator(".card").textContent()) ?? "";
  const step = () => panel().getAttribute("data-step");
  const action = (name: string): Locator => panel().locator(`[data-action="${name}"]`);
  /** `npm run screenshots` writes the README's screenshot sequence (the panel only, to keep the files small). */
  const screenshot = (name: string) => docsScreenshot(panel(), `wizard-${name}`);

  beforeAll(async () => {
    // The bench: the console plus the Keycloak-shaped IdP on its origin (the realm's descriptor) and the Sentry-grade SP.
    bench = await startBench({ locale: "en" });
    harness = bench.harness;
    browser = await launchWithOverlay();
  });
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });
  beforeEach(async () => {
    harness.reset();
    await page?.close();
    page = await browser.context.newPage();
    errors = watchErrors(page);
    return () => expect(extensionErrors(errors)).toEqual([]);
  });

  async function startFromClientsList(): Promise<void> {
    await page.goto(harness.consoleUrl("acme", "clients"));
    const start = page.locator('[data-saml-lens="wizard-start"] button');
    await start.waitFor({ state: "visible" });
    await start.click();
    await until(async () => (await step()) === "where", "the wizard's first step");
  }

  async function enterWhere(url: string, org: string): Promise<void> {
    await panel().locator('input[name="urlPrefix"]').fill(url);
    await panel().locator('input[name="orgSlug"]').fill(org);
    await action("next").click();
  }


  /** The wizard's progress for this tab, as the background keeps it (so a test can start at a later step). */
  async function putProgress(progress: Record<string, unknown>, realm = "acme"): Promise<void> {
    await page.goto(harness.consoleUrl(realm, "realm-settings"));
    await page.locator('[data-saml-lens="chip"]').waitFor({ state: "attached" });
    await putWizardProgress(browser.context, page, harness.url, realm, progress);
  }

  /** What the backend stored for a client, checked the way the overlay checks it (its default scopes, the realm's scopes). */
  async function storedCheck(clientId: string, checkedPreset: Preset) {
    return storedCheckIn("acme", clientId, checkedPreset);
  }

  async function storedCheckIn(realm: string, clientId: string, checkedPreset: Preset) {
    const admin = async <T>(path: string): Promise<T> => (await (await fetch(`${harness.url}/admin/realms/${realm}/${path}`)).json()) as T;
    const stored = await admin<Array<Record<string, unknown>>>(`clients?clientId=${encodeURIComponent(clientId)}`);
    expect(stored).toHaveLength(1);
    const client = clientSchema.parse(stored[0]);
    const defaultScopes = await admin<Array<{ name: string }>>(`clients/${String(client.id)}/default-client-scopes`);
    const scopes = z.array(clientScopeSchema).parse(await admin<unknown>("client-scopes"));
    return checkClient(
      { kind: "client-export", realm, client: { ...client, defaultClientScopes: defaultScopes.map((scope) => scope.name) }, rawClient: stored[0] ?? {}, clientScopes: scopes },
      checkedPreset,
    );
  }

  it("validates the input inline, fills Import client, and the user's Save stores a client that passes check-client", async () => {
    await startFromClientsList();
    expect(await panel().locator("h2").evaluate((heading) => heading.matches(":focus"))).toBe(true);
    await screenshot("1-where");

    // Keyboard only: from the focused heading, Tab reaches the kind, then the URL and the slug; Enter submits.
    // Errors are shown at the field they belong to, and nothing moves on.
    await page.keyboard.press("Tab");
    expect(await panel().locator('input[value="sentry-self-hosted"]').evaluate((input) => input.matches(":focus"))).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.type("sentry.wizard.test");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Wizard Org");
    await page.keyboard.press("Enter");
    const urlError = panel().locator("#error-urlPrefix");
    await urlError.waitFor();
    expect(await urlError.textContent()).toContain("https://");
    expect(await panel().locator('input[name="urlPrefix"]').getAttribute("aria-invalid")).toBe("true");
    expect(await step()).toBe("where");
    await enterWhere(`${SENTRY_URL}/`, "Wizard Org");
    await panel().locator("#error-orgSlug").waitFor();
    expect(await panel().locator("#error-orgSlug").textContent()).toContain("spaces");

    // Harmless slips are corrected and said.
    await enterWhere(`${SENTRY_URL}/`, "Wizard-Org");
    await until(async () => (await step()) === "import", "the import step");
    expect(await panelText()).toContain(CLIENT_ID);
    expect(await panelText()).toContain("ends with a slash");

    // A reload midway resumes at the same step.
    await page.reload();
    await until(async () => (await panel().count()) === 1 && (await step()) === "import", "the import step after a reload");

    await action("open-import").click();
    await until(() => page.evaluate(() => location.hash.endsWith("/clients/import-client")), "the Import client page");
    await action("fill-import").click();
    await until(async () => (await page.locator('[data-testid="clientId"]').inputValue()) === CLIENT_ID, "the console's form showing the client");
    expect(writes(harness)).toEqual([]);
    // The import page reads the file's "false" as On; the wizard makes its switches show what the file sets.
    await until(async () => (await panelText()).includes("Filled in"), "the wizard's word on the filled form");
    expect(await page.locator('input[data-testid="attributes.saml.encrypt"]').isChecked()).toBe(false);
    expect(await page.locator('input[data-testid="attributes.saml.client.signature"]').isChecked()).toBe(false);
    expect(await panelText()).not.toContain("Leave");
    await screenshot("2-import");

    // The panel folds away from the form and comes back.
    await action("toggle").click();
    expect(await action("toggle").getAttribute("aria-expanded")).toBe("false");
    expect(await action("fill-import").count()).toBe(0);
    await action("toggle").click();
    expect(await action("fill-import").count()).toBe(1);

    // The user presses the console's Save.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const post = await until(async () => harness.log().find((entry) => entry.method === "POST" && entry.path.replace(/\/$/, "") === "/admin/realms/acme/clients"), "the POST of the new client");
    expect(post.status).toBe(201);
    // The import form's own "Client signature required" / "Encrypt assertions" switches took the file's values.
    // A switch the wizard clicked is sent as the JSON boolean, one the console left as read from the file as the string:
    // Keycloak stores both as "false" (its attributes are strings), so both are Off.
    const attributes = (post.body as { attributes?: Record<string, unknown> } | undefined)?.attributes ?? {};
    expect(post.body).toMatchObject({ clientId: CLIENT_ID, protocol: "saml", attributes: { saml_assertion_consumer_url_post: `${SENTRY_URL}/saml/acs/${ORG}/` } });
    expect([String(attributes["saml.client.signature"]), String(attributes["saml.encrypt"])]).toEqual(["false", "false"]);

    // What the backend stored, read the way the overlay reads it: the client, its default scopes, the realm's scopes.
    const admin = async <T>(path: string): Promise<T> => (await (await fetch(`${harness.url}/admin/realms/acme/${path}`)).json()) as T;
    const stored = await admin<Array<Record<string, unknown>>>(`clients?clientId=${encodeURIComponent(CLIENT_ID)}`);
    expect(stored).toHaveLength(1);
    const client = clientSchema.parse(stored[0]);
    const defaultScopes = await admin<Array<{ name: string }>>(`clients/${String(client.id)}/default-client-scopes`);
    const scopes = z.array(clientScopeSchema).parse(await admin<unknown>("client-scopes"));
    const checked = checkClient(
      { kind: "client-export", realm: "acme", client: { ...client, defaultClientScopes: defaultScopes.map((scope) => scope.name) }, rawClient: stored[0] ?? {}, clientScopes: scopes },
      preset(),
    );
    const problems = checked.findings.filter((finding) => finding.severity === "error" || finding.severity === "warning");

    // The console lands on the new client; the wizard hands over to the overlay's checks and counts what is left.
    await until(async () => (await step()) === "checks", "the checks step");
    const remaining = panel().locator("[data-remaining]");
    await remaining.waitFor();
    expect(problems.map((finding) => finding.id)).toEqual([]);
    // Every tab is clean and saved, so the wizard walks Settings → Keys → Advanced by itself, then step 4 on Client
    // scopes: only there has the console fetched the realm's scopes, and the overlay sees that role_list is not assigned.
    await until(async () => (await step()) === "mappers", "the mappers step");
    await until(() => page.evaluate(() => /\/clientScopes(\/setup)?$/.test(location.hash)), "the wizard at the Client scopes tab");
    await until(async () => (await panelText()).includes("The mappers are right"), "the wizard's mapper check done");
    await expect.poll(() => page.locator('[data-saml-lens="summary"] ul[aria-label="Findings"] li').count()).toBe(0);
    // The client the wizard made has no security finding but those Sentry forbids fixing, and the card says why.
    const securityLine = panel().locator(".mapper-check [data-security]");
    expect(await securityLine.getAttribute("data-security")).toBe("0");
    expect(await securityLine.textContent()).toContain("Client signature required Off: Sentry does not sign AuthnRequests; compensated by exact Valid redirect URIs");
    expect(await page.locator('[data-saml-lens="summary"] details[aria-label="Security"] li:not([data-accepted="true"])').count()).toBe(0);

    await action("next").click();
    await until(async () => (await step()) === "sentry", "the Sentry side step");
    const text = await panelText();
    expect(text).toContain(`${harness.url}/realms/acme/protocol/saml/descriptor`);
    expect(text).toContain('SENTRY_FEATURES["auth:register"] = False');
    expect(text).toContain("added to the organization");
    expect(await panel().locator('[data-action="copy-metadata-url"]').getAttribute("aria-label")).toBe("Copy Metadata URL");
    // For a Sentry that cannot reach this Keycloak: the realm's descriptor itself, read from the console's origin.
    const descriptor = panel().locator('textarea[name="descriptor"]');
    await descriptor.waitFor();
    expect(await descriptor.inputValue()).toBe((await (await fetch(`${harness.url}/realms/acme/protocol/saml/descriptor`)).text()).trim());
    expect(await descriptor.inputValue()).toContain(`entityID="${harness.url}/realms/acme"`);
    // The bench's Keycloak is on 127.0.0.1: the private-address advice is given once, not twice.
    expect(text).toContain("looks private");
    expect(text).not.toContain("e.g. a private address");
    // A long URL wraps after its slashes, never inside a word: every line of the Metadata URL ends at a break point.
    const lines = await panel().locator("dd code").first().evaluate((code) => {
      const range = document.createRange();
      const ends: string[] = [];
      let top: number | null = null;
      let line = "";
      for (const node of Array.from(code.childNodes)) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        for (let index = 0; index < (node.textContent ?? "").length; index += 1) {
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          const rect = range.getClientRects()[0];
          if (rect !== undefined && top !== null && rect.top > top + 2) {
            ends.push(line);
            line = "";
          }
          if (rect !== undefined) top = rect.top;
          line += node.textContent?.[index] ?? "";
        }
      }
      return ends;
    });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/[/.\-?&=#]$/);
    await screenshot("5-sentry");
    await action("finish").click();
    await until(async () => (await panel().count()) === 0, "the panel closing");
  });

  it("takes Sentry's SP metadata (XML generated by python3-saml) instead of the URL and slug", async () => {
    await startFromClientsList();
    // The wizard's code is injected only once the user started it; content.js keeps the start button only.
    await panel().locator('input[value="sp-metadata"]').check();
    expect(await panel().locator('input[name="urlPrefix"]').isVisible()).toBe(false);
    const metadata = panel().locator('textarea[name="spMetadata"]');
    await metadata.fill(readFileSync(join(ROOT, "test/fixtures/keycloak/sentry-sp-metadata/generic-signed-sp.xml"), "utf8"));
    await action("next").click();
    await panel().locator("#error-spMetadata").waitFor();
    expect(await panel().locator("#error-spMetadata").textContent()).toContain("not a Sentry organization");
    expect(await metadata.getAttribute("aria-invalid")).toBe("true");
    expect(await step()).toBe("where");
    await metadata.fill(readFileSync(join(ROOT, "test/fixtures/keycloak/sentry-sp-metadata/self-hosted-subpath-port.xml"), "utf8"));
    await action("next").click();
    await until(async () => (await step()) === "import", "the import step");
    expect(await panelText()).toContain("https://tools.example.org:8443/sentry/saml/metadata/platform-team/");
    // Back shows what the metadata named, as Sentry's URL and slug.
    await action("back").click();
    await until(async () => (await step()) === "where", "the first step again");
    expect(await panel().locator('input[name="urlPrefix"]').inputValue()).toBe("https://tools.example.org:8443/sentry");
    expect(await panel().locator('input[name="orgSlug"]').inputValue()).toBe("platform-team");
    await action("cancel").click();
    expect(writes(harness)).toEqual([]);
  });

  it("starts from the popup on a console tab, at step 1 for the realm of the route", async () => {
    await page.goto(harness.consoleUrl("acme", "realm-settings"));
    await page.locator('[data-saml-lens="chip"]').waitFor({ state: "attached" });
    expect(await panel().count()).toBe(0);
    const worker = browser.context.serviceWorkers()[0];
    if (worker === undefined) throw new Error("no service worker");
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${harness.url}/admin/*`);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html?tabId=${String(tabId)}`);
    await popup.getByTestId("start-wizard").click();
    await until(async () => (await step()) === "where", "the wizard's first step in the console tab");
    expect(await panelText()).toContain("Keycloak realm: acme");
    await popup.close();
    // The wizard's progress belongs to the tab: a reload brings it back.
    await page.reload();
    await until(async () => (await panel().count()) === 1 && (await step()) === "where", "the first step after a reload");
    await action("cancel").click();
    await until(async () => (await panel().count()) === 0, "the panel closing");
  });

  it("walks the client's tabs with the overlay: Fix all on this tab, the user's Save, then the next tab", async () => {
    // A client with mistakes on every tab, as the by-hand path leaves it: the wizard's progress is put at step 3 for it.
    await putProgress({ step: "checks", kind: "sentry-self-hosted", urlPrefix: "https://sentry.acme.test", orgSlug: "acme-broken", clientUuid: BROKEN_CLIENT, checkTab: "settings" });
    // Only a new hash so far: the reload is the console's page load that finds the tab's progress.
    await page.goto(harness.consoleUrl("acme", `clients/${BROKEN_CLIENT}/settings`));
    await page.reload();
    const tabCheck = panel().locator(".tab-check");
    await until(async () => (await tabCheck.getAttribute("data-tab")) === "settings" && Number(await tabCheck.getAttribute("data-findings")) > 0, "the Settings findings in the wizard");
    const settingsFindings = Number(await tabCheck.getAttribute("data-findings"));
    await screenshot("3-checks");
    expect(await panel().locator('ol[aria-label="Tabs of the client"] [aria-current="step"]').textContent()).toBe("Settings");

    await action("fix-all").click();
    await until(async () => (await panelText()).includes("press the console's Save"), "the wizard asking for Save");
    expect(await tabCheck.getAttribute("data-tab")).toBe("settings");
    expect(clientPuts(harness, BROKEN_CLIENT)).toEqual([]);

    await page.locator('[data-testid="settings-save"]').click();
    await until(async () => clientPuts(harness, BROKEN_CLIENT).length === 1, "the user's Save");
    // Clean and saved: the wizard opens Keys, where the overlay reports that tab's own findings.
    await until(() => page.evaluate(() => location.hash.endsWith("/keys")), "the Keys tab");
    await until(async () => (await tabCheck.getAttribute("data-tab")) === "keys" && Number(await tabCheck.getAttribute("data-findings")) > 0, "the Keys findings in the wizard");
    expect(await panelText()).toContain("Settings: nothing left to fix, and saved");
    expect(settingsFindings).toBeGreaterThan(0);
    // A reload resumes at the same tab.
    await page.reload();
    await until(async () => (await tabCheck.getAttribute("data-tab")) === "keys", "the Keys tab after a reload");
    expect(clientPuts(harness, BROKEN_CLIENT)).toHaveLength(1);
    await action("cancel").click();
  });

  it("step 4 on a client without mappers: removes role_list and adds the e-mail and identifier mappers through the console's own forms", async () => {
    // The client as Create client leaves it: every setting right, but no mappers and the realm's default scopes (role_list).
    const { protocolMappers: _mappers, defaultClientScopes: _scopes, ...bare } = newClientForPreset(preset());
    const created = await fetch(`${harness.url}/admin/realms/acme/clients`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(bare) });
    expect(created.status).toBe(201);
    const uuid = (created.headers.get("location") ?? "").split("/").pop() ?? "";
    const before = await storedCheck(CLIENT_ID, preset());
    expect(before.findings.filter((finding) => finding.severity === "error").map((finding) => finding.id).sort()).toEqual(["mapper.duplicate-attribute-name", "mapper.email", "mapper.identifier"]);
    harness.clearLog();

    await putProgress({ step: "mappers", kind: "sentry-self-hosted", urlPrefix: SENTRY_URL, orgSlug: ORG, clientUuid: uuid });
    await page.goto(harness.consoleUrl("acme", `clients/${uuid}/settings`));
    await page.reload();
    await until(async () => (await step()) === "mappers", "the mappers step");
    await action("open-scopes").click();
    const tasks = panel().locator(".mapper-check");
    await until(async () => Number(await tasks.getAttribute("data-tasks")) === 3, "three mapper tasks in the wizard");
    await screenshot("4-mappers");
    const task = (finding: string) => panel().locator(`[data-action="mapper-task"][data-finding="${finding}"]`);

    // role_list: the wizard opens the row's own menu; the user clicks Remove and confirms.
    await task("mapper.duplicate-attribute-name").click();
    await page.getByRole("menuitem", { name: "Remove" }).click();
    await page.locator('[role="dialog"] [data-testid="confirm"]').click();
    await until(async () => harness.log().some((entry) => entry.method === "DELETE" && entry.path.startsWith(`/admin/realms/acme/clients/${uuid}/default-client-scopes/`)), "the user's removal of role_list");
    await until(async () => Number(await tasks.getAttribute("data-tasks")) === 2, "two mapper tasks left");

    // Each missing mapper: the form Add mapper › By configuration › User Property opens, filled in; the user saves it.
    const mappers = `/admin/realms/acme/clients/${uuid}/protocol-mappers/models`;
    for (const [finding, name] of [
      ["mapper.email", "user_email"],
      ["mapper.identifier", "user_id"],
    ] as const) {
      await until(async () => (await task(finding).count()) === 1, `the task ${finding}`);
      expect(await task(finding).textContent()).toBe(`Add the mapper ${name}`);
      await task(finding).click();
      await until(async () => page.url().endsWith("/dedicated/mappers/saml-user-property-mapper/new"), "the new mapper form");
      await until(async () => (await page.locator('[id="config.attribute\u{1F37A}name"]').inputValue()) === name, "SAML Attribute Name filled in");
      expect(harness.log().filter((entry) => entry.method === "POST" && entry.path === mappers)).toHaveLength(name === "user_email" ? 0 : 1);
      await page.locator('[data-testid="save"]').click();
      const post = await until(async () => harness.log().find((entry) => entry.method === "POST" && entry.path === mappers && (entry.body as { name?: string }).name === name), `the ${name} mapper's POST`);
      expect(post.body).toMatchObject({ protocolMapper: "saml-user-property-mapper", config: { "attribute.name": name, "attribute.nameformat": "Basic" } });
      await until(async () => /\/clientScopes\/dedicated(\/mappers)?$/.test(page.url()), "back on the Mappers list", 10_000);
    }
    await until(async () => (await panelText()).includes("The mappers are right"), "the wizard's mapper check done");
    const after = await storedCheck(CLIENT_ID, preset());
    expect(after.findings.filter((finding) => finding.severity === "error" || finding.severity === "warning").map((finding) => finding.id)).toEqual([]);
    await action("next").click();
    await until(async () => (await step()) === "sentry", "the Sentry side step");
    await action("cancel").click();
  });

  /** The user's part of step 4: each task's button, then Remove + confirm in the console, or the mapper form's Save. */
  async function doMapperTasksAsTheUser(): Promise<void> {
    await until(async () => (await step()) === "mappers", "the mappers step");
    const deadline = Date.now() + 60_000;
    while (!(await panelText()).includes("The mappers are right")) {
      if (Date.now() > deadline) throw new Error(`step 4 did not finish: ${await panelText()}`);
      if ((await action("open-scopes").count()) === 1 && (await action("mapper-task").count()) === 0) await action("open-scopes").click();
      const task = panel().locator('[data-action="mapper-task"]').first();
      if ((await task.count()) === 0) {
        await page.waitForTimeout(200);
        continue;
      }
      // The list is redrawn as the overlay checks again: a task gone meanwhile is looked for anew.
      const finding = await shownAttribute(task, "data-finding");
      if (finding === null) continue;
      const before = writes(harness).length;
      // That task's own button: the list may be redrawn in another order while the overlay checks again.
      await panel().locator(`[data-action="mapper-task"][data-finding="${finding ?? ""}"]`).click();
      if (finding === "mapper.duplicate-attribute-name") {
        await page
          .getByRole("menuitem", { name: "Remove" })
          .click({ timeout: 10_000 })
          .catch(async (error: unknown) => {
            throw new Error(`${String(error)}\nwizard: ${await panelText()}\nat ${page.url()}`);
          });
        await page.locator('[role="dialog"] [data-testid="confirm"]').click();
      } else {
        await until(async () => page.url().endsWith("/new"), "the new mapper form");
        await until(async () => (await page.locator('[id="config.attribute\u{1F37A}name"]').inputValue()) !== "", "the mapper form filled in");
        await page.locator('[data-testid="save"]').click();
      }
      await until(async () => writes(harness).length > before, `the user's change for ${finding ?? "?"}`);
      await until(async () => (await panel().locator(`[data-action="mapper-task"][data-finding="${finding ?? ""}"]`).count()) === 0 || (await panelText()).includes("The mappers are right"), `the task ${finding ?? "?"} done`, 15_000);
    }
  }

  it("from an empty realm by hand: fills each Create client step, and the user's clicks end with a client that passes check-client", async () => {
    await page.goto(harness.consoleUrl("empty", "clients"));
    const start = page.locator('[data-saml-lens="wizard-start"] button');
    await start.waitFor({ state: "visible" });
    await start.click();
    await until(async () => (await step()) === "where", "the wizard's first step");
    await enterWhere(SENTRY_URL, ORG);
    await until(async () => (await step()) === "import", "step 2");
    await action("by-hand").click();
    await until(async () => (await step()) === "create", "the by-hand path");
    await action("open-create").click();
    await until(() => page.evaluate(() => location.hash.endsWith("/empty/clients/add-client")), "the Create client page");

    // General settings: Client type SAML, Client ID, Name — filled in and outlined; the user presses Next.
    await until(async () => (await action("fill-create").count()) === 1, "the General settings step");
    await action("fill-create").click();
    await until(async () => (await page.locator('[id="clientId"]').inputValue()) === CLIENT_ID, "the Client ID filled in");
    // The wizard types field after field, as a user would: the Name comes a moment after the Client ID.
    await until(async () => (await page.locator('[id="name"]').inputValue()) === "Sentry", "the Name filled in");
    expect(await page.locator('button[id="protocol"]').textContent()).toBe("SAML");
    expect(await page.locator('[id="clientId"]').getAttribute("data-saml-lens-filled")).toBe("");
    expect(await panelText()).toContain("press the console's Next");
    await screenshot("2-create");
    expect(writes(harness)).toEqual([]);
    await page.locator(".pf-v5-c-wizard__footer button[type=submit]").click();

    // Login settings: the user presses Save.
    await until(async () => (await panelText()).includes("Fill in Login settings"), "the Login settings step");
    await action("fill-create").click();
    await until(async () => (await page.locator('[name="redirectUris.0.value"]').inputValue()) === `${SENTRY_URL}/saml/acs/${ORG}/`, "Valid redirect URIs filled in");
    expect(await page.locator('[id="attributes.saml_idp_initiated_sso_url_name"]').inputValue()).toBe(ORG);
    expect(writes(harness)).toEqual([]);
    await page.locator(".pf-v5-c-wizard__footer button[type=submit]").click();
    const post = await until(async () => harness.log().find((entry) => entry.method === "POST" && entry.path.replace(/\/$/, "") === "/admin/realms/empty/clients"), "the POST of the new client");
    expect(post.body).toMatchObject({ clientId: CLIENT_ID, protocol: "saml", name: "Sentry", redirectUris: [`${SENTRY_URL}/saml/acs/${ORG}/`], adminUrl: "" });

    // The new client's page: steps 3 and 4 as for an imported client, with more to fix (Keycloak's defaults).
    await until(async () => (await step()) === "checks", "the checks step");
    const fixed = await walkChecksAsTheUser(page);
    expect(fixed).toContain("keys");
    await doMapperTasksAsTheUser();
    const checked = await storedCheckIn("empty", CLIENT_ID, preset());
    expect(checked.findings.filter((finding) => finding.severity === "error").map((finding) => finding.id)).toEqual([]);
    await action("cancel").click();
  });

  it("from an empty realm by import: the user's Save and the wizard's walk end with a client that passes check-client", async () => {
    await page.goto(harness.consoleUrl("empty", "clients"));
    const start = page.locator('[data-saml-lens="wizard-start"] button');
    await start.waitFor({ state: "visible" });
    await start.click();
    await until(async () => (await step()) === "where", "the wizard's first step");
    await enterWhere(SENTRY_URL, ORG);
    await until(async () => (await step()) === "import", "step 2");
    await action("open-import").click();
    await action("fill-import").click();
    await until(async () => (await page.locator('[data-testid="clientId"]').inputValue()) === CLIENT_ID, "the console's form showing the client");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await until(async () => harness.log().some((entry) => entry.method === "POST" && entry.path.replace(/\/$/, "") === "/admin/realms/empty/clients"), "the POST of the new client");
    await until(async () => (await step()) === "checks", "the checks step");
    expect(await walkChecksAsTheUser(page)).toEqual([]);
    await doMapperTasksAsTheUser();
    const checked = await storedCheckIn("empty", CLIENT_ID, preset());
    expect(checked.findings.filter((finding) => finding.severity === "error" || finding.severity === "warning").map((finding) => finding.id)).toEqual([]);
    await action("cancel").click();
  });

  it("step 6: the test login from Keycloak is recorded and judged: accepted as python3-saml accepts it, or the failing finding", async () => {
    for (const [org, broken] of [
      ["wizard-login", false],
      ["wizard-broken", true],
    ] as const) {
      const orgPreset = sentrySelfHostedPreset({ urlPrefix: bench.sp.urlPrefix, orgSlug: org });
      if (!orgPreset.ok) throw new Error(orgPreset.error.message);
      // The broken client keeps the realm's default scopes, role_list among them: one Role attribute per role.
      const { defaultClientScopes: _scopes, ...withRoleList } = newClientForPreset(orgPreset.preset);
      const client = broken ? withRoleList : newClientForPreset(orgPreset.preset);
      const created = await fetch(`${harness.url}/admin/realms/empty/clients`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(client) });
      expect(created.status).toBe(201);
      const uuid = (created.headers.get("location") ?? "").split("/").pop() ?? "";
      // What step 5 tells the user to enter in Sentry.
      await bench.trustRealm(org, "empty", { identifier: "user_id", user_email: "user_email" });

      await putProgress({ step: "login", kind: "sentry-self-hosted", urlPrefix: bench.sp.urlPrefix, orgSlug: org, clientUuid: uuid }, "empty");
      await page.goto(harness.consoleUrl("empty", `clients/${uuid}/settings`));
      await page.reload();
      await until(async () => (await step()) === "login", "the test login step");
      const answered = (await bench.sp.results()).length;
      const opened = browser.context.waitForEvent("page");
      await action("login-keycloak").click();
      const login = await opened;
      await login.waitForURL(`${harness.url}/realms/empty/protocol/saml/clients/${org}**`);
      await login.locator("#username").fill(DEMO_USER.username);
      await login.locator("#password").fill(DEMO_USER.password);
      await login.locator("#kc-login").click();
      // A response python3-saml raises on (a 500 for the user) is recorded without its org: take the newest answer.
      const result = await until(async () => ((await bench.sp.results()).length > answered ? (await bench.sp.results()).at(-1) : undefined), `python3-saml's answer for ${org}`);

      const verdict = panel().locator(".login-result");
      await until(async () => (await shownAttribute(verdict, "data-state")) === "verdict", `the wizard's verdict for ${org}`, 20_000);
      const text = (await verdict.textContent()) ?? "";
      if (broken) {
        expect(result.outcome).toBe("server-error");
        expect(result.error).toMatch(/duplicated Name/);
        expect(await verdict.getAttribute("data-verdict")).toBe("reject");
        expect(await verdict.locator('li[data-finding="attribute.duplicate-name"]').count()).toBe(1);
        expect(text).toContain("Rejected");
      } else {
        expect(result.outcome).toBe("logged-in");
        expect(await verdict.getAttribute("data-verdict")).toBe("accept");
        expect(text).toContain("Accepted: Sentry accepts this response.");
        // What the verdict took for granted, in words.
        expect(await verdict.locator(".assumed").textContent()).toContain("IdP User ID = user_id, User Email = user_email");
        await screenshot("6-login");
      }
      await login.close();
      await action("cancel").click();
      // What the test login started, the wizard's end stopped: the recorder records the two sites no more.
      const worker = browser.context.serviceWorkers()[0];
      if (worker === undefined) throw new Error("no service worker");
      const recorder = await browser.context.newPage();
      await recorder.goto(`chrome-extension://${new URL(worker.url()).host}/recorder.html`);
      await expect.poll(() => recorder.getByTestId("recorder-status").innerText(), { timeout: 10_000 }).toContain("Not recording");
      await recorder.close();
    }
  });

  it("Cancel midway leaves the backend untouched and closes the wizard for good", async () => {
    await startFromClientsList();
    await enterWhere(SENTRY_URL, ORG);
    await until(async () => (await step()) === "import", "the import step");
    await action("open-import").click();
    await action("fill-import").click();
    await until(async () => (await page.locator('[data-testid="clientId"]').inputValue()) === CLIENT_ID, "the console's form showing the client");
    await action("cancel").click();
    await until(async () => (await panel().count()) === 0, "the panel closing");
    expect(writes(harness)).toEqual([]);
    await page.reload();
    await page.locator('[data-testid="clientId"]').waitFor();
    expect(await panel().count()).toBe(0);
    expect(writes(harness)).toEqual([]);
  });
});

describe("Firefox ESR: the wizard's import path", () => {
  let harness: Harness;
  let profile: { dir: string; remove: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    harness = await startHarness({ locale: "en" });
    profile = await tempProfile("wizard-firefox");
    browser = await launchFirefoxWithExtension(profile.dir);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await profile?.remove();
  });

  it("fills Import client from the content script, and the user's Save creates the client", async () => {
    const options = await browser.newPage();
    void options.goto(`moz-extension://${FIREFOX_UUID}/options.html`).catch(() => undefined);
    await until(() => options.evaluate(() => document.readyState === "complete" && location.protocol === "moz-extension:"), "the options page");
    await options.evaluate(() =>
      (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: "origins.enable", payload: { pattern: "http://127.0.0.1/*" } }),
    );
    const page = await browser.newPage();
    await page.goto(harness.consoleUrl("acme", "clients"));
    // The panel lives in open shadow roots; the page's own script reaches them as a user's clicks would.
    const inShadow = (host: string, selector: string, act: "click" | "exists", value?: string) =>
      page.evaluate(
        (host, selector, act, value) => {
          const element = document.querySelector(`[data-saml-lens="${host}"]`)?.shadowRoot?.querySelector<HTMLElement>(selector);
          if (element == null) return false;
          if (value !== undefined && element instanceof HTMLInputElement) element.value = value;
          if (act === "click") element.click();
          return true;
        },
        host,
        selector,
        act,
        value,
      );
    await until(() => inShadow("wizard-start", "button", "click"), "the start button", 20_000);
    await until(() => inShadow("wizard", 'input[name="urlPrefix"]', "exists", SENTRY_URL), "the Where step");
    await inShadow("wizard", 'input[name="orgSlug"]', "exists", ORG);
    await inShadow("wizard", '[data-action="next"]', "click");
    await until(() => inShadow("wizard", '[data-action="open-import"]', "click"), "the import step");
    await until(() => inShadow("wizard", '[data-action="fill-import"]', "click"), "the Import client page");
    await until(() => page.evaluate((id) => document.querySelector<HTMLInputElement>('[data-testid="clientId"]')?.value === id, CLIENT_ID), "the console's form showing the client");
    expect(writes(harness)).toEqual([]);
    await page.evaluate(() => Array.from(document.querySelectorAll<HTMLButtonElement>('button[type="submit"]')).find((button) => button.textContent?.trim() === "Save")?.click());
    const post = await until(async () => harness.log().find((entry) => entry.method === "POST" && entry.path.replace(/\/$/, "") === "/admin/realms/acme/clients"), "the POST of the new client", 20_000);
    expect(post.body).toMatchObject({ clientId: CLIENT_ID, protocol: "saml" });
    await until(() => page.evaluate(() => document.querySelector('[data-saml-lens="wizard"]')?.getAttribute("data-step") === "checks"), "the checks step", 20_000);
    await Promise.all([page.close(), options.close()]);
  });
});
