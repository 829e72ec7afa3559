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
import { clientSchema, clientScopeSchema } from "../../src/core/client-check/input.js";
import { sentrySelfHostedPreset } from "../../src/core/presets/sentry-self-hosted.js";
import type { Preset } from "../../src/core/presets/schema.js";
import { startBench, type Bench } from "../harness/bench.js";
import { startHarness, type Harness, type LogEntry } from "../harness/index.js";
import { CHROMIUM, FIREFOX, FIREFOX_UUID, ROOT, browserAvailable, launchFirefoxWithExtension, tempProfile, until } from "./support/browsers.js";
import { BROKEN_CLIENT, clientPuts, extensionErrors, launchWithOverlay, watchErrors, type OverlayBrowser } from "./support/overlay.js";

const SENTRY_URL = "https://sentry.wizard.test";
const ORG = "wizard-org";
const CLIENT_ID = `${SENTRY_URL}/saml/metadata/${ORG}/`;

function preset(): Preset {
  const result = sentrySelfHostedPreset({ urlPrefix: SENTRY_URL, orgSlug: ORG });
  if (!result.ok) throw new Error(result.error.message);
  return result.preset;
}

const writes = (harness: Harness): LogEntry[] => harness.log().filter((entry) => entry.method === "POST" || entry.method === "PUT" || entry.method === "DELETE");

describe.skipIf(!browserAvailable(CHROMIUM))("Set up Sentry SSO wizard on the real console", () => {
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
  /** SAML_LENS_SCREENSHOTS=1 writes the README's screenshot sequence (the panel only, to keep the files small). */
  const screenshot = async (name: string) => {
    if (process.env.SAML_LENS_SCREENSHOTS === "1") await panel().screenshot({ path: join(ROOT, "docs/screenshots", `wizard-${name}.png`), scale: "css" });
  };

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
    expect(await panelText()).toContain('Leave "Encrypt assertions" and "Client signature required" as they are');
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
    expect(post.body).toMatchObject({
      clientId: CLIENT_ID,
      protocol: "saml",
      attributes: { saml_assertion_consumer_url_post: `${SENTRY_URL}/saml/acs/${ORG}/`, "saml.client.signature": "false", "saml.encrypt": "false" },
    });

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
    // Every tab is clean and saved, so the wizard walks Settings → Keys → Advanced → Client scopes by itself; only on
    // Client scopes has the console fetched the realm's scopes, and the overlay sees that role_list is not assigned.
    await until(() => page.evaluate(() => location.hash.endsWith("/clientScopes")), "the wizard at the Client scopes tab");
    await until(async () => (await remaining.getAttribute("data-remaining")) === "0", "no findings left in the wizard");
    await expect.poll(() => page.locator('[data-saml-lens="summary"] li').count()).toBe(0);
    expect(await panel().locator(".tab-check").getAttribute("data-tab")).toBe("clientScopes");
    await until(async () => (await panelText()).includes("Every tab is clean and saved"), "the wizard's walk done");
    await screenshot("3-checks");
    expect(await panelText()).toContain("ready for Sentry");

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
    await screenshot("4-sentry");
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
    await page.goto(harness.consoleUrl("acme", "realm-settings"));
    await page.locator('[data-saml-lens="chip"]').waitFor({ state: "attached" });
    const worker = browser.context.serviceWorkers()[0];
    if (worker === undefined) throw new Error("no service worker");
    await worker.evaluate(
      async ({ pattern, origin, uuid }) => {
        const tabId = (await chrome.tabs.query({ url: pattern }))[0]?.id;
        const progress = { step: "checks", kind: "sentry-self-hosted", urlPrefix: "https://sentry.acme.test", orgSlug: "acme-broken", clientUuid: uuid, checkTab: "settings" };
        await chrome.storage.session.set({ wizardProgress: { [`${String(tabId)} ${origin} acme`]: progress } });
      },
      { pattern: `${harness.url}/admin/*`, origin: harness.url, uuid: BROKEN_CLIENT },
    );
    // Only a new hash so far: the reload is the console's page load that finds the tab's progress.
    await page.goto(harness.consoleUrl("acme", `clients/${BROKEN_CLIENT}/settings`));
    await page.reload();
    const tabCheck = panel().locator(".tab-check");
    await until(async () => (await tabCheck.getAttribute("data-tab")) === "settings" && Number(await tabCheck.getAttribute("data-findings")) > 0, "the Settings findings in the wizard");
    const settingsFindings = Number(await tabCheck.getAttribute("data-findings"));
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

describe.skipIf(!browserAvailable(FIREFOX))("Firefox ESR: the wizard's import path", () => {
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
